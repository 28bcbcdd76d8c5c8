<?php

use App\Http\Controllers\Auth\LogoutController;
use Illuminate\Support\Facades\Route;

Route::view('/', 'welcome');
Route::post('/sign-out', LogoutController::class)->middleware('auth')->name('logout');
