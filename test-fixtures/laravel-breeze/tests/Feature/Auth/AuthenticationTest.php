<?php

namespace Tests\Feature\Auth;

use Illuminate\Support\Facades\Auth;
use Illuminate\Support\Facades\Route;
use Tests\TestCase;

class AuthenticationTest extends TestCase
{
    public function test_users_can_logout(): void
    {
        Route::post('/test-logout', function () {
            Auth::logout();

            return 'ok';
        });

        $this->post('/test-logout')->assertOk();
    }
}
