<?php

// Stand-in for laravel/sanctum's TransientToken (sanctum is not packaged by Debian). Written for the
// oracle, not copied: like the real class it only answers can()/cant() and has NO delete(), so a handler
// calling currentAccessToken()->delete() on a session-authenticated request fails exactly as in Sanctum.

namespace Laravel\Sanctum;

class TransientToken
{
    public function can($ability)
    {
        return true;
    }

    public function cant($ability)
    {
        return false;
    }
}
