import * as path from 'node:path';
import { phpRuleTester, plugin } from '../support/rule-tester';
import { bootstrap, laravelApp, routeFile } from '../project/laravel-app';

const rule = plugin.rules['session-requires-session'];

function logoutController(body: string, params = 'Request $request'): string {
  return `<?php

namespace App\\Http\\Controllers;

use Illuminate\\Http\\Request;

class LogoutController extends Controller
{
    public function destroy(${params})
    {
        ${body}

        return response()->json(['message' => 'Logged out']);
    }
}
`;
}

function app(where: 'api' | 'stateful-api' | 'web'): string {
  const routes = routeFile(`Route::middleware('auth:sanctum')->post('/logout', [LogoutController::class, 'destroy']);`, ['LogoutController']);
  const root = laravelApp({
    'app/Http/Controllers/LogoutController.php': logoutController(''),
    [where === 'web' ? 'routes/web.php' : 'routes/api.php']: routes,
    ...(where === 'web' ? {} : { 'routes/web.php': routeFile('') }),
    'bootstrap/app.php': bootstrap({ api: true, middleware: where === 'stateful-api' ? '$middleware->statefulApi();' : '//' }),
  });
  return path.join(root, 'app/Http/Controllers/LogoutController.php');
}

const plainApi = app('api');
const SESSION_CALLS = '$request->user()->currentAccessToken()->delete();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();';
const WRAPPED =
  '$request->user()->currentAccessToken()->delete();\n        if ($request->hasSession()) {\n            $request->session()->invalidate();\n            $request->session()->regenerateToken();\n        }';

phpRuleTester().run('session-requires-session', rule as never, {
  valid: [
    { code: logoutController(SESSION_CALLS), filename: app('stateful-api') },
    { code: logoutController(SESSION_CALLS), filename: app('web') },
    { code: logoutController(WRAPPED), filename: plainApi },
    { code: logoutController('if (! $request->hasSession()) {\n            return response()->noContent();\n        }\n        $request->session()->invalidate();'), filename: plainApi },
  ],
  invalid: [
    {
      code: logoutController(SESSION_CALLS),
      filename: plainApi,
      errors: [
        {
          message:
            'Session call throws for token clients (no session here): wrap it in if ($request->hasSession()). POST /api/logout (routes/api.php:6) can run without a session: no middleware of routes/api.php:6 starts a session (no web group, no EnsureFrontendRequestsAreStateful / statefulApi()). For token clients this session call throws RuntimeException "Session store not set on request", a 500 on every token request.',
          line: 12,
          column: 9,
          suggestions: [{ desc: 'Wrap the session calls in if ($request->hasSession()) { … }', output: logoutController(WRAPPED) }],
        },
      ],
    },
    {
      // The session() helper without a Request parameter: the check uses request().
      code: logoutController('session()->flush();', ''),
      filename: plainApi,
      errors: [
        {
          messageId: 'noSessionOnRoute',
          line: 11,
          suggestions: [{ desc: 'Wrap the session calls in if (request()->hasSession()) { … }', output: logoutController('if (request()->hasSession()) {\n            session()->flush();\n        }', '') }],
        },
      ],
    },
  ],
});
