import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { LaravelProjectModel, relative } from '../../src/project/laravel';
import { authConfig, bootstrap, controller, laravelApp, lineOf, routeFile } from './laravel-app';

const CTRL = 'app/Http/Controllers/SessionController.php';
const CLASS = 'App\\Http\\Controllers\\SessionController';

function contextFor(files: Record<string, string>, method = 'destroy', options: { framework?: string | null } = {}) {
  const root = laravelApp({ [CTRL]: controller('SessionController', ['destroy', 'store']), ...files }, options);
  const model = new LaravelProjectModel(root);
  const routes = model.routesForMethod(path.join(root, CTRL), CLASS, method);
  assert.equal(routes.length, 1, 'one route reaches the handler');
  return { model, root, route: routes[0]! };
}

const logoutRoute = (middleware: string) => routeFile(`Route::post('/logout', [SessionController::class, 'destroy'])->middleware('${middleware}');`, ['SessionController']);

describe('project model: effective guard, session and settings', () => {
  it('auth:sanctum,web → sanctum (Sanctum authenticates the cookie request first)', () => {
    const { route } = contextFor({ 'routes/web.php': logoutRoute('auth:sanctum,web') });
    assert.equal(route.effectiveGuard.name, 'sanctum');
    assert.equal(route.effectiveGuard.driver, 'sanctum');
    assert.equal(route.effectiveGuard.selectedByMiddleware, true);
  });

  it('auth:web,sanctum → web', () => {
    const { route } = contextFor({ 'routes/web.php': logoutRoute('auth:web,sanctum') });
    assert.equal(route.effectiveGuard.name, 'web');
    assert.equal(route.effectiveGuard.driver, 'session');
  });

  it('auth:api,web with a jwt api guard → web (a bearer-only guard never authenticates a cookie request)', () => {
    const { route } = contextFor({ 'routes/web.php': logoutRoute('auth:api,web'), 'config/auth.php': authConfig({ web: 'session', api: 'jwt' }) });
    assert.equal(route.effectiveGuard.name, 'web');
  });

  it('custom session-guard names: auth:admin with driver session is a session guard', () => {
    const { route } = contextFor({ 'routes/web.php': logoutRoute('auth:admin'), 'config/auth.php': authConfig({ web: 'session', admin: 'session' }) });
    assert.equal(route.effectiveGuard.name, 'admin');
    assert.equal(route.effectiveGuard.driver, 'session');
  });

  it('plain auth → the default guard of config/auth.php, .env overriding the env() default', () => {
    const files = { 'routes/web.php': logoutRoute('auth'), 'config/auth.php': authConfig({ web: 'session', api: 'passport' }), '.env': 'APP_NAME=x\nAUTH_GUARD=api\n' };
    const { route } = contextFor(files);
    assert.equal(route.effectiveGuard.name, 'api');
    assert.equal(route.effectiveGuard.driver, 'passport');
    assert.equal(route.effectiveGuard.selectedByMiddleware, false);
    assert.match(route.effectiveGuard.explanation, /default guard \(api, \.env:2 \(AUTH_GUARD\)\)/);
  });

  it('withoutMiddleware drops the group auth:sanctum, leaving auth:web', () => {
    const web = routeFile(`Route::middleware('auth:sanctum')->group(function () {\n    Route::post('/logout', [SessionController::class, 'destroy'])->withoutMiddleware(['auth:sanctum'])->middleware('auth:web');\n});`, ['SessionController']);
    const { route } = contextFor({ 'routes/web.php': web });
    assert.equal(route.effectiveGuard.name, 'web');
    assert.deepEqual(route.chain.filter((e) => !e.group).map((e) => e.name), ['auth:web']);
  });

  it('the last auth middleware with guards decides (group auth, then route auth:sanctum)', () => {
    const web = routeFile(`Route::middleware('auth')->group(function () {\n    Route::post('/logout', [SessionController::class, 'destroy'])->middleware('auth:sanctum');\n});`, ['SessionController']);
    const { route } = contextFor({ 'routes/web.php': web });
    assert.equal(route.effectiveGuard.name, 'sanctum');
  });

  it('api routes have no session unless statefulApi() / EnsureFrontendRequestsAreStateful; the web group has one', () => {
    const api = routeFile(`Route::post('/logout', [SessionController::class, 'destroy'])->middleware('auth:sanctum');`, ['SessionController']);
    const plain = contextFor({ 'routes/api.php': api, 'routes/web.php': routeFile('') });
    assert.equal(plain.route.session, 'no');
    assert.equal(plain.route.route.uri, '/api/logout');
    const boot = bootstrap({ api: true, middleware: '$middleware->statefulApi();' });
    const stateful = contextFor({ 'routes/api.php': api, 'routes/web.php': routeFile(''), 'bootstrap/app.php': boot });
    assert.equal(stateful.route.session, 'stateful');
    assert.match(stateful.route.sessionExplanation, new RegExp(`statefulApi\\(\\) at bootstrap/app.php:${lineOf(boot, 'statefulApi')}`));
    const prepended = bootstrap({ api: true, middleware: '$middleware->api(prepend: [\\Laravel\\Sanctum\\Http\\Middleware\\EnsureFrontendRequestsAreStateful::class]);' });
    assert.equal(contextFor({ 'routes/api.php': api, 'routes/web.php': routeFile(''), 'bootstrap/app.php': prepended }).route.session, 'stateful');
  });

  it('withMiddleware group() and alias() are applied', () => {
    const boot = bootstrap({ middleware: "$middleware->alias(['spa' => \\Illuminate\\Auth\\Middleware\\Authenticate::class]);\n        $middleware->group('spa-auth', ['spa:sanctum']);" });
    const web = routeFile(`Route::post('/logout', [SessionController::class, 'destroy'])->middleware('spa-auth');`, ['SessionController']);
    const { route, root } = contextFor({ 'routes/web.php': web, 'bootstrap/app.php': boot });
    assert.equal(route.effectiveGuard.name, 'sanctum');
    const entry = route.effectiveGuard.middleware!;
    assert.equal(entry.group?.name, 'spa-auth');
    assert.equal(`${relative(root, entry.group!.source.file)}:${entry.group!.source.line}`, `bootstrap/app.php:${lineOf(boot, "'spa:sanctum'")}`);
  });

  it('session driver: .env wins over the env() default; unknown without either; version from composer.lock', () => {
    const fromEnv = contextFor({ 'routes/web.php': logoutRoute('auth'), '.env': 'SESSION_DRIVER=file\n' });
    assert.deepEqual([fromEnv.model.settings.sessionDriver.value, fromEnv.model.settings.sessionDriver.source], ['file', '.env:1 (SESSION_DRIVER)']);
    const fromDefault = contextFor({ 'routes/web.php': logoutRoute('auth') });
    assert.equal(fromDefault.model.settings.sessionDriver.value, 'database');
    assert.equal(fromDefault.model.settings.sessionDriver.fromDefault, true);
    const unknown = contextFor({ 'routes/web.php': logoutRoute('auth'), 'config/session.php': "<?php\n\nreturn ['driver' => env('SESSION_DRIVER')];\n" });
    assert.equal(unknown.model.settings.sessionDriver.value, undefined);
    assert.equal(fromDefault.model.settings.frameworkVersion.value, '11.9.2');
    const noLock = contextFor({ 'routes/web.php': logoutRoute('auth') }, 'destroy', { framework: null });
    assert.deepEqual(noLock.model.settings.frameworkVersion, { value: undefined, source: 'no composer.lock' });
  });
});

