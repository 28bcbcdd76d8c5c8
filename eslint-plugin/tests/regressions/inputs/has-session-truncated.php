<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;
use Illuminate\Support\Facades\Auth;

class AccountController extends Controller
{
    public function signOut(Request $request)
    {
        Auth::logout();

        if (! $request->hasSession()) {
            r
