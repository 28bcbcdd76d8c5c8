import * as path from 'node:path';
import { phpRuleTester, plugin } from '../support/rule-tester';
import { bootstrap, laravelApp, routeFile } from '../project/laravel-app';

const rule = plugin.rules['forget-request-guard-user'];

const CANONICAL = "Auth::guard('web')->logout();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();";

function sessionController(body: string, imports = ['Illuminate\\Http\\Request', 'Illuminate\\Support\\Facades\\Auth']): string {
  return `<?php

namespace App\\Http\\Controllers;

${imports.map((i) => `use ${i};`).join('\n')}

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

/** The controller's path in an app whose routes/web.php applies `middleware` to it. */
function app(middleware: string, files: Record<string, string> = {}, options: { framework?: string | null } = {}): string {
  const routes = routeFile(`Route::post('/logout', [SessionController::class, 'destroy'])->middleware('${middleware}');`, ['SessionController']);
  const root = laravelApp({ 'routes/web.php': routes, 'app/Http/Controllers/SessionController.php': sessionController(CANONICAL), ...files }, options);
  return path.join(root, 'app/Http/Controllers/SessionController.php');
}

const sanctum = app('auth:sanctum');
const sanctumWeb = app('auth:sanctum,web');
const webSanctum = app('auth:web,sanctum');
const fileDriver = app('auth:sanctum', { '.env': 'SESSION_DRIVER=file\n' });
const unknownDriver = app('auth:sanctum', { 'config/session.php': "<?php\n\nreturn ['driver' => env('SESSION_DRIVER')];\n" });
const oldFramework = app('auth:sanctum', {}, { framework: 'v9.20.0' });
const noLock = app('auth:sanctum', {}, { framework: null });
const apiNoSession = (() => {
  const api = routeFile(`Route::post('/logout', [SessionController::class, 'destroy'])->middleware('auth:sanctum');`, ['SessionController']);
  const root = laravelApp({ 'routes/api.php': api, 'routes/web.php': routeFile(''), 'bootstrap/app.php': bootstrap({ api: true }) });
  return path.join(root, 'app/Http/Controllers/SessionController.php');
})();

/** A route closure in routes/web.php itself: the middleware change can be offered as an ESLint suggestion. */
const closureRoutes = routeFile(`use Illuminate\\Http\\Request;
use Illuminate\\Support\\Facades\\Auth;

Route::post('/logout', function (Request $request) {
    Auth::guard('web')->logout();
    $request->session()->invalidate();
    $request->session()->regenerateToken();

    return redirect('/');
})->middleware('auth:sanctum');`);
const closureFile = path.join(laravelApp({ 'routes/web.php': closureRoutes }, { framework: 'v9.20.0' }), 'routes/web.php');

const STALE_EVIDENCE =
  "This logout ends the session login, but POST /logout (routes/web.php:6): routes/web.php:6 applies auth:sanctum: the sanctum guard (driver sanctum) authenticated the request and keeps the user cached. With the database session driver, set by config/session.php:4 (default of env('SESSION_DRIVER'), no .env file), the new session row is written with the logged-out user's user_id (session lists, \"log out other devices\" and audits are wrong), and Auth::user() / $request->user() still return the user for the rest of the request.";

const withForget = sessionController(`Auth::guard('web')->logout();\n        Auth::guard('sanctum')->forgetUser();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();`);

phpRuleTester().run('forget-request-guard-user', rule as never, {
  valid: [
    { code: sessionController(CANONICAL), filename: webSanctum },
    // The dual pattern: forgetUser() on the request guard.
    { code: withForget, filename: sanctum },
    { code: sessionController(`${CANONICAL}\n        auth('sanctum')->forgetUser();`), filename: sanctum },
    // Not the database driver: no user_id column is written.
    { code: sessionController(CANONICAL), filename: fileDriver },
    // An unqualified logout on auth:sanctum throws (logout-guard), it is not a session logout (Decision 2).
    { code: sessionController('Auth::logout();'), filename: sanctum },
    // No session on a non-stateful api route.
    { code: sessionController(CANONICAL), filename: apiNoSession },
  ],
  invalid: [
    {
      code: sessionController(CANONICAL),
      filename: sanctum,
      errors: [
        {
          message: `The sanctum guard still holds the user after this logout: call forgetUser() on it after the logout. ${STALE_EVIDENCE} Call Auth::guard('sanctum')->forgetUser() after the logout, or change auth:sanctum at routes/web.php:6 to auth:web.`,
          line: 12,
          suggestions: [{ desc: "Add Auth::guard('sanctum')->forgetUser() after the logout", output: withForget }],
        },
      ],
    },
    {
      code: sessionController(CANONICAL),
      filename: sanctumWeb,
      errors: [{ messageId: 'staleRequestGuardUser', line: 12, suggestions: [{ desc: "Add Auth::guard('sanctum')->forgetUser() after the logout", output: withForget }] }],
    },
    {
      // Driver unknown: reported with the assumption stated.
      code: sessionController(CANONICAL),
      filename: unknownDriver,
      errors: [{ message: /With the database session driver \(assumed: the driver could not be determined from config\/session\.php:3 \(env\('SESSION_DRIVER'\) without a value\)\), the new session row/, suggestions: 1 }],
    },
    {
      // No composer.lock: forgetUser() is offered, and the message says the version is unknown.
      code: sessionController(CANONICAL),
      filename: noLock,
      errors: [{ message: /\(laravel\/framework version unknown, no composer\.lock: forgetUser\(\) needs 9\.44\.0 or later\)/, suggestions: 1 }],
    },
    {
      // Below 9.44: no forgetUser() fix; the route is in another file, so ESLint offers nothing here.
      code: sessionController(CANONICAL),
      filename: oldFramework,
      errors: [
        {
          message: `The sanctum guard still holds the user after this logout: protect the route with auth:web. ${STALE_EVIDENCE} laravel/framework 9.20.0 (composer.lock) has no forgetUser() (added in 9.44.0): protect the logout route with auth:web instead (auth:sanctum at routes/web.php:6).`,
          suggestions: [],
        },
      ],
    },
    {
      // Below 9.44 with the route in this file: the suggestion changes its middleware.
      code: closureRoutes,
      filename: closureFile,
      errors: [
        {
          messageId: 'staleRequestGuardUser',
          line: 9,
          suggestions: [{ desc: 'Change auth:sanctum (line 14) to auth:web', output: closureRoutes.replace("->middleware('auth:sanctum')", "->middleware('auth:web')") }],
        },
      ],
    },
    {
      // The Auth import is added when the file has none.
      code: sessionController("auth('web')->logout();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();", ['Illuminate\\Http\\Request']),
      filename: sanctum,
      errors: [
        {
          messageId: 'staleRequestGuardUser',
          suggestions: [
            {
              desc: "Add Auth::guard('sanctum')->forgetUser() after the logout",
              output: sessionController("auth('web')->logout();\n        Auth::guard('sanctum')->forgetUser();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();", ['Illuminate\\Http\\Request', 'Illuminate\\Support\\Facades\\Auth']),
            },
          ],
        },
      ],
    },
  ],
});
