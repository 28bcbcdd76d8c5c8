import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { projectModelFor } from '../../src/project/laravel';
import { describeFixtureProjects } from '../support/fixture-projects';
import { assertMarkedApp } from '../support/marked-app';
import { authConfig, routeFile } from './laravel-app';

/**
 * laravel/fortify registers `POST /logout` itself (SPEC §2.3): modelled from composer.json /
 * composer.lock and config/fortify.php, declared at the config's `guard` entry (the app has no
 * route line), switched off by `Fortify::ignoreRoutes()`, replaced by an app route with the same
 * verb and URI.
 */
describeFixtureProjects('Fortify’s own routes: test fixtures through configs.recommended', {
  'laravel-fortify-own-route': ['config/fortify.php:8 secure-logout/logout-guard'],
  'laravel-fortify-ignore-routes': [],
});

const lock = (fortify: string | null) =>
  JSON.stringify({ packages: [{ name: 'laravel/framework', version: 'v11.44.0' }, ...(fortify ? [{ name: 'laravel/fortify', version: fortify }] : [])] });
const withFortify = (require: Record<string, string> = { 'laravel/fortify': '^1.24' }) =>
  JSON.stringify({ require: { 'laravel/framework': '^11.0', ...require }, autoload: { 'psr-4': { 'App\\': 'app/' } } });
const fortifyConfig = (guard: string, extra = '', marker = '') => `<?php

return [
    'guard' => ${guard},${marker}
    'middleware' => ['web'],
${extra}];
`;
const expectLogoutGuard = ' // expect: logout-guard';