describe('project model: Laravel ≤ 10 (Kernel, RouteServiceProvider, namespaces) and handler forms', () => {
  const kernel = `<?php

namespace App\\Http;

use Illuminate\\Foundation\\Http\\Kernel as HttpKernel;

class Kernel extends HttpKernel
{
    protected $middlewareGroups = [
        'web' => [
            \\Illuminate\\Session\\Middleware\\StartSession::class,
        ],
        'api' => [
            \\Laravel\\Sanctum\\Http\\Middleware\\EnsureFrontendRequestsAreStateful::class,
            'throttle:api',
        ],
    ];

    protected $routeMiddleware = [
        'auth' => \\App\\Http\\Middleware\\Authenticate::class,
    ];
}
`;
  const provider = `<?php

namespace App\\Providers;

use Illuminate\\Support\\Facades\\Route;

class RouteServiceProvider extends ServiceProvider
{
    protected $namespace = 'App\\\\Http\\\\Controllers';

    public function boot()
    {
        $this->routes(function () {
            Route::prefix('api')->middleware('api')->namespace($this->namespace)->group(base_path('routes/api.php'));
            Route::middleware('web')->namespace($this->namespace)->group(base_path('routes/web.php'));
        });
    }
}
`;
  const legacy = { 'app/Http/Kernel.php': kernel, 'app/Providers/RouteServiceProvider.php': provider, 'bootstrap/app.php': '<?php\n\n$app = new Illuminate\\Foundation\\Application(dirname(__DIR__));\n\nreturn $app;\n' };

  it("'Controller@method' strings resolve against the RouteServiceProvider namespace; Kernel groups and aliases apply", () => {
    const web = `<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n\nRoute::post('logout', 'SessionController@destroy')->middleware('auth:sanctum');\n`;
    const { route, root } = contextFor({ ...legacy, 'routes/web.php': web });
    const startSession = route.chain.find((e) => e.resolved.endsWith('StartSession'))!;
    assert.equal(`${relative(root, startSession.declaredAt.file)}:${startSession.declaredAt.line}`, `app/Providers/RouteServiceProvider.php:${lineOf(provider, "middleware('web')")}`);
    assert.equal(`${relative(root, startSession.group!.source.file)}:${startSession.group!.source.line}`, `app/Http/Kernel.php:${lineOf(kernel, 'StartSession')}`);
    assert.equal(route.chain.find((e) => e.name === 'auth:sanctum')!.resolved, 'App\\Http\\Middleware\\Authenticate:sanctum');
    assert.equal(route.effectiveGuard.name, 'sanctum');
    assert.equal(route.session, 'yes');
  });

  it('Kernel api group with EnsureFrontendRequestsAreStateful makes api routes stateful', () => {
    const api = `<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n\nRoute::middleware('auth:sanctum')->post('/logout', 'SessionController@destroy');\n`;
    const { route } = contextFor({ ...legacy, 'routes/api.php': api, 'routes/web.php': '<?php\n' });
    assert.equal(route.session, 'stateful');
  });

  it('invokable controllers, Route::controller()->group(), methods from traits and parents', () => {
    const trait = `<?php\n\nnamespace App\\Http\\Controllers\\Concerns;\n\ntrait LogsOut\n{\n    public function logout()\n    {\n    }\n}\n`;
    const files = {
      'app/Http/Controllers/Concerns/LogsOut.php': trait,
      'app/Http/Controllers/LoginController.php': controller('LoginController', [], '    use Concerns\\LogsOut;\n\n'),
      'app/Http/Controllers/LogoutController.php': controller('LogoutController', ['__invoke']),
      'routes/web.php': routeFile(
        `Route::post('/a', [LoginController::class, 'logout'])->middleware('auth:sanctum');\nRoute::post('/b', LogoutController::class);\nRoute::controller(SessionController::class)->group(function () {\n    Route::post('/c', 'store');\n});`,
        ['LoginController', 'LogoutController', 'SessionController'],
      ),
    };
    const root = laravelApp({ [CTRL]: controller('SessionController', ['destroy', 'store']), ...files });
    const model = new LaravelProjectModel(root);
    const viaTrait = model.routesForMethod(path.join(root, 'app/Http/Controllers/Concerns/LogsOut.php'), 'App\\Http\\Controllers\\Concerns\\LogsOut', 'logout');
    assert.equal(viaTrait.length, 1);
    assert.equal(viaTrait[0]!.effectiveGuard.name, 'sanctum');
    assert.equal(model.routesForMethod(path.join(root, 'app/Http/Controllers/LogoutController.php'), 'App\\Http\\Controllers\\LogoutController', '__invoke').length, 1);
    assert.equal(model.routesForMethod(path.join(root, CTRL), CLASS, 'store')[0]!.route.uri, '/c');
  });
});

