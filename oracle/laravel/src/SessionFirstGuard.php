<?php

namespace Oracle\Laravel;

use Illuminate\Contracts\Auth\Factory as AuthFactory;
use Illuminate\Http\Request;
use Illuminate\Support\Arr;
use Laravel\Sanctum\PersonalAccessToken;
use Laravel\Sanctum\TransientToken;

/**
 * The callback behind the `sanctum` RequestGuard, behaving like laravel/sanctum's Guard::__invoke:
 * it first asks the session guards named in config('sanctum.guard') (default ['web']) for a user and
 * returns it with a TransientToken; only when there is none does it look at the bearer token.
 * The RequestGuard around it caches whatever it returns for the rest of the request — that cache is
 * what keeps `sessions.user_id` set after a `web` logout under `auth:sanctum`.
 */
class SessionFirstGuard
{
    /** @var AuthFactory */
    private $auth;

    public function __construct(AuthFactory $auth)
    {
        $this->auth = $auth;
    }

    public function __invoke(Request $request)
    {
        foreach (Arr::wrap(config('sanctum.guard', 'web')) as $guard) {
            if ($user = $this->auth->guard($guard)->user()) {
                return $user->withAccessToken(new TransientToken());
            }
        }

        $plainToken = $request->bearerToken();
        if (! $plainToken) {
            return null;
        }

        $accessToken = PersonalAccessToken::findToken($plainToken);
        if (! $accessToken || ! $accessToken->tokenable) {
            return null;
        }

        $accessToken->forceFill(['last_used_at' => now()])->save();

        return $accessToken->tokenable->withAccessToken($accessToken);
    }
}
