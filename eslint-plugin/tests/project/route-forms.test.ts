import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LaravelProjectModel, relative, type RouteContext } from '../../src/project/laravel';
import { bootstrap, controller, laravelApp, lineOf, routeFile } from './laravel-app';

/**
 * Every middleware form of SPEC §2.1, each with the source location the model reports for it.
 * `declared(ctx)` lists the route's own (non-group) middleware as "name @ file:line".
 */
function declared(model: LaravelProjectModel, context: RouteContext): string[] {
  return context.chain.filter((e) => !e.group).map((e) => `${e.name} @ ${e.declaredAt.file ? relative(model.root, e.declaredAt.file) : '-'}:${e.declaredAt.line}`);
}

function only<T>(list: readonly T[]): T {
  assert.equal(list.length, 1, `expected one route, got ${list.length}`);
  return list[0]!;
}

const SESSION_CONTROLLER = 'app/Http/Controllers/SessionController.php';
const ctrlFile = (root: string) => path.join(root, SESSION_CONTROLLER);

describe('project model: route middleware forms (SPEC 2.1)', () => {
  it('chained ->middleware() with a string, an array and Authenticate::class.":sanctum"', () => {
    const routes = routeFile(
      `
use Illuminate\\Auth\\Middleware\\Authenticate;

Route::post('/a', [SessionController::class, 'a'])->middleware('auth:sanctum');
Route::post('/b', [SessionController::class, 'b'])->middleware(['verified', 'auth:web']);
Route::post('/c', [SessionController::class, 'c'])->middleware(Authenticate::class.':sanctum');
Route::post('/d', [SessionController::class, 'd'])->middleware(Authenticate::using('sanctum', 'web'));
`,
      ['SessionController'],
    );
    const root = laravelApp({ 'routes/web.php': routes, [SESSION_CONTROLLER]: controller('SessionController', ['a', 'b', 'c', 'd']) });
    const model = new LaravelProjectModel(root);
    const a = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'a'));
    assert.deepEqual(declared(model, a), [`auth:sanctum @ routes/web.php:${lineOf(routes, "'/a'")}`]);
    assert.equal(a.effectiveGuard.name, 'sanctum');
    assert.equal(a.effectiveGuard.explanation, `routes/web.php:${lineOf(routes, "'/a'")} applies auth:sanctum`);
    const b = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'b'));
    assert.deepEqual(declared(model, b), [`verified @ routes/web.php:${lineOf(routes, "'/b'")}`, `auth:web @ routes/web.php:${lineOf(routes, "'/b'")}`]);
    const c = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'c'));
    assert.deepEqual(declared(model, c), [`Illuminate\\Auth\\Middleware\\Authenticate:sanctum @ routes/web.php:${lineOf(routes, "'/c'")}`]);
    assert.equal(c.effectiveGuard.name, 'sanctum');
    const d = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'd'));
    assert.deepEqual(declared(model, d), [`Illuminate\\Auth\\Middleware\\Authenticate:sanctum,web @ routes/web.php:${lineOf(routes, "'/d'")}`]);
    assert.equal(d.effectiveGuard.name, 'sanctum');
    // Every route of routes/web.php gets the web group from bootstrap/app.php withRouting(web:).
    const web = a.chain.find((e) => e.group?.name === 'web')!;
    assert.equal(`${relative(root, web.declaredAt.file)}:${web.declaredAt.line}`, `bootstrap/app.php:${lineOf(bootstrap({ api: true }), 'web:')}`);
    assert.equal(a.session, 'yes');
  });

  it('->withoutMiddleware() removes an entry the group applied', () => {
    const routes = routeFile(
      `
Route::middleware(['auth:sanctum'])->group(function () {
    Route::post('/logout', [SessionController::class, 'destroy'])->withoutMiddleware('auth:sanctum')->middleware('auth:web');
});
`,
      ['SessionController'],
    );
    const root = laravelApp({ 'routes/web.php': routes, [SESSION_CONTROLLER]: controller('SessionController', ['destroy']) });
    const model = new LaravelProjectModel(root);
    const route = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'destroy'));
    assert.deepEqual(declared(model, route), [`auth:web @ routes/web.php:${lineOf(routes, "'/logout'")}`]);
    assert.equal(route.effectiveGuard.name, 'web');
    assert.equal(route.route.excluded[0]!.name, 'auth:sanctum');
  });

  it('Route::middleware()->group() with a closure and with a file path, Route::group([...]) nested and merged', () => {
    const web = routeFile(
      `
Route::middleware('auth')->group(function () {
    Route::group(['middleware' => ['verified'], 'prefix' => 'account'], function () {
        Route::post('logout', [SessionController::class, 'destroy']);
    });
});
Route::middleware('auth:sanctum')->group(base_path('routes/spa.php'));
Route::group(['middleware' => 'throttle:6,1'], __DIR__.'/extra.php');
`,
      ['SessionController'],
    );
    const spa = routeFile(`Route::post('/spa/logout', [SessionController::class, 'spa']);`, ['SessionController']);
    const extra = routeFile(`Route::post('/x', [SessionController::class, 'extra'])->middleware('auth:web');`, ['SessionController']);
    const root = laravelApp({
      'routes/web.php': web,
      'routes/spa.php': spa,
      'routes/extra.php': extra,
      [SESSION_CONTROLLER]: controller('SessionController', ['destroy', 'spa', 'extra']),
    });
    const model = new LaravelProjectModel(root);
    const nested = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'destroy'));
    assert.deepEqual(declared(model, nested), [`auth @ routes/web.php:${lineOf(web, "middleware('auth')")}`, `verified @ routes/web.php:${lineOf(web, "'verified'")}`]);
    assert.equal(nested.route.uri, '/account/logout');
    assert.equal(nested.effectiveGuard.name, 'web');
    assert.equal(nested.effectiveGuard.selectedByMiddleware, false);
    const fromFile = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'spa'));
    assert.deepEqual(declared(model, fromFile), [`auth:sanctum @ routes/web.php:${lineOf(web, 'routes/spa.php')}`]);
    assert.equal(relative(root, fromFile.route.file), 'routes/spa.php');
    const arrayGroupFile = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'extra'));
    assert.deepEqual(declared(model, arrayGroupFile), [`throttle:6,1 @ routes/web.php:${lineOf(web, 'throttle')}`, `auth:web @ routes/extra.php:${lineOf(extra, "'/x'")}`]);
  });

  it("action arrays with a 'middleware' key ('uses' and closure forms) and required route files", () => {
    const web = routeFile(
      `
Route::post('/logout', ['uses' => 'App\\Http\\Controllers\\SessionController@destroy', 'middleware' => 'auth:sanctum']);
Route::post('/bye', ['middleware' => 'auth', function () {
    return 'bye';
}]);
require __DIR__.'/auth.php';
`,
    );
    const auth = routeFile(`Route::post('/auth/logout', [SessionController::class, 'other'])->middleware('auth');`, ['SessionController']);
    const root = laravelApp({ 'routes/web.php': web, 'routes/auth.php': auth, [SESSION_CONTROLLER]: controller('SessionController', ['destroy', 'other']) });
    const model = new LaravelProjectModel(root);
    const uses = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'destroy'));
    assert.deepEqual(declared(model, uses), [`auth:sanctum @ routes/web.php:${lineOf(web, "'/logout'")}`]);
    const closureLine = lineOf(web, 'function ()');
    const closure = only(model.routesForClosure(path.join(root, 'routes/web.php'), closureLine, web.split('\n')[closureLine - 1]!.indexOf('function')));
    assert.deepEqual(declared(model, closure), [`auth @ routes/web.php:${lineOf(web, "'/bye'")}`]);
    const required = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'other'));
    assert.equal(required.session, 'yes', 'a file required from routes/web.php is in the web group');
  });

  it('resources: ->middleware() and ->middlewareFor()', () => {
    const web = routeFile(
      `
Route::resource('sessions', SessionController::class)->only(['index', 'destroy'])->middleware('auth')->middlewareFor('destroy', 'auth:sanctum');
`,
      ['SessionController'],
    );
    const root = laravelApp({ 'routes/web.php': web, [SESSION_CONTROLLER]: controller('SessionController', ['index', 'destroy']) });
    const model = new LaravelProjectModel(root);
    const line = lineOf(web, 'Route::resource');
    const destroy = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'destroy'));
    assert.deepEqual(declared(model, destroy), [`auth @ routes/web.php:${line}`, `auth:sanctum @ routes/web.php:${line}`]);
    assert.equal(destroy.effectiveGuard.name, 'sanctum');
    const index = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'index'));
    assert.deepEqual(declared(model, index), [`auth @ routes/web.php:${line}`]);
  });

  it('Route::resources([...]) inside a middleware group', () => {
    const web = routeFile(`Route::middleware('auth:sanctum')->group(function () {\n    Route::resources(['sessions' => SessionController::class]);\n});`, ['SessionController']);
    const root = laravelApp({ 'routes/web.php': web, [SESSION_CONTROLLER]: controller('SessionController', ['destroy']) });
    const model = new LaravelProjectModel(root);
    const destroy = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'destroy'));
    assert.deepEqual([destroy.route.verbs, destroy.route.uri, destroy.route.line], [['DELETE'], '/sessions', lineOf(web, 'Route::resources')]);
    assert.deepEqual(declared(model, destroy), [`auth:sanctum @ routes/web.php:${lineOf(web, "middleware('auth:sanctum')")}`]);
  });

  it("controller constructor $this->middleware()->only()/except() and the ['only' => …] array form", () => {
    const members = `    public function __construct()
    {
        $this->middleware('guest')->except('logout');
        $this->middleware('auth:sanctum')->only('logout');
        $this->middleware('verified', ['only' => ['profile']]);
    }

`;
    const ctrl = controller('SessionController', ['logout', 'profile'], members);
    const web = routeFile(`Route::post('/logout', [SessionController::class, 'logout']);\nRoute::get('/profile', [SessionController::class, 'profile']);`, ['SessionController']);
    const root = laravelApp({ 'routes/web.php': web, [SESSION_CONTROLLER]: ctrl });
    const model = new LaravelProjectModel(root);
    const logout = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'LOGOUT'));
    assert.deepEqual(declared(model, logout), [`auth:sanctum @ ${SESSION_CONTROLLER}:${lineOf(ctrl, 'auth:sanctum')}`]);
    assert.equal(logout.chain.find((e) => e.name === 'auth:sanctum')!.declaredAt.via, 'controller constructor');
    const profile = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'profile'));
    assert.deepEqual(declared(model, profile), [`guest @ ${SESSION_CONTROLLER}:${lineOf(ctrl, "'guest'")}`, `verified @ ${SESSION_CONTROLLER}:${lineOf(ctrl, "'verified'")}`]);
  });

  it('HasMiddleware::middleware() with strings, new Middleware(only:, except:) and (new Middleware())->except()', () => {
    const members = `    public static function middleware(): array
    {
        return [
            'throttle:10,1',
            new Middleware('auth:sanctum', only: ['logout']),
            new Middleware('guest', except: ['logout']),
            (new Middleware('verified'))->except(['store']),
        ];
    }

`;
    const ctrl = controller('SessionController', ['store', 'logout'], members, 'use Illuminate\\Routing\\Controllers\\HasMiddleware;\nuse Illuminate\\Routing\\Controllers\\Middleware;\n\n').replace('extends Controller', 'extends Controller implements HasMiddleware');
    const web = routeFile(`Route::post('/session', [SessionController::class, 'store']);\nRoute::post('/session/logout', [SessionController::class, 'logout']);`, ['SessionController']);
    const root = laravelApp({ 'routes/web.php': web, [SESSION_CONTROLLER]: ctrl });
    const model = new LaravelProjectModel(root);
    const logout = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'logout'));
    assert.deepEqual(declared(model, logout), [
      `throttle:10,1 @ ${SESSION_CONTROLLER}:${lineOf(ctrl, 'throttle')}`,
      `auth:sanctum @ ${SESSION_CONTROLLER}:${lineOf(ctrl, 'auth:sanctum')}`,
      `verified @ ${SESSION_CONTROLLER}:${lineOf(ctrl, "'verified'")}`,
    ]);
    const store = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'store'));
    assert.deepEqual(declared(model, store), [`throttle:10,1 @ ${SESSION_CONTROLLER}:${lineOf(ctrl, 'throttle')}`, `guest @ ${SESSION_CONTROLLER}:${lineOf(ctrl, "'guest'")}`]);
  });

  it('#[Middleware] / #[WithoutMiddleware] attributes on the class and the method', () => {
    const header = 'use Illuminate\\Routing\\Attributes\\Controllers\\Middleware;\nuse Illuminate\\Routing\\Attributes\\Controllers\\WithoutMiddleware;\n\n#[Middleware(\'auth:sanctum\')]\n';
    const members = `    #[WithoutMiddleware('auth:sanctum')]
    #[Middleware('auth:web', only: ['logout'])]
    public function logout()
    {
    }

`;
    const ctrl = controller('SessionController', ['show'], members, header);
    const web = routeFile(`Route::post('/logout', [SessionController::class, 'logout']);\nRoute::get('/show', [SessionController::class, 'show']);`, ['SessionController']);
    const root = laravelApp({ 'routes/web.php': web, [SESSION_CONTROLLER]: ctrl });
    const model = new LaravelProjectModel(root);
    const logout = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'logout'));
    assert.deepEqual(declared(model, logout), [`auth:web @ ${SESSION_CONTROLLER}:${lineOf(ctrl, "Middleware('auth:web'")}`]);
    assert.equal(logout.effectiveGuard.name, 'web');
    const show = only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'show'));
    assert.deepEqual(declared(model, show), [`auth:sanctum @ ${SESSION_CONTROLLER}:${lineOf(ctrl, "#[Middleware('auth:sanctum')]")}`]);
  });

  it('a route file that requires itself through a symlinked folder is loaded once, not until the symlink depth runs out', function () {
    this.timeout(10_000);
    const routes = routeFile(
      `
Route::post('/logout', [SessionController::class, 'destroy']);
require __DIR__.'/loop/web.php';
require __DIR__.'/loop/web.php';
`,
      ['SessionController'],
    );
    const root = laravelApp({ 'routes/web.php': routes, [SESSION_CONTROLLER]: controller('SessionController', ['destroy']) });
    fs.symlinkSync('.', path.join(root, 'routes/loop'));
    const model = new LaravelProjectModel(root);
    only(model.routesForMethod(ctrlFile(root), 'App\\Http\\Controllers\\SessionController', 'destroy'));
  });
});