describe('project model: middleware built from config() (Fortify, Jetstream)', () => {
  it("config('fortify.middleware', ['web']) and config('fortify.auth_middleware', 'auth').':'.config('fortify.guard') are evaluated", () => {
    const web = routeFile(
      `Route::group(['middleware' => config('fortify.middleware', ['web'])], function () {
    Route::post('/logout', [SessionController::class, 'destroy'])
        ->middleware([config('fortify.auth_middleware', 'auth').':'.config('fortify.guard')]);
});`,
      ['SessionController'],
    );
    const fortify = "<?php\n\nreturn [\n    'guard' => env('FORTIFY_GUARD', 'web'),\n];\n";
    const { route, model, root } = contextFor({ 'routes/web.php': web, 'config/fortify.php': fortify, '.env': 'FORTIFY_GUARD=sanctum\n' });
    assert.deepEqual(route.chain.filter((e) => !e.group).map((e) => e.name), ['auth:sanctum']);
    assert.equal(route.effectiveGuard.name, 'sanctum');
    // The config value is a dependency: changing it updates the route.
    const result = model.update(path.join(root, '.env'), 'FORTIFY_GUARD=web\n');
    assert.ok(result.affectedFiles.includes(path.join(root, CTRL)));
    assert.equal(model.routesForMethod(path.join(root, CTRL), CLASS, 'destroy')[0]!.effectiveGuard.name, 'web');
  });
});

