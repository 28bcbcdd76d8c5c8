<?php

use App\Http\Controllers\SpaSessionController;
use Illuminate\Support\Facades\Route;

Route::post('/logout', [SpaSessionController::class, 'destroy'])
    ->middleware('auth:sanctum')
    ->name('logout');
