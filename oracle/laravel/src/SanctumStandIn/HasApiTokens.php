<?php

// Stand-in for laravel/sanctum's HasApiTokens trait: the user carries the token that authenticated the
// current request (a PersonalAccessToken for bearer requests, a TransientToken for session requests).

namespace Laravel\Sanctum;

trait HasApiTokens
{
    protected $accessToken;

    public function tokens()
    {
        return $this->morphMany(PersonalAccessToken::class, 'tokenable');
    }

    public function currentAccessToken()
    {
        return $this->accessToken;
    }

    public function withAccessToken($accessToken)
    {
        $this->accessToken = $accessToken;

        return $this;
    }
}
