<?php

return [

    'driver' => env('SESSION_DRIVER', 'database'),

    'lifetime' => (int) env('SESSION_LIFETIME', 120),

    'table' => 'sessions',

    'same_site' => 'lax',

];
