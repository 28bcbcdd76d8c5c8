<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;
use Illuminate\Support\Facades\Auth;

class AccountController extends Controller
{
    public function signOut(Request $request)
    {
        if ($request->has('k0')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k1')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k2')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k3')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k4')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k5')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k6')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k7')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k8')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k9')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k10')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k11')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k12')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k13')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k14')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k15')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k16')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k17')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k18')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k19')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k20')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k21')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k22')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        if ($request->has('k23')) {
            Auth::logout();
        } else {
            $request->session()->invalidate();
        }
        return redirect('/');
    }
}
