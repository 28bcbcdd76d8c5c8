import { assertMarkedApp } from '../support/marked-app';
import { authConfig, routeFile } from './laravel-app';

/**
 * Shapes from the labelled corpus (docs/real-code-eval.md): a logout on a path where nobody is
 * logged in ends no session login (SPEC §1: a logout handler ends an authenticated session), and
 * an api group that starts a session itself gives token clients a session (SPEC §2.4 does not apply).
 */
const callback = (guard: string, reject: string) => `<?php

namespace App\\Http\\Controllers;

use App\\Models\\User;
use Illuminate\\Http\\Request;
use Illuminate\\Support\\Facades\\Auth;

class SocialLoginController extends Controller
{
    public function callback(Request $request)
    {
        if (${guard}) {
            $request->user()->update(['provider_id' => $request->input('id')]);

            return redirect('/profile');
        }

        $user = User::where('provider_id', $request->input('id'))->first();
        if ($user) {
            if ($user->suspended) {
${reject}
                return view('auth.suspended');
            }

            Auth::login($user, true);

            return redirect('/dashboard');
        }

        return redirect('/login');
    }
}
`;
const routes = routeFile(`Route::get('/oauth/callback', [SocialLoginController::class, 'callback']);`, ['SocialLoginController']);
const reject = "                Auth::logout();\n                $request->session()->invalidate();";

describe('logouts on a path where nobody is logged in', function () {
  this.timeout(60_000);

  it('after `if (Auth::check()) { …; return }` the logout ends no session: no invalidate-session', async function () {
    await assertMarkedApp({ 'routes/web.php': routes, 'app/Http/Controllers/SocialLoginController.php': callback('Auth::check()', reject) });
    await assertMarkedApp({ 'routes/web.php': routes, 'app/Http/Controllers/SocialLoginController.php': callback('auth()->user()', reject) });
  });

  it('a check of another guard says nothing about the default guard: still invalidate-session', async function () {
    const marked = reject.replace('Auth::logout();', 'Auth::logout(); // expect: invalidate-session');
    await assertMarkedApp({ 'routes/web.php': routes, 'app/Http/Controllers/SocialLoginController.php': callback("Auth::guard('admin')->check()", marked) });
    // `&&`: when the condition is false, which half failed is unknown.
    await assertMarkedApp({ 'routes/web.php': routes, 'app/Http/Controllers/SocialLoginController.php': callback("Auth::check() && $request->has('link')", marked) });
  });

  it('inside `if (Auth::guest())` and the else of `if (Auth::check())` nobody is logged in', async function () {
    const controller = `<?php

namespace App\\Http\\Controllers;

use Illuminate\\Http\\Request;
use Illuminate\\Support\\Facades\\Auth;

class SessionController extends Controller
{
    public function reset(Request $request)
    {
        if (Auth::guest()) {
            Auth::logout();
            $request->session()->invalidate();
        }

        return redirect('/');
    }

    public function destroy(Request $request)
    {
        if (Auth::check()) {
            Auth::logout(); // expect: invalidate-session
        } else {
            Auth::logout();
            $request->session()->invalidate();
        }

        return redirect('/');
    }
}
`;
    await assertMarkedApp({
      'routes/web.php': routeFile(`Route::post('/reset', [SessionController::class, 'reset']);\nRoute::post('/logout', [SessionController::class, 'destroy'])->middleware('auth');`, ['SessionController']),
      'app/Http/Controllers/SessionController.php': controller,
    });
  });

  it('logout-guard still applies on a guest path: a 500 is a 500', async function () {
    // The default guard is a token guard (no logout()): Auth::logout() throws whoever is logged in.
    await assertMarkedApp({
      'config/auth.php': authConfig({ web: 'session', api: 'passport' }, "'api'"),
      'routes/web.php': routes,
      'app/Http/Controllers/SocialLoginController.php': callback('Auth::check()', reject.replace('Auth::logout();', 'Auth::logout(); // expect: logout-guard')),
    });
  });
});

describe('an api group that starts a session itself', function () {
  this.timeout(60_000);

  it('StartSession in the api group: token clients have a session, so no session-requires-session (SPEC §2.4 is about routes without one)', async function () {
    const kernel = `<?php

namespace App\\Http;

use Illuminate\\Foundation\\Http\\Kernel as HttpKernel;

class Kernel extends HttpKernel
{
    protected $middlewareGroups = [
        'web' => [
            \\Illuminate\\Session\\Middleware\\StartSession::class,
            \\App\\Http\\Middleware\\VerifyCsrfToken::class,
        ],
        'api' => [
            \\Laravel\\Sanctum\\Http\\Middleware\\EnsureFrontendRequestsAreStateful::class,
            \\Illuminate\\Session\\Middleware\\StartSession::class,
        ],
    ];

    protected $middlewareAliases = [
        'auth' => \\App\\Http\\Middleware\\Authenticate::class,
    ];
}
`;
    const provider = `<?php

namespace App\\Providers;

use Illuminate\\Support\\Facades\\Route;
use Illuminate\\Foundation\\Support\\Providers\\RouteServiceProvider as ServiceProvider;

class RouteServiceProvider extends ServiceProvider
{
    public function boot()
    {
        $this->routes(function () {
            Route::middleware('api')->prefix('api')->group(base_path('routes/api.php'));
            Route::middleware('web')->group(base_path('routes/web.php'));
        });
    }
}
`;
    const logout = `<?php

namespace App\\Http\\Controllers;

use Illuminate\\Support\\Facades\\Auth;

class LogoutController extends Controller
{
    public function logout()
    {
        Auth::guard('web')->logout();
        request()->session()->invalidate();
        request()->session()->regenerateToken();

        return response('ok');
    }

    public function token()
    {
        return ['token' => request()->user()->createToken('api')->plainTextToken];
    }
}
`;
    await assertMarkedApp(
      {
        'bootstrap/app.php': '<?php\n\n$app = new Illuminate\\Foundation\\Application(dirname(__DIR__));\n\nreturn $app;\n',
        'app/Http/Kernel.php': kernel,
        'app/Providers/RouteServiceProvider.php': provider,
        'config/session.php': "<?php\n\nreturn [\n    'driver' => 'file',\n];\n",
        'routes/web.php': routeFile(''),
        'routes/api.php': routeFile(`Route::middleware('auth:sanctum')->post('/logout', [LogoutController::class, 'logout']);`, ['LogoutController']),
        'app/Http/Controllers/LogoutController.php': logout,
      },
      { framework: 'v10.11.0' },
    );
  });
});
