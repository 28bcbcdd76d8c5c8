import * as path from 'node:path';
import { phpRuleTester, plugin } from '../support/rule-tester';
import { authConfig, bootstrap, laravelApp, routeFile } from './laravel-app';

/**
 * invalidate-session / no-replayable-session with route context (analysis/laravel/logouts.ts):
 * a logout that ends no session login on any route that has a session owes no invalidation.
 */
function controllerWith(body: string): string {
  return `<?php

namespace App\\Http\\Controllers;

use Illuminate\\Http\\Request;
use Illuminate\\Support\\Facades\\Auth;

class SessionController extends Controller
{
    public function destroy(Request $request)
    {
        ${body}

        return response()->noContent();
    }
}
`;
}

function app(where: 'web' | 'api', middleware: string, files: Record<string, string> = {}): string {
  const routes = routeFile(`Route::post('/logout', [SessionController::class, 'destroy'])->middleware('${middleware}');`, ['SessionController']);
  const root = laravelApp({
    [`routes/${where}.php`]: routes,
    ...(where === 'api' ? { 'routes/web.php': routeFile('') } : {}),
    'bootstrap/app.php': bootstrap({ api: true }),
    'app/Http/Controllers/SessionController.php': controllerWith(''),
    ...files,
  });
  return path.join(root, 'app/Http/Controllers/SessionController.php');
}

const webAuth = app('web', 'auth');
const webSanctum = app('web', 'auth:sanctum');
const apiSanctum = app('api', 'auth:sanctum');
const apiJwt = app('api', 'auth:api', { 'config/auth.php': authConfig({ web: 'session', api: 'jwt' }, "'api'") });

phpRuleTester().run('invalidate-session (route-aware)', plugin.rules['invalidate-session'] as never, {
  valid: [
    // Decision 2: the unqualified call throws on auth:sanctum (logout-guard), it is not a session logout.
    { code: controllerWith('Auth::logout();'), filename: webSanctum },
    // No session on a non-stateful api route: nothing to invalidate.
    { code: controllerWith("Auth::guard('web')->logout();"), filename: apiSanctum },
    // The jwt guard's logout() invalidates the token and ends no session.
    { code: controllerWith('auth()->logout();'), filename: apiJwt },
  ],
  invalid: [
    { code: controllerWith('Auth::logout();'), filename: webAuth, errors: [{ messageId: 'notInvalidated', line: 12, suggestions: 1 }] },
    { code: controllerWith("Auth::guard('web')->logout();"), filename: webSanctum, errors: [{ messageId: 'notInvalidated', line: 12, suggestions: 1 }] },
  ],
});

phpRuleTester().run('no-replayable-session (route-aware)', plugin.rules['no-replayable-session'] as never, {
  valid: [{ code: controllerWith("Auth::logout();\n        $request->session()->regenerate();"), filename: webSanctum }],
  invalid: [
    {
      code: controllerWith("Auth::guard('web')->logout();\n        $request->session()->regenerate();"),
      filename: webSanctum,
      output: controllerWith("Auth::guard('web')->logout();\n        $request->session()->regenerate(true);"),
      errors: [{ messageId: 'replayable', line: 13, suggestions: 1 }],
    },
  ],
});
