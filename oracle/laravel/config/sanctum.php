<?php

return [
    // Like laravel/sanctum's default: the session guards tried before the bearer token.
    'guard' => ['web'],
    'expiration' => null,
];
