<?php

// Stand-in for laravel/sanctum's PersonalAccessToken model, so handler code written against Sanctum
// (`instanceof \Laravel\Sanctum\PersonalAccessToken`, `->delete()`) runs unchanged. Tokens have
// Sanctum's plain-text format "<id>|<secret>" and are stored as sha256 hashes.

namespace Laravel\Sanctum;

use Illuminate\Database\Eloquent\Model;

class PersonalAccessToken extends Model
{
    protected $table = 'personal_access_tokens';

    protected $guarded = [];

    public static function findToken($token)
    {
        if (strpos($token, '|') === false) {
            return static::where('token', hash('sha256', $token))->first();
        }

        [$id, $secret] = explode('|', $token, 2);

        $instance = static::find($id);

        return $instance && hash_equals($instance->token, hash('sha256', $secret)) ? $instance : null;
    }

    public function tokenable()
    {
        return $this->morphTo('tokenable');
    }
}