describe('Fortify’s own logout route', function () {
  this.timeout(60_000);

  it('a guard without logout() is reported at config/fortify.php’s guard entry, with the chain Fortify builds', async function () {
    const root = await assertMarkedApp({ 'composer.json': withFortify(), 'composer.lock': lock('v1.24.1'), 'routes/web.php': routeFile(''), 'config/fortify.php': fortifyConfig("'sanctum'", '', expectLogoutGuard) });
    const config = path.join(root, 'config/fortify.php');
    const [route] = projectModelFor(config)!.vendorRoutes(config);
    assert.equal(`${route!.route.verbs.join('|')} ${route!.route.uri} ${path.relative(root, route!.route.file)}:${route!.route.line}`, 'POST /logout config/fortify.php:4');
    assert.deepEqual(route!.route.declared.map((m) => `${m.name}@${m.line}`), ['web@5', 'auth:sanctum@4']);
    assert.match(route!.effectiveGuard.explanation, /laravel\/fortify's own logout route: auth_middleware:guard, Fortify 1\.24\.1/);
  });

  it('an app route with the same verb and URI replaces it; under a fortify.prefix it stays', async function () {
    const own = routeFile(`Route::post('/logout', fn () => redirect('/'))->middleware('auth');`);
    await assertMarkedApp({ 'composer.json': withFortify(), 'composer.lock': lock('v1.24.1'), 'routes/web.php': own, 'config/fortify.php': fortifyConfig("'sanctum'") });
    const root = await assertMarkedApp({ 'composer.json': withFortify(), 'composer.lock': lock('v1.24.1'), 'routes/web.php': own, 'config/fortify.php': fortifyConfig("'sanctum'", "    'prefix' => 'auth',\n", expectLogoutGuard) });
    const config = path.join(root, 'config/fortify.php');
    assert.deepEqual(projectModelFor(config)!.vendorRoutes(config).map((r) => r.route.uri), ['/auth/logout']);
  });

  it('Fortify before 1.21.3 puts no auth middleware on the route: the group’s only; the guard still decides', async function () {
    const root = await assertMarkedApp({ 'composer.json': withFortify(), 'composer.lock': lock('v1.19.0'), 'routes/web.php': routeFile(''), 'config/fortify.php': fortifyConfig("'sanctum'", '', expectLogoutGuard) });
    const config = path.join(root, 'config/fortify.php');
    assert.deepEqual(projectModelFor(config)!.vendorRoutes(config)[0]!.route.declared.map((m) => m.name), ['web']);
  });

  it('Jetstream brings Fortify; env() in the guard is read through .env', async function () {
    await assertMarkedApp({
      'composer.json': withFortify({ 'laravel/jetstream': '^5.0' }),
      'composer.lock': lock(null),
      '.env': 'FORTIFY_GUARD=api\n',
      'config/auth.php': authConfig({ web: 'session', api: 'passport' }),
      'routes/web.php': routeFile(''),
      'config/fortify.php': fortifyConfig("env('FORTIFY_GUARD', 'web')", '', expectLogoutGuard),
    });
  });

  it('no finding and no route: a session guard (what real apps configure), Fortify::ignoreRoutes(), Fortify not installed', async function () {
    const root = await assertMarkedApp({ 'composer.json': withFortify(), 'composer.lock': lock('v1.37.2'), 'routes/web.php': routeFile(''), 'config/fortify.php': fortifyConfig("'web'") });
    const config = path.join(root, 'config/fortify.php');
    assert.deepEqual(projectModelFor(config)!.vendorRoutes(config)[0]!.chain.map((c) => c.name).slice(-1), ['auth:web']);
    const provider = "<?php\n\nnamespace App\\Providers;\n\nuse Laravel\\Fortify\\Fortify;\n\nclass FortifyServiceProvider\n{\n    public function register(): void\n    {\n        Fortify::ignoreRoutes();\n    }\n}\n";
    const ignored = await assertMarkedApp({ 'composer.json': withFortify(), 'composer.lock': lock('v1.24.1'), 'routes/web.php': routeFile(''), 'config/fortify.php': fortifyConfig("'sanctum'"), 'app/Providers/FortifyServiceProvider.php': provider });
    assert.deepEqual(projectModelFor(path.join(ignored, 'config/fortify.php'))!.vendorRoutes(path.join(ignored, 'config/fortify.php')), []);
    const absent = await assertMarkedApp({ 'routes/web.php': routeFile(''), 'config/fortify.php': fortifyConfig("'sanctum'") });
    assert.deepEqual(projectModelFor(path.join(absent, 'config/fortify.php'))!.vendorRoutes(path.join(absent, 'config/fortify.php')), []);
  });

  it('a computed guard is explained silence: no finding, and the route is listed as not analysed, with why', async function () {
    const root = await assertMarkedApp({ 'composer.json': withFortify(), 'composer.lock': lock('v1.24.1'), 'routes/web.php': routeFile(''), 'config/fortify.php': fortifyConfig("strtolower('WEB')") });
    const config = path.join(root, 'config/fortify.php');
    const model = projectModelFor(config)!;
    assert.deepEqual(model.vendorRoutes(config), []);
    assert.deepEqual(
      model.unanalysedRoutes(config).map((r) => `${path.relative(root, r.file)}:${r.line} ${r.target}: ${r.reason}`),
      ["config/fortify.php:4 Laravel\\Fortify\\Http\\Controllers\\AuthenticatedSessionController@destroy: laravel/fortify registers this route itself, and config/fortify.php's 'guard' is computed: the guard it logs out of is unknown"],
    );
  });

  it('config/fortify.php not published: Fortify’s defaults (web group, auth:web), declared at composer.json’s require', async function () {
    const root = await assertMarkedApp({ 'composer.json': withFortify(), 'composer.lock': lock('v1.24.1'), 'routes/web.php': routeFile('') });
    const model = projectModelFor(path.join(root, 'routes/web.php'))!;
    const route = model.routes.find((r) => r.handler.kind === 'vendor')!;
    assert.equal(`${path.relative(root, route.file)} ${route.declared.map((m) => m.name).join(',')}`, 'composer.json web,auth:web');
  });
});
