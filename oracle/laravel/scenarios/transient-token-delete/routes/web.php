<?php

use App\Http\Controllers\TokenAuthController;
use Illuminate\Support\Facades\Route;

Route::post('/logout', [TokenAuthController::class, 'destroy'])
    ->middleware('auth:sanctum')
    ->name('logout');
