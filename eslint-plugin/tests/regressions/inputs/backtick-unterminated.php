<?php

namespace App\Http\Controllers;

use Illuminate\Support\Facades\Auth;

class RegressionController extends Controller
{
    public function logout()
    {
        Route::post("/x", function () {
`${
            Auth::logout();

            return redirect("/");
        });
    }
}
