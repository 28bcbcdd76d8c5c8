<?php

namespace App\Http\Controllers;

use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Auth;

class LogoutController extends Controller
{
    public function destroy(Request $request): JsonResponse
    {
        Auth::guard('web')->logout();

        return response()->json(['message' => 'Logged out']);
    }
}
