import { assertMarkedApp } from '../support/marked-app';
import { bootstrap, routeFile } from './laravel-app';

/**
 * A logout judged along the call path from the routed handler, across classes and files
 * (SPEC §2.3). Each app marks its expected findings with `// expect: rule` comments.
 */
const php = (namespace: string, uses: string[], body: string) => `<?php\n\nnamespace ${namespace};\n\n${uses.map((u) => `use ${u};\n`).join('')}\n${body.trim()}\n`;
const REQUEST = 'Illuminate\\Http\\Request';
const AUTH = 'Illuminate\\Support\\Facades\\Auth';

function controller(name: string, body: string, uses: string[] = []): string {
  return php('App\\Http\\Controllers', [REQUEST, AUTH, ...uses], `class ${name} extends Controller\n{\n${body}\n}`);
}

function service(name: string, body: string, uses: string[] = [], kind = 'class'): string {
  return php('App\\Services', [REQUEST, AUTH, ...uses], `${kind} ${name}\n{\n${body}\n}`);
}

const logoutRoute = (middleware = 'auth', controllerName = 'SessionController', method = 'destroy') =>
  routeFile(`Route::post('/logout', [${controllerName}::class, '${method}'])->middleware('${middleware}');`, [controllerName]);

describe('call paths across files (SPEC §2.3)', function () {
  this.timeout(60_000);

  it('a service that logs out and invalidates is clean for the controller that calls it', async function () {
    await assertMarkedApp({
      'routes/web.php': logoutRoute(),
      'app/Http/Controllers/SessionController.php': controller(
        'SessionController',
        `    public function __construct(private \\App\\Services\\Logout $logout)\n    {\n    }\n\n    public function destroy(Request $request)\n    {\n        $this->logout->end($request);\n\n        return redirect('/');\n    }`,
      ),
      'app/Services/Logout.php': service(
        'Logout',
        `    public function end(Request $request): void\n    {\n        Auth::guard('web')->logout();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();\n    }`,
      ),
    });
  });

  it("a helper's logout completed by every caller is clean; one incomplete caller is a finding at the helper", async function () {
    const files = {
      'routes/web.php': routeFile(
        `Route::post('/logout', [SessionController::class, 'destroy'])->middleware('auth');\nRoute::post('/account/close', [AccountController::class, 'close'])->middleware('auth');`,
        ['SessionController', 'AccountController'],
      ),
      'app/Http/Controllers/SessionController.php': controller(
        'SessionController',
        `    public function destroy(Request $request, Signer $signer)\n    {\n        $signer->signOut();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();\n\n        return redirect('/');\n    }`,
        ['App\\Services\\Signer'],
      ),
      'app/Http/Controllers/AccountController.php': controller(
        'AccountController',
        `    public function close(Request $request)\n    {\n        app(Signer::class)->signOut();\n\n        return redirect('/');\n    }`,
        ['App\\Services\\Signer'],
      ),
      'app/Services/Signer.php': service('Signer', `    public function signOut(): void\n    {\n        Auth::guard('web')->logout(); // expect: invalidate-session\n    }`),
    };
    await assertMarkedApp(files);
    // Both callers complete it: clean.
    await assertMarkedApp({
      ...files,
      'app/Http/Controllers/AccountController.php': controller(
        'AccountController',
        `    public function close(Request $request)\n    {\n        resolve(Signer::class)->signOut();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();\n\n        return redirect('/');\n    }`,
        ['App\\Services\\Signer'],
      ),
      'app/Services/Signer.php': service('Signer', `    public function signOut(): void\n    {\n        Auth::guard('web')->logout();\n    }`),
    });
  });

  it('a helper nobody calls is judged on its own body', async function () {
    await assertMarkedApp({
      'routes/web.php': routeFile(''),
      'app/Services/Signer.php': service('Signer', `    public function signOut(): void\n    {\n        Auth::guard('web')->logout(); // expect: invalidate-session\n    }`),
    });
  });
});

