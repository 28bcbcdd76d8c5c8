<?php

namespace Oracle\Laravel;

use Illuminate\Config\Repository;
use Illuminate\Contracts\Foundation\Application;
use Illuminate\Foundation\AliasLoader;
use Illuminate\Support\Facades\Facade;

/**
 * Replaces the skeleton's bootstrappers (.env, config cache, package manifest), which expect a
 * composer-installed app. Configuration = the oracle's defaults (oracle/laravel/config) overlaid with
 * the scenario project's own config/*.php, so the auth/session config the linter reads is the config
 * the app runs with. Then facades and providers are registered and booted as the framework does.
 */
class BootOracleApplication
{
    public function bootstrap(Application $app)
    {
        $config = [];
        foreach (glob(__DIR__.'/../config/*.php') as $file) {
            $config[basename($file, '.php')] = require $file;
        }
        $app->instance('config', $repository = new Repository($config));
        // Project config files may call config() themselves (a stock config/sanctum.php does).
        foreach (glob($app->configPath().'/*.php') ?: [] as $file) {
            $key = basename($file, '.php');
            $repository->set($key, array_replace_recursive($repository->get($key, []), require $file));
        }

        $app->detectEnvironment(function () use ($repository) {
            return $repository->get('app.env', 'production');
        });
        date_default_timezone_set($repository->get('app.timezone', 'UTC'));
        mb_internal_encoding('UTF-8');

        Facade::clearResolvedInstances();
        Facade::setFacadeApplication($app);
        AliasLoader::getInstance($repository->get('app.aliases', []))->register();

        foreach ($repository->get('app.providers', []) as $provider) {
            $app->register($provider);
        }
        $app->boot();
    }
}
