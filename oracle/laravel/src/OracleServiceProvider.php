<?php

namespace Oracle\Laravel;

use Illuminate\Auth\RequestGuard;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Auth;
use Illuminate\Support\Facades\Route;
use Illuminate\Support\ServiceProvider;
use Laravel\Sanctum\Http\Middleware\EnsureFrontendRequestsAreStateful;

/**
 * What laravel/sanctum's service provider does for the guard, plus the oracle's own routes and the
 * scenario project's routes/web.php inside the `web` group (as RouteServiceProvider / withRouting do).
 */
class OracleServiceProvider extends ServiceProvider
{
    public function register()
    {
        // Sanctum merges this guard into auth.guards; provider null = the default user provider.
        config(['auth.guards.sanctum' => array_merge(
            ['driver' => 'sanctum', 'provider' => null],
            config('auth.guards.sanctum', [])
        )]);

        $this->callAfterResolving('auth', function ($auth) {
            $auth->viaRequest('sanctum', new SessionFirstGuard($auth));
        });

        // GuardHelpers::forgetUser() arrived in laravel/framework v9.44.0 (commit 73685ff128) with the
        // body below. The Debian framework is 8.83, so the oracle adds the same method to RequestGuard
        // (which is Macroable) — the bound closure sets the guard's cached user to null exactly like
        // the 9.44 method, so `Auth::guard('sanctum')->forgetUser()` behaves as on 9.44+.
        if (! method_exists(RequestGuard::class, 'forgetUser') && ! RequestGuard::hasMacro('forgetUser')) {
            RequestGuard::macro('forgetUser', function () {
                $this->user = null;

                return $this;
            });
        }
    }

    public function boot()
    {
        // bootstrap/app.php (Laravel 11+) cannot run on 8.83; the oracle honours the one call in it
        // that changes logout behaviour, `$middleware->statefulApi()`.
        $bootstrap = base_path('bootstrap/app.php');
        if (is_file($bootstrap) && preg_match('/->\s*statefulApi\s*\(/', file_get_contents($bootstrap))) {
            $this->app['router']->prependMiddlewareToGroup('api', EnsureFrontendRequestsAreStateful::class);
        }

        $this->app->booted(function () {
            $apiRoutes = base_path('routes/api.php');
            if (is_file($apiRoutes)) {
                Route::prefix('api')->middleware('api')->group($apiRoutes);
            }
            Route::middleware('web')->group(function () {
                $this->oracleRoutes();
                $projectRoutes = base_path('routes/web.php');
                if (is_file($projectRoutes)) {
                    require $projectRoutes;
                }
            });
        });
    }

    /** Routes the test drives around the scenario's own logout route. */
    private function oracleRoutes()
    {
        Route::get('/oracle/csrf', function () {
            return response()->json(['token' => csrf_token()]);
        });

        // A Breeze-style login: attempt on the session guard, then regenerate the session id.
        Route::post('/oracle/login', function (Request $request) {
            if (! Auth::guard('web')->attempt($request->only('email', 'password'))) {
                return response()->json(['message' => 'invalid credentials'], 422);
            }
            $request->session()->regenerate();

            return response()->json(['id' => Auth::guard('web')->id()]);
        });

        // Any POST through VerifyCsrfToken: 200 when the token is accepted, 419 when not.
        Route::post('/oracle/csrf-probe', function () {
            return response()->json(['accepted' => true]);
        });

        // The `auth` route a replayed cookie is sent to.
        Route::get('/oracle/me', function (Request $request) {
            return response()->json(['id' => $request->user()->getAuthIdentifier()]);
        })->middleware('auth');

        // Which user the sanctum guard sees (session first, then bearer token).
        Route::get('/oracle/sanctum-me', function (Request $request) {
            return response()->json(['id' => $request->user()->getAuthIdentifier()]);
        })->middleware('auth:sanctum');
    }
}
