<?php

namespace Oracle\Laravel;

use Illuminate\Foundation\Http\Kernel;

/**
 * The HTTP kernel of the oracle app: the framework's own Kernel with the middleware a Laravel
 * skeleton puts in its `web` group (minus ShareErrorsFromSession, which needs views) and the
 * `auth` alias. Only the bootstrapping is replaced (see BootOracleApplication).
 */
class OracleHttpKernel extends Kernel
{
    protected $bootstrappers = [
        BootOracleApplication::class,
    ];

    protected $middleware = [];

    protected $middlewareGroups = [
        'web' => [
            \Illuminate\Cookie\Middleware\EncryptCookies::class,
            \Illuminate\Cookie\Middleware\AddQueuedCookiesToResponse::class,
            \Illuminate\Session\Middleware\StartSession::class,
            \Illuminate\Foundation\Http\Middleware\VerifyCsrfToken::class,
            \Illuminate\Routing\Middleware\SubstituteBindings::class,
        ],
        // Laravel 11's default api group; OracleServiceProvider prepends Sanctum's stateful
        // middleware when the project's bootstrap/app.php calls statefulApi().
        'api' => [
            \Illuminate\Routing\Middleware\SubstituteBindings::class,
        ],
    ];

    protected $routeMiddleware = [
        'auth' => \Illuminate\Auth\Middleware\Authenticate::class,
    ];
}
