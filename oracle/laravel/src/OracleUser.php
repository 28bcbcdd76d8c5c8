<?php

namespace Oracle\Laravel;

use Illuminate\Foundation\Auth\User as Authenticatable;
use Laravel\Sanctum\HasApiTokens;

/** The one user of the oracle database; aliased to App\Models\User when a scenario has no model. */
class OracleUser extends Authenticatable
{
    use HasApiTokens;

    protected $table = 'users';

    protected $guarded = [];

    protected $hidden = ['password', 'remember_token'];
}
