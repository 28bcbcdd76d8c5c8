<?php

namespace App\Http\Controllers\Auth;

use App\Http\Controllers\Controller;
use Illuminate\Http\Request;
use Illuminate\Http\Response;
use Illuminate\Support\Facades\Auth;

class AccountSessionController extends Controller
{
    /**
     * End the current browser session ("the Sanctum logout fix" found in many blog posts).
     */
    public function destroy(Request $request): Response
    {
        Auth::guard('web')->logout();

        $request->session()->flush();
        $request->session()->regenerate();

        return response()->noContent();
    }
}
