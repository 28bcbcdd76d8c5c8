<?php

use App\Http\Controllers\Api\LogoutController;
use App\Http\Controllers\Api\TokenController;
use App\Http\Controllers\SpaSessionController;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Route;

Route::post('/session', [SpaSessionController::class, 'store']);
Route::delete('/session', [SpaSessionController::class, 'destroy']);
Route::delete('/sessions', [SpaSessionController::class, 'destroyEverywhere']);

Route::middleware('auth:sanctum')->group(function () {
    Route::get('/user', fn (Request $request) => $request->user());
    Route::post('/logout', LogoutController::class);
    Route::delete('/tokens/current', [TokenController::class, 'destroy']);
});
