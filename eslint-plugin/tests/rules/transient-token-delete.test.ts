import * as path from 'node:path';
import { phpRuleTester, plugin } from '../support/rule-tester';
import { bootstrap, laravelApp, routeFile } from '../project/laravel-app';

const rule = plugin.rules['transient-token-delete'];

function tokenController(body: string, imports = ['Illuminate\\Http\\Request']): string {
  return `<?php

namespace App\\Http\\Controllers;

${imports.map((i) => `use ${i};`).join('\n')}

class TokenController extends Controller
{
    public function logout(Request $request)
    {
        ${body}

        return response()->json(['message' => 'Logged out']);
    }
}
`;
}

/** The controller's path in an app with the route in routes/api.php (`stateful`: statefulApi()) or routes/web.php. */
function app(where: 'api' | 'stateful-api' | 'web'): string {
  const routes = routeFile(`Route::post('/logout', [TokenController::class, 'logout'])->middleware('auth:sanctum');`, ['TokenController']);
  const root = laravelApp({
    'app/Http/Controllers/TokenController.php': tokenController(''),
    [where === 'web' ? 'routes/web.php' : 'routes/api.php']: routes,
    ...(where === 'web' ? {} : { 'routes/web.php': routeFile('') }),
    'bootstrap/app.php': bootstrap({ api: true, middleware: where === 'stateful-api' ? '$middleware->statefulApi();' : '//' }),
  });
  return path.join(root, 'app/Http/Controllers/TokenController.php');
}

const statefulApi = app('stateful-api');
const plainApi = app('api');
const web = app('web');
const DELETE = '$request->user()->currentAccessToken()->delete();';
const WITH_AUTH = ['Illuminate\\Http\\Request', 'Illuminate\\Support\\Facades\\Auth'];
const SESSION_HALF =
  "\n\n        if ($request->hasSession()) {\n            Auth::guard('web')->logout();\n            $request->session()->invalidate();\n            $request->session()->regenerateToken();\n            Auth::guard('sanctum')->forgetUser();\n        }";

phpRuleTester().run('transient-token-delete', rule as never, {
  valid: [
    // Only bearer tokens reach a non-stateful api route: the token is a PersonalAccessToken.
    { code: tokenController(DELETE), filename: plainApi },
    // The documented dual pattern checks the type first.
    { code: tokenController('$token = $request->user()->currentAccessToken();\n        if ($token instanceof \\Laravel\\Sanctum\\PersonalAccessToken) {\n            $token->delete();\n        }'), filename: statefulApi },
    { code: tokenController("$token = $request->user()->currentAccessToken();\n        if (method_exists($token, 'delete')) {\n            $token->delete();\n        }"), filename: web },
  ],
  invalid: [
    {
      code: tokenController(DELETE),
      filename: statefulApi,
      errors: [
        {
          message:
            "Cookie requests crash here (TransientToken has no delete()): delete only a PersonalAccessToken. POST /api/logout (routes/api.php:6) can be reached with a session (bootstrap/app.php:10 applies the api group (withRouting(api:)), which contains Laravel\\Sanctum\\Http\\Middleware\\EnsureFrontendRequestsAreStateful (statefulApi() at bootstrap/app.php:14), which starts a session for the SPA's cookie requests). For cookie (SPA) requests currentAccessToken() is a TransientToken, which has no delete(): this call is a fatal error, the logout is aborted and the session stays valid. End the session under $request->hasSession().",
          line: 11,
          suggestions: [
            {
              desc: 'Delete the token only when it is a PersonalAccessToken, and end the session when there is one',
              output: tokenController(`$token = $request->user()->currentAccessToken();\n        if ($token instanceof \\Laravel\\Sanctum\\PersonalAccessToken) {\n            $token->delete();\n        }${SESSION_HALF}`, WITH_AUTH),
            },
          ],
        },
      ],
    },
    {
      // A token already held in a variable is wrapped as it is; web routes always have a session; a handler
      // that already ends the session gets only the type check.
      code: tokenController("$current = auth()->user()->currentAccessToken();\n        $current->delete();\n        Auth::guard('web')->logout();", WITH_AUTH),
      filename: web,
      errors: [
        {
          messageId: 'transientToken',
          line: 13,
          suggestions: [
            {
              desc: 'Delete the token only when it is a PersonalAccessToken',
              output: tokenController("$current = auth()->user()->currentAccessToken();\n        if ($current instanceof \\Laravel\\Sanctum\\PersonalAccessToken) {\n            $current->delete();\n        }\n        Auth::guard('web')->logout();", WITH_AUTH),
            },
          ],
        },
      ],
    },
  ],
});
