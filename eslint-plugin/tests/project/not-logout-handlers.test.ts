import { assertMarkedApp } from '../support/marked-app';
import { bootstrap, routeFile } from './laravel-app';

/**
 * SPEC §2.3 "not logout handlers" and §2.2 paths: middleware that ejects a user, a logout undone
 * by a login, catches of specific exceptions, a regenerate() before the logout, hasSession().
 */
const controller = (body: string, uses = '') => `<?php

namespace App\\Http\\Controllers;

use Illuminate\\Http\\Request;
use Illuminate\\Support\\Facades\\Auth;
${uses}
class SessionController extends Controller
{
${body}
}
`;
const route = (middleware = 'auth') => routeFile(`Route::post('/logout', [SessionController::class, 'destroy'])->middleware('${middleware}');`, ['SessionController']);

describe('not logout handlers (SPEC §2.3)', function () {
  this.timeout(60_000);

  it('middleware handle() that ejects a banned user owes no invalidation; logout-guard still applies', async function () {
    const middleware = (logout: string) => `<?php

namespace App\\Http\\Middleware;

use Closure;
use Illuminate\\Http\\Request;
use Illuminate\\Support\\Facades\\Auth;

class EnsureNotBanned
{
    public function handle(Request $request, Closure $next)
    {
        if ($request->user()?->banned_at) {
            ${logout}
            return redirect('/login');
        }

        return $next($request);
    }
}
`;
    await assertMarkedApp({ 'routes/web.php': routeFile(''), 'app/Http/Middleware/EnsureNotBanned.php': middleware("Auth::guard('web')->logout();") });
    await assertMarkedApp({
      'routes/web.php': routeFile(''),
      'config/auth.php': "<?php\n\nreturn [\n    'defaults' => ['guard' => 'api'],\n    'guards' => [\n        'web' => ['driver' => 'session', 'provider' => 'users'],\n        'api' => ['driver' => 'passport', 'provider' => 'users'],\n    ],\n];\n",
      'app/Http/Middleware/EnsureNotBanned.php': middleware('Auth::logout(); // expect: logout-guard'),
    });
  });

  it('a logout followed by a login on the same path is not judged; the path without the login is', async function () {
    await assertMarkedApp({
      'routes/web.php': routeFile(`Route::post('/impersonate', [SessionController::class, 'destroy'])->middleware('auth');`, ['SessionController']),
      'app/Http/Controllers/SessionController.php': controller(`    public function destroy(Request $request)
    {
        Auth::guard('web')->logout();
        if (! Auth::attempt($request->only('email', 'password'))) {
            return back();
        }

        return redirect('/');
    }

    public function switchTo(Request $request)
    {
        Auth::guard('web')->logout(); // expect: invalidate-session
        if ($request->boolean('again')) {
            $this->signInAs($request->integer('id'));
        }

        return redirect('/');
    }

    private function signInAs(int $id): void
    {
        Auth::loginUsingId($id);
    }`),
    });
  });
});

describe('paths (SPEC §2.2)', function () {
  this.timeout(60_000);

  it('a catch of a specific exception is entered only from calls that can throw it', async function () {
    await assertMarkedApp({
      'routes/web.php': route(),
      'app/Http/Controllers/SessionController.php': controller(`    public function destroy(Request $request)
    {
        try {
            Auth::guard('web')->logout();
            $request->session()->invalidate();
            $request->session()->regenerateToken();
        } catch (AuditUnavailable $e) {
            return redirect('/');
        }

        return redirect('/');
    }

    public function other(Request $request)
    {
        try {
            Auth::guard('web')->logout(); // expect: invalidate-session
            $this->audit->record('logout');
            $request->session()->invalidate();
            $request->session()->regenerateToken();
        } catch (AuditUnavailable $e) {
            return redirect('/');
        }

        return redirect('/');
    }`, 'use App\\Exceptions\\AuditUnavailable;\n'),
    });
  });

  it('a regenerate() before the logout is not after it: invalidate-session, not no-replayable-session', async function () {
    await assertMarkedApp({
      'routes/web.php': route(),
      'app/Http/Controllers/SessionController.php': controller(`    public function destroy(Request $request)
    {
        $request->session()->regenerate();
        Auth::guard('web')->logout(); // expect: invalidate-session

        return redirect('/');
    }`),
    });
  });

  it('a logout completed before a second logout is not blamed for the second one', async function () {
    await assertMarkedApp({
      'routes/web.php': route(),
      'app/Http/Controllers/SessionController.php': controller(`    public function destroy(Request $request)
    {
        Auth::guard('web')->logout();
        $request->session()->invalidate();
        $request->session()->regenerateToken();
        Auth::guard('admin')->logout(); // expect: invalidate-session

        return redirect('/');
    }`),
      'config/auth.php': "<?php\n\nreturn [\n    'defaults' => ['guard' => 'web'],\n    'guards' => [\n        'web' => ['driver' => 'session', 'provider' => 'users'],\n        'admin' => ['driver' => 'session', 'provider' => 'admins'],\n    ],\n];\n",
    });
  });

  it('invalidation under hasSession() counts as done, in the handler or in a helper it calls', async function () {
    await assertMarkedApp({
      'bootstrap/app.php': bootstrap({ api: true }),
      'routes/web.php': routeFile(''),
      'routes/api.php': route('auth:sanctum'),
      'app/Http/Controllers/SessionController.php': controller(`    public function destroy(Request $request)
    {
        $request->user()->tokens()->delete();
        if ($request->hasSession()) {
            Auth::guard('web')->logout();
            $this->endSession($request);
        }

        return response()->noContent();
    }

    private function endSession(Request $request): void
    {
        $request->session()->invalidate();
        $request->session()->regenerateToken();
    }`),
    });
  });
});