describe('project model: explanation for the language server', () => {
  it('explainHandler lists route, middleware with sources, effective guard, session, driver and version', () => {
    const web = routeFile(`Route::post('/logout', [SessionController::class, 'destroy'])->middleware('auth:sanctum');`, ['SessionController']);
    const { model, root } = contextFor({ 'routes/web.php': web });
    const [explanation] = model.explainHandler(path.join(root, CTRL), { className: CLASS, method: 'destroy' });
    assert.deepEqual(explanation!.route, { file: path.join(root, 'routes/web.php'), line: 6, verbs: ['POST'], uri: '/logout' });
    const auth = explanation!.middleware.find((m) => m.name === 'auth:sanctum')!;
    assert.deepEqual([auth.file, auth.line, auth.group], [path.join(root, 'routes/web.php'), 6, undefined]);
    const startSession = explanation!.middleware.find((m) => m.resolved.endsWith('StartSession'))!;
    assert.deepEqual([relative(root, startSession.file!), startSession.group, startSession.groupEntry], ['bootstrap/app.php', 'web', undefined]);
    assert.deepEqual(
      [explanation!.effectiveGuard.name, explanation!.effectiveGuard.driver, explanation!.effectiveGuard.line, explanation!.session.available],
      ['sanctum', 'sanctum', 6, 'yes'],
    );
    assert.equal(explanation!.sessionDriver.value, 'database');
    assert.equal(explanation!.frameworkVersion.value, '11.9.2');
    const edit = model.routeMiddlewareEdit(model.routesForMethod(path.join(root, CTRL), CLASS, 'destroy')[0]!)!;
    assert.deepEqual([relative(root, edit.file), edit.text, edit.title], ['routes/web.php', "'auth:web'", 'Change auth:sanctum to auth:web in routes/web.php:6']);
  });
});

