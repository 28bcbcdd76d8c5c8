import { assertMarkedApp } from '../support/marked-app';
import { routeFile } from './laravel-app';

/**
 * Shapes found on labelled real apps (issue 12, point 5), each as a small synthetic app of our own:
 * a finding or its absence at an exact line. None of this code comes from the apps.
 */
const cls = (namespace: string, body: string, uses: string[] = []) =>
  `<?php\n\nnamespace ${namespace};\n\n${['Illuminate\\Http\\Request', 'Illuminate\\Support\\Facades\\Auth', ...uses].map((u) => `use ${u};\n`).join('')}\n${body.trim()}\n`;
const kernel = (global: string[], groups: string) => `<?php

namespace App\\Http;

use Illuminate\\Foundation\\Http\\Kernel as HttpKernel;

class Kernel extends HttpKernel
{
    protected $middleware = [
${global.map((g) => `        ${g},`).join('\n')}
    ];

    protected $middlewareGroups = [
${groups}
    ];
}
`;
const laravel10 = (routesProvider: string) => ({
  'bootstrap/app.php': "<?php\n\n$app = new Illuminate\\Foundation\\Application(dirname(__DIR__));\n\nreturn $app;\n",
  'app/Providers/RouteServiceProvider.php': cls('App\\Providers', routesProvider, ['Illuminate\\Foundation\\Support\\Providers\\RouteServiceProvider as ServiceProvider', 'Illuminate\\Support\\Facades\\Route']),
});

describe('real-code shapes: route context', function () {
  this.timeout(60_000);

  it('StartSession in the global middleware gives every route a session: no session-requires-session', async function () {
    await assertMarkedApp({
      ...laravel10(`class RouteServiceProvider extends ServiceProvider\n{\n    public function boot(): void\n    {\n        Route::prefix('api')->group(base_path('routes/api.php'));\n    }\n}`),
      'app/Http/Kernel.php': kernel(['\\Illuminate\\Session\\Middleware\\StartSession::class'], "        'api' => [\\Illuminate\\Routing\\Middleware\\SubstituteBindings::class],"),
      'routes/api.php': routeFile(`Route::post('/logout', [SessionController::class, 'destroy'])->middleware('auth');`, ['SessionController']),
      'app/Http/Controllers/SessionController.php': cls(
        'App\\Http\\Controllers',
        `class SessionController extends Controller\n{\n    public function destroy(Request $request)\n    {\n        Auth::guard('web')->logout();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();\n\n        return redirect('/');\n    }\n}`,
      ),
    });
  });

  it('a registrar held in a variable ($route = Route::middleware("web")) keeps its middleware for ->group()', async function () {
    await assertMarkedApp({
      ...laravel10(`class RouteServiceProvider extends ServiceProvider\n{\n    public function map(): void\n    {\n        $route = Route::middleware('web');\n        $route->namespace('App\\\\Http\\\\Controllers')->group(base_path('routes/web.php'));\n    }\n}`),
      'app/Http/Kernel.php': kernel([], "        'web' => [\\Illuminate\\Session\\Middleware\\StartSession::class],"),
      'routes/web.php': "<?php\n\nRoute::post('/logout', 'SessionController@destroy');\n",
      'app/Http/Controllers/SessionController.php': cls(
        'App\\Http\\Controllers',
        `class SessionController extends Controller\n{\n    public function destroy(Request $request)\n    {\n        Auth::guard('web')->logout();\n        $request->session()->flush(); // expect: invalidate-session\n\n        return redirect('/');\n    }\n}`,
      ).replace("        Auth::guard('web')->logout();\n        $request->session()->flush(); // expect: invalidate-session", "        Auth::guard('web')->logout(); // expect: invalidate-session\n        $request->session()->flush();"),
    });
  });

  it('includeRouteFiles(folder) loads every route file of the folder, so a guest route owes no invalidation', async function () {
    await assertMarkedApp({
      'routes/web.php': "<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n\nRoute::group(['as' => 'front.'], function () {\n    includeRouteFiles(__DIR__.'/front/');\n});\n",
      'routes/front/auth.php': routeFile(`Route::group(['middleware' => 'guest'], function () {\n    Route::get('login/callback', [SocialController::class, 'callback']);\n});`, ['SocialController']),
      'app/Http/Controllers/SocialController.php': cls(
        'App\\Http\\Controllers',
        `class SocialController extends Controller\n{\n    public function callback(Request $request)\n    {\n        if (! $request->user()?->active) {\n            auth()->logout();\n\n            return redirect('/login');\n        }\n\n        return redirect('/');\n    }\n}`,
      ),
    });
  });
});

