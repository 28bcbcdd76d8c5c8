<?php

return [
    'default' => 'sqlite',
    'connections' => [
        'sqlite' => [
            'driver' => 'sqlite',
            // One database file per scenario, chosen by the test (harness.php sets ORACLE_DB).
            'database' => getenv('ORACLE_DB'),
            'prefix' => '',
            'foreign_key_constraints' => true,
        ],
    ],
];
