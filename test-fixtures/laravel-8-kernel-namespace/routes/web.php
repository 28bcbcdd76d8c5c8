<?php

use Illuminate\Support\Facades\Route;

Route::get('/', function () {
    return view('welcome');
});

Route::post('login', 'Auth\LoginController@login')->name('login');
Route::post('logout', 'Auth\LoginController@logout')->middleware('auth')->name('logout');

Route::get('account/sessions', 'Account\SessionsController@index')->middleware('auth');
Route::delete('account/session', 'Account\SessionsController@destroy')->name('account.session.destroy');