describe('real-code shapes: not logout handlers', function () {
  this.timeout(60_000);

  it("a controller no app route reaches (a package registers it) keeps its own auth:jwt middleware: the jwt logout ends no session", async function () {
    const controller = (guard: string, marker: string) =>
      cls(
        'App\\Http\\Controllers\\Api',
        `class TokenController implements HasMiddleware\n{\n    public static function middleware(): array\n    {\n        return [new Middleware('auth:${guard}', except: ['login'])];\n    }\n\n    public function logout()\n    {\n        auth()->logout();${marker}\n\n        return response()->json(['ok' => true]);\n    }\n}`,
        ['Illuminate\\Routing\\Controllers\\HasMiddleware', 'Illuminate\\Routing\\Controllers\\Middleware'],
      );
    const files = { 'routes/web.php': routeFile(''), 'config/auth.php': "<?php\n\nreturn [\n    'defaults' => ['guard' => 'web'],\n    'guards' => [\n        'web' => ['driver' => 'session', 'provider' => 'users'],\n        'api' => ['driver' => 'jwt', 'provider' => 'users'],\n    ],\n];\n" };
    await assertMarkedApp({ ...files, 'app/Http/Controllers/Api/TokenController.php': controller('api', '') });
    await assertMarkedApp({ ...files, 'app/Http/Controllers/Api/TokenController.php': controller('web', ' // expect: invalidate-session') });
  });

  it('a logout that rejects the user a login just let in (attempt, then logout) is not judged', async function () {
    await assertMarkedApp({
      'routes/web.php': routeFile(`Route::post('/login', [LoginController::class, 'store']);`, ['LoginController']),
      'app/Http/Controllers/LoginController.php': cls(
        'App\\Http\\Controllers',
        `class LoginController extends Controller\n{\n    public function store(Request $request)\n    {\n        if (! Auth::attempt($request->only('email', 'password'))) {\n            return back();\n        }\n        if (! $request->user()->active) {\n            Auth::logout();\n\n            return back();\n        }\n\n        return redirect('/');\n    }\n\n    protected function authenticated(Request $request, $user)\n    {\n        if ($user->banned) {\n            Auth::guard('web')->logout();\n        }\n    }\n}`,
      ),
    });
  });

  it("a vendor parent's authenticate() logs in: the logout after it asks for a second factor", async function () {
    await assertMarkedApp({
      'routes/web.php': routeFile(''),
      'app/Filament/Login.php': cls(
        'App\\Filament',
        `class Login extends \\Filament\\Pages\\Auth\\Login\n{\n    public function authenticate()\n    {\n        $response = parent::authenticate();\n        if (Auth::user()?->two_factor_secret) {\n            Auth::guard('web')->logout();\n\n            return null;\n        }\n\n        return $response;\n    }\n}`,
      ),
    });
  });

  it('queued jobs, console commands and middleware helpers end no session; a plain service still does', async function () {
    await assertMarkedApp({
      'routes/web.php': routeFile(''),
      'app/Jobs/SendReminders.php': cls('App\\Jobs', `class SendReminders implements \\Illuminate\\Contracts\\Queue\\ShouldQueue\n{\n    public function handle(): void\n    {\n        Auth::logout();\n    }\n}`),
      'app/Console/Commands/Prune.php': cls('App\\Console\\Commands', `class Prune extends \\Illuminate\\Console\\Command\n{\n    public function handle(): void\n    {\n        Auth::logout();\n    }\n}`),
      'app/Http/Middleware/EnsureActive.php': cls(
        'App\\Http\\Middleware',
        `class EnsureActive\n{\n    public function handle(Request $request, \\Closure $next)\n    {\n        $this->rejectInactive($request);\n\n        return $next($request);\n    }\n\n    private function rejectInactive(Request $request): void\n    {\n        if (! $request->user()?->active) {\n            Auth::guard('web')->logout();\n        }\n    }\n}`,
      ),
      'app/Services/Reset.php': cls('App\\Services', `class Reset\n{\n    public function run(): void\n    {\n        Auth::logout(); // expect: invalidate-session\n    }\n}`),
    });
  });
});

describe('real-code shapes: findings that were missed', function () {
  this.timeout(60_000);

  it('invalidate() before the logout leaves the logged-out session: invalidate-session', async function () {
    await assertMarkedApp({
      'routes/web.php': routeFile(`Route::post('/logout', [SessionController::class, 'destroy'])->middleware('auth');`, ['SessionController']),
      'app/Http/Controllers/SessionController.php': cls(
        'App\\Http\\Controllers',
        `class SessionController extends Controller\n{\n    public function destroy(Request $request)\n    {\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();\n        Auth::guard('web')->logout(); // expect: invalidate-session\n\n        return redirect('/');\n    }\n}`,
      ),
    });
  });

  it('an injected Guard contract held in a property is the default guard: $this->auth->logout()', async function () {
    await assertMarkedApp({
      'routes/web.php': routeFile(`Route::post('/logout', [SessionController::class, 'destroy'])->middleware('auth');`, ['SessionController']),
      'app/Http/Controllers/SessionController.php': cls(
        'App\\Http\\Controllers',
        `class SessionController extends Controller\n{\n    protected $auth;\n\n    public function __construct(Guard $auth)\n    {\n        $this->auth = $auth;\n    }\n\n    public function destroy()\n    {\n        $this->auth->logout(); // expect: invalidate-session\n        \\Session::flush();\n\n        return redirect('/');\n    }\n}`,
        ['Illuminate\\Contracts\\Auth\\Guard'],
      ),
    });
  });

  it('Filament::auth()->logout() in an action closure is a session logout', async function () {
    await assertMarkedApp({
      'routes/web.php': routeFile(''),
      'app/Filament/Pages/TwoFactor.php': cls(
        'App\\Filament\\Pages',
        `class TwoFactor\n{\n    protected function actions(): array\n    {\n        return [\n            Action::make('logout')->action(function () {\n                Filament::auth()->logout(); // expect: invalidate-session\n                session()->forget('login.id');\n            }),\n        ];\n    }\n}`,
        ['Filament\\Facades\\Filament', 'Filament\\Actions\\Action'],
      ),
    });
  });
});
