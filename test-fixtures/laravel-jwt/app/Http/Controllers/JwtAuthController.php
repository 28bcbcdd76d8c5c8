<?php

namespace App\Http\Controllers;

use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;

class JwtAuthController extends Controller
{
    public function logout(): JsonResponse
    {
        auth('api')->logout();

        return response()->json(['message' => 'Successfully logged out']);
    }

    public function logoutDefault(): JsonResponse
    {
        auth()->logout(true);

        return response()->json(['message' => 'Successfully logged out']);
    }

    public function forgetEverything(Request $request): JsonResponse
    {
        auth('api')->invalidate(true);
        $request->session()->flush();

        return response()->json(['message' => 'Token invalidated']);
    }
}
