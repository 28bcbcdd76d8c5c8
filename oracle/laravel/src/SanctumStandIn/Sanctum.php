<?php

// Stand-in for the one laravel/sanctum helper a stock config/sanctum.php calls.

namespace Laravel\Sanctum;

class Sanctum
{
    public static function currentApplicationUrlWithPort()
    {
        $appUrl = config('app.url');

        return $appUrl ? ','.parse_url($appUrl, PHP_URL_HOST).(parse_url($appUrl, PHP_URL_PORT) ? ':'.parse_url($appUrl, PHP_URL_PORT) : '') : '';
    }
}
