<?php

// Stand-in for laravel/sanctum's EnsureFrontendRequestsAreStateful (what `statefulApi()` adds to the
// api group): a request whose Referer/Origin is one of config('sanctum.stateful') goes through the
// cookie, session and CSRF middleware; any other request (a bearer-token client) has no session.

namespace Laravel\Sanctum\Http\Middleware;

use Illuminate\Cookie\Middleware\AddQueuedCookiesToResponse;
use Illuminate\Cookie\Middleware\EncryptCookies;
use Illuminate\Foundation\Http\Middleware\VerifyCsrfToken;
use Illuminate\Pipeline\Pipeline;
use Illuminate\Session\Middleware\StartSession;
use Illuminate\Support\Str;

class EnsureFrontendRequestsAreStateful
{
    public function handle($request, $next)
    {
        config(['session.http_only' => true, 'session.same_site' => 'lax']);

        $stateful = static::fromFrontend($request) ? [
            function ($request, $next) {
                $request->attributes->set('sanctum', true);

                return $next($request);
            },
            EncryptCookies::class,
            AddQueuedCookiesToResponse::class,
            StartSession::class,
            VerifyCsrfToken::class,
        ] : [];

        return (new Pipeline(app()))->send($request)->through($stateful)->then(function ($request) use ($next) {
            return $next($request);
        });
    }

    public static function fromFrontend($request)
    {
        $domain = $request->headers->get('referer') ?: $request->headers->get('origin');
        if ($domain === null) {
            return false;
        }
        $domain = Str::replaceFirst('https://', '', Str::replaceFirst('http://', '', $domain));
        $domain = Str::endsWith($domain, '/') ? $domain : "{$domain}/";
        $patterns = array_map(function ($uri) {
            return trim($uri).'/*';
        }, array_filter(config('sanctum.stateful', [])));

        return Str::is($patterns, $domain);
    }
}