describe('call paths: receivers, late binding and container bindings', function () {
  this.timeout(60_000);

  it("a trait's $this->guard() is the using controller's override, in another file", async function () {
    await assertMarkedApp({
      'routes/web.php': logoutRoute('auth:sanctum', 'SessionController', 'logout'),
      'app/Http/Controllers/SessionController.php': controller(
        'SessionController',
        `    use \\App\\Http\\Concerns\\EndsSessions;\n\n    protected function guard()\n    {\n        return Auth::guard('web');\n    }`,
      ),
      'app/Http/Concerns/EndsSessions.php': php(
        'App\\Http\\Concerns',
        [REQUEST],
        `trait EndsSessions\n{\n    public function logout(Request $request)\n    {\n        $this->guard()->logout(); // expect: forget-request-guard-user\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();\n\n        return redirect('/');\n    }\n}`,
      ),
    });
  });

  it('an interface bound in a service provider reaches its implementation; contextual bindings win', async function () {
    const contract = php('App\\Contracts', [], `interface SignsOut\n{\n    public function signOut(): void;\n}`);
    const impl = (name: string, body: string) => php('App\\Services', [AUTH, 'App\\Contracts\\SignsOut'], `class ${name} implements SignsOut\n{\n    public function signOut(): void\n    {\n${body}\n    }\n}`);
    const provider = (register: string) =>
      php('App\\Providers', ['Illuminate\\Support\\ServiceProvider', 'App\\Contracts\\SignsOut', 'App\\Services\\SessionSignOut', 'App\\Services\\GuardOnlySignOut', 'App\\Http\\Controllers\\SessionController'], `class AppServiceProvider extends ServiceProvider\n{\n    public function register(): void\n    {\n${register}\n    }\n}`);
    const files = {
      'routes/web.php': logoutRoute(),
      'app/Http/Controllers/SessionController.php': controller(
        'SessionController',
        `    public function __construct(protected SignsOut $signer)\n    {\n    }\n\n    public function destroy(Request $request)\n    {\n        $this->signer->signOut();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();\n\n        return redirect('/');\n    }`,
        ['App\\Contracts\\SignsOut'],
      ),
      'app/Contracts/SignsOut.php': contract,
      'app/Services/SessionSignOut.php': impl('SessionSignOut', "        Auth::guard('web')->logout();"),
      // Bound only for other consumers: judged alone.
      'app/Services/GuardOnlySignOut.php': impl('GuardOnlySignOut', "        Auth::guard('web')->logout(); // expect: invalidate-session"),
    };
    await assertMarkedApp({ ...files, 'app/Providers/AppServiceProvider.php': provider('        $this->app->bind(SignsOut::class, SessionSignOut::class);') });
    await assertMarkedApp({
      ...files,
      'app/Providers/AppServiceProvider.php': provider(
        '        $this->app->singleton(SignsOut::class, fn () => new GuardOnlySignOut());\n        $this->app->when(SessionController::class)->needs(SignsOut::class)->give(SessionSignOut::class);',
      ),
    });
  });

  it('an unbound interface stays unknown: the implementation is judged on its own body', async function () {
    await assertMarkedApp({
      'routes/web.php': logoutRoute(),
      'app/Http/Controllers/SessionController.php': controller(
        'SessionController',
        `    public function destroy(Request $request, SignsOut $signer)\n    {\n        $signer->signOut();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();\n\n        return redirect('/');\n    }`,
        ['App\\Contracts\\SignsOut'],
      ),
      'app/Contracts/SignsOut.php': php('App\\Contracts', [], `interface SignsOut\n{\n    public function signOut(): void;\n}`),
      'app/Services/SessionSignOut.php': php('App\\Services', [AUTH, 'App\\Contracts\\SignsOut'], `class SessionSignOut implements SignsOut\n{\n    public function signOut(): void\n    {\n        Auth::guard('web')->logout(); // expect: invalidate-session\n    }\n}`),
    });
  });

  it("a controller's logout completed by a parent method and app()->make() service", async function () {
    await assertMarkedApp({
      'routes/web.php': logoutRoute(),
      'app/Http/Controllers/BaseController.php': php('App\\Http\\Controllers', [REQUEST], `abstract class BaseController extends Controller\n{\n    protected function forgetSession(Request $request): void\n    {\n        app()->make(\\App\\Services\\SessionReset::class)->reset($request);\n    }\n}`),
      'app/Http/Controllers/SessionController.php': php(
        'App\\Http\\Controllers',
        [REQUEST, AUTH],
        `class SessionController extends BaseController\n{\n    public function destroy(Request $request)\n    {\n        Auth::guard('web')->logout();\n        parent::forgetSession($request);\n\n        return redirect('/');\n    }\n}`,
      ),
      'app/Services/SessionReset.php': service('SessionReset', `    public function reset(Request $request): void\n    {\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();\n    }`),
    });
  });
});

