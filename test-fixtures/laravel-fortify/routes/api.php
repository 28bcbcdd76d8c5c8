<?php

use App\Http\Controllers\Auth\ApiSessionController;
use Illuminate\Support\Facades\Route;

Route::delete('/session', [ApiSessionController::class, 'destroy'])->middleware('auth:web');
