<?php

use App\Http\Controllers\Auth\AccountSessionController;
use App\Http\Controllers\Auth\LogoutController;
use App\Http\Controllers\Auth\SpaSessionController;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Route;

Route::post('/login', [SpaSessionController::class, 'store'])->middleware('guest');

Route::middleware('auth:sanctum')->group(function () {
    Route::get('/user', function (Request $request) {
        return $request->user();
    });

    Route::post('/logout', [SpaSessionController::class, 'destroy']);
    Route::delete('/account/session', [AccountSessionController::class, 'destroy']);
    Route::post('/logout-any-client', LogoutController::class);
});
