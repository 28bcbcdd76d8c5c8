<?php

namespace App\Http\Controllers;

use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Auth;

class AuthController extends Controller
{
    public function destroy(Request $request): JsonResponse
    {
        Auth::guard('web')->logout();
        session()->flush();
        session()->regenerate();

        return response()->json(['message' => 'Logged out']);
    }
}
