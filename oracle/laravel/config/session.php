<?php

// Defaults under the scenario's config/session.php (which normally says driver=database).
return [
    'driver' => 'database',
    'lifetime' => 120,
    'expire_on_close' => false,
    'encrypt' => false,
    'files' => sys_get_temp_dir(),
    'connection' => null,
    'table' => 'sessions',
    'store' => null,
    // Never run garbage collection: it would delete rows the test inspects.
    'lottery' => [0, 100],
    'cookie' => 'laravel_session',
    'path' => '/',
    'domain' => null,
    'secure' => false,
    'http_only' => true,
    'same_site' => 'lax',
];