describe('project model: session availability edge cases', () => {
  it('a StartSession subclass in the web group counts as a session', () => {
    const boot = bootstrap({ middleware: "$middleware->web(replace: [\\Illuminate\\Session\\Middleware\\StartSession::class => \\App\\Http\\Middleware\\StartSessionExtended::class]);" });
    const { route } = contextFor({ 'routes/web.php': logoutRoute('auth'), 'bootstrap/app.php': boot });
    assert.equal(route.session, 'yes');
    assert.ok(route.chain.some((e) => e.resolved === 'App\\Http\\Middleware\\StartSessionExtended'));
  });

  it('an api route with middleware that cannot be resolved has an unknown session, not none', () => {
    const api = routeFile(`Route::post('/logout', [SessionController::class, 'destroy'])->middleware(['spa-session', 'auth:sanctum']);`, ['SessionController']);
    const { route } = contextFor({ 'routes/api.php': api, 'routes/web.php': routeFile('') });
    assert.equal(route.session, 'unknown');
    assert.equal(route.sessionExplanation, 'no session middleware was found, but spa-session could not be resolved');
  });
});

describe('project model: variables in route files (Jetstream routes/livewire.php style)', () => {
  it("$authMiddleware = 'auth:'.config('jetstream.guard') feeds a group's middleware", () => {
    const web = routeFile(
      `$authMiddleware = 'auth:'.config('jetstream.guard', 'sanctum');

Route::group(['middleware' => config('jetstream.middleware', ['web'])], function () use ($authMiddleware) {
    Route::group(['middleware' => [$authMiddleware, 'verified']], function () {
        Route::delete('/user', [SessionController::class, 'destroy']);
    });
});`,
      ['SessionController'],
    );
    const { route, root } = contextFor({ 'routes/web.php': web });
    assert.equal(route.effectiveGuard.name, 'sanctum');
    assert.equal(route.effectiveGuard.explanation, `routes/web.php:${lineOf(web, '$authMiddleware, ')} applies auth:sanctum`);
    assert.equal(relative(root, route.route.file), 'routes/web.php');
  });
});

describe('project model: laravel/ui Auth::routes()', () => {
  it('registers POST /logout for App\\Http\\Controllers\\Auth\\LoginController::logout in the web group', () => {
    const login = `<?php\n\nnamespace App\\Http\\Controllers\\Auth;\n\nuse App\\Http\\Controllers\\Controller;\n\nclass LoginController extends Controller\n{\n    public function __construct()\n    {\n        $this->middleware('auth:sanctum')->only('logout');\n    }\n\n    public function logout()\n    {\n    }\n}\n`;
    const web = `<?php\n\nuse Illuminate\\Support\\Facades\\Auth;\nuse Illuminate\\Support\\Facades\\Route;\n\nAuth::routes(['register' => false]);\n`;
    const root = laravelApp({ 'routes/web.php': web, 'app/Http/Controllers/Auth/LoginController.php': login });
    const model = new LaravelProjectModel(root);
    const [route] = model.routesForMethod(path.join(root, 'app/Http/Controllers/Auth/LoginController.php'), 'App\\Http\\Controllers\\Auth\\LoginController', 'logout');
    assert.equal(route!.route.uri, '/logout');
    assert.equal(route!.route.line, 6);
    assert.equal(route!.session, 'yes');
    assert.equal(route!.effectiveGuard.name, 'sanctum');
  });
});

describe('project model: excluding a whole group', () => {
  it("withoutMiddleware('web') removes every member of the web group (no session left)", () => {
    const web = routeFile(`Route::post('/logout', [SessionController::class, 'destroy'])->withoutMiddleware('web')->middleware('auth:sanctum');`, ['SessionController']);
    const { route } = contextFor({ 'routes/web.php': web });
    assert.equal(route.session, 'no');
    assert.deepEqual(route.chain.map((e) => e.name), ['auth:sanctum']);
  });
});
