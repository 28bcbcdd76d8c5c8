<?php

use Laravel\Fortify\Features;

return [

    // Copied from config/jetstream.php: Fortify's logout needs a session guard, not Sanctum's.
    'guard' => 'sanctum',

    'passwords' => 'users',

    'username' => 'email',

    'home' => '/dashboard',

    'prefix' => '',

    'domain' => null,

    'middleware' => ['web'],

    'views' => true,

    'features' => [
        Features::registration(),
        Features::resetPasswords(),
    ],

];
