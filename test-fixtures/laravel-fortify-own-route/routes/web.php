<?php

use Illuminate\Support\Facades\Route;

// Login, logout, registration and password reset are Fortify's own routes: nothing here.
Route::view('/', 'welcome');
Route::view('/dashboard', 'dashboard')->middleware('auth');