describe('call paths: route context flows into helpers', function () {
  this.timeout(60_000);

  it('Auth::logout() in a service called from an auth:sanctum route is logout-guard in the service', async function () {
    await assertMarkedApp({
      'routes/web.php': logoutRoute('auth:sanctum'),
      'app/Http/Controllers/SessionController.php': controller(
        'SessionController',
        `    public function destroy(Request $request, Signer $signer)\n    {\n        $signer->signOut($request);\n\n        return redirect('/');\n    }`,
        ['App\\Services\\Signer'],
      ),
      'app/Services/Signer.php': service(
        'Signer',
        `    public function signOut(Request $request): void\n    {\n        Auth::logout(); // expect: logout-guard\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();\n    }`,
      ),
    });
  });

  it('a token delete in a service reached from a stateful route is transient-token-delete there', async function () {
    await assertMarkedApp({
      'bootstrap/app.php': bootstrap({ api: true, middleware: '$middleware->statefulApi();' }),
      'routes/web.php': routeFile(''),
      'routes/api.php': routeFile(`Route::post('/logout', [TokenController::class, 'destroy'])->middleware('auth:sanctum');`, ['TokenController']),
      'app/Http/Controllers/TokenController.php': controller(
        'TokenController',
        `    public function destroy(Request $request)\n    {\n        (new Tokens())->revoke($request);\n\n        return response()->noContent();\n    }`,
        ['App\\Services\\Tokens'],
      ),
      'app/Services/Tokens.php': service('Tokens', `    public function revoke(Request $request): void\n    {\n        $request->user()->currentAccessToken()->delete(); // expect: transient-token-delete\n    }`),
    });
  });
});

describe('known vendor handlers (SPEC §2.3)', function () {
  this.timeout(60_000);
  const uiController = (members = '') =>
    php('App\\Http\\Controllers\\Auth', ['App\\Http\\Controllers\\Controller', 'Illuminate\\Foundation\\Auth\\AuthenticatesUsers', AUTH], `class LoginController extends Controller\n{\n    use AuthenticatesUsers;\n${members}}`);

  it('laravel/ui AuthenticatesUsers::logout() under auth:sanctum is logout-guard at the route declaration', async function () {
    await assertMarkedApp({
      'routes/web.php': routeFile(`Route::post('/logout', [LoginController::class, 'logout'])->middleware('auth:sanctum'); // expect: logout-guard`, ['Auth\\LoginController']),
      'app/Http/Controllers/Auth/LoginController.php': uiController(),
    });
  });

  it('Auth::routes() registers the ui logout: judged at that line; a guard() override naming the session guard is clean', async function () {
    await assertMarkedApp({
      'routes/web.php': routeFile(`Route::middleware('auth:sanctum')->group(function () {\n    Auth::routes(); // expect: logout-guard\n});`, []).replace('use Illuminate', 'use Illuminate\\Support\\Facades\\Auth;\nuse Illuminate'),
      'app/Http/Controllers/Auth/LoginController.php': uiController(),
    });
    await assertMarkedApp({
      'routes/web.php': routeFile(`Route::post('/logout', [LoginController::class, 'logout'])->middleware('auth:sanctum');`, ['Auth\\LoginController']),
      'app/Http/Controllers/Auth/LoginController.php': uiController(`\n    protected function guard()\n    {\n        return Auth::guard('web');\n    }\n`),
      'config/session.php': "<?php\n\nreturn [\n    'driver' => 'file',\n];\n",
    });
  });

  it("laravel/framework 5.x's own AuthenticatesUsers::logout() never rotates the CSRF token: invalidate-session at Auth::routes()", async function () {
    const routes = routeFile(`Auth::routes(); // expect: invalidate-session`, []).replace('use Illuminate', 'use Illuminate\\Support\\Facades\\Auth;\nuse Illuminate');
    await assertMarkedApp({ 'routes/web.php': routes, 'app/Http/Controllers/Auth/LoginController.php': uiController() }, { framework: 'v5.5.40' });
    await assertMarkedApp({ 'routes/web.php': routes.replace(' // expect: invalidate-session', ''), 'app/Http/Controllers/Auth/LoginController.php': uiController() }, { framework: 'v6.20.0' });
  });

  it('Fortify AuthenticatedSessionController::destroy routed by the app uses config/fortify.php guard', async function () {
    const routes = routeFile(`Route::post('/logout', [AuthenticatedSessionController::class, 'destroy'])->middleware('auth:sanctum'); // expect: logout-guard`).replace('use Illuminate', 'use Laravel\\Fortify\\Http\\Controllers\\AuthenticatedSessionController;\nuse Illuminate');
    await assertMarkedApp({ 'routes/web.php': routes, 'config/fortify.php': "<?php\n\nreturn [\n    'guard' => 'sanctum',\n];\n" });
    await assertMarkedApp({ 'routes/web.php': routes.replace(' // expect: logout-guard', ''), 'config/fortify.php': "<?php\n\nreturn [\n    'guard' => 'web',\n];\n", 'config/session.php': "<?php\n\nreturn [\n    'driver' => 'file',\n];\n" });
  });
});
