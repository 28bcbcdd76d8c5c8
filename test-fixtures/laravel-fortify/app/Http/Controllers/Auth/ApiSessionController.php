<?php

namespace App\Http\Controllers\Auth;

use App\Http\Controllers\Controller;
use Illuminate\Contracts\Auth\StatefulGuard;
use Illuminate\Http\Request;
use Illuminate\Http\Response;

class ApiSessionController extends Controller
{
    public function destroy(Request $request, StatefulGuard $guard): Response
    {
        $guard->logout();

        if (! $request->hasSession()) {
            return response()->noContent();
        }

        $request->session()->invalidate();
        $request->session()->regenerateToken();

        return response()->noContent();
    }
}
