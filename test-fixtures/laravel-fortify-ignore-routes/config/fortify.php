<?php

return [

    'guard' => 'sanctum',

    'middleware' => ['web'],

];
