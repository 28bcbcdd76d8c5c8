<?php

use App\Http\Controllers\JwtAuthController;
use Illuminate\Support\Facades\Route;

Route::group(['middleware' => 'auth:api', 'prefix' => 'auth'], function () {
    Route::post('logout', [JwtAuthController::class, 'logout']);
    Route::post('logout-default', [JwtAuthController::class, 'logoutDefault']);
    Route::post('forget', [JwtAuthController::class, 'forgetEverything']);
});
