import * as path from 'node:path';
import { phpRuleTester, plugin } from '../support/rule-tester';
import { authConfig, laravelApp, routeFile } from '../project/laravel-app';

const rule = plugin.rules['logout-guard'];

/** A controller whose `destroy` body is given; routes/web.php applies `middleware` to it. */
function app(middleware: string, files: Record<string, string> = {}): string {
  const routes = routeFile(`Route::post('/logout', [SessionController::class, 'destroy'])->middleware('${middleware}');`, ['SessionController']);
  const root = laravelApp({ 'routes/web.php': routes, 'app/Http/Controllers/SessionController.php': sessionController('Auth::logout();'), ...files });
  return path.join(root, 'app/Http/Controllers/SessionController.php');
}

function sessionController(body: string, imports = ['Illuminate\\Http\\Request', 'Illuminate\\Support\\Facades\\Auth'], members = ''): string {
  return `<?php

namespace App\\Http\\Controllers;

${imports.map((i) => `use ${i};`).join('\n')}

class SessionController extends Controller
{
    public function destroy(Request $request)
    {
        ${body}
        $request->session()->invalidate();
        $request->session()->regenerateToken();

        return redirect('/');
    }
${members}}
`;
}

const underSanctum = app('auth:sanctum');
const underWeb = app('auth');
const underSanctumWeb = app('auth:sanctum,web');
const underWebSanctum = app('auth:web,sanctum');
const passport = app('auth:api', { 'config/auth.php': authConfig({ web: 'session', api: 'passport' }) });
const jwt = app('auth:api', { 'config/auth.php': authConfig({ web: 'session', api: 'jwt' }) });
const customSanctumGuard = app('auth:sanctum', { 'config/sanctum.php': "<?php\n\nreturn [\n    'guard' => ['admin'],\n];\n", 'config/auth.php': authConfig({ web: 'session', admin: 'session' }) });
const customDriver = app('auth:keycloak', { 'config/auth.php': authConfig({ web: 'session', keycloak: 'keycloak-web' }) });
const viaRequest = app('auth:api', {
  'config/auth.php': authConfig({ web: 'session', api: 'custom-token' }),
  'app/Providers/AuthServiceProvider.php': "<?php\n\nnamespace App\\Providers;\n\nuse Illuminate\\Support\\Facades\\Auth;\n\nclass AuthServiceProvider\n{\n    public function boot(): void\n    {\n        Auth::viaRequest('custom-token', fn ($request) => null);\n    }\n}\n",
});
const noRoutePassportDefault = path.join(laravelApp({ 'routes/web.php': routeFile(''), 'config/auth.php': authConfig({ web: 'session', api: 'passport' }, "'api'") }), 'app/Http/Controllers/SessionController.php');
const noRoute = path.join(laravelApp({ 'routes/web.php': routeFile('') }), 'app/Http/Controllers/SessionController.php');

const sanctumMessage =
  "Logout on the sanctum guard throws (no logout()): log out of the 'web' guard instead. POST /logout (routes/web.php:6): routes/web.php:6 applies auth:sanctum: the sanctum guard (driver sanctum) has no logout(), so this call throws BadMethodCallException (\"RequestGuard::logout does not exist\"), the request ends with a 500 and nobody is logged out. Name the session guard: Auth::guard('web')->logout().";

phpRuleTester().run('logout-guard', rule as never, {
  valid: [
    // Breeze: the session guard named.
    { code: sessionController("Auth::guard('web')->logout();"), filename: underSanctum },
    // auth / auth:web: the default guard is the session guard.
    { code: sessionController('Auth::logout();'), filename: underWeb },
    { code: sessionController('auth()->logout();'), filename: underWebSanctum },
    // jwt guards have their own logout() (it invalidates the token).
    { code: sessionController("auth('api')->logout();"), filename: jwt },
    { code: sessionController('auth()->logout();'), filename: jwt },
    // Fortify's StatefulGuard is bound to the session guard.
    { code: sessionController('$guard->logout();').replace('Request $request)', 'Request $request, StatefulGuard $guard)').replace('use Illuminate\\Http\\Request;', 'use Illuminate\\Http\\Request;\nuse Illuminate\\Contracts\\Auth\\StatefulGuard;'), filename: underSanctum },
    // Not a Laravel project, or no route found: the default (session) guard applies.
    { code: sessionController('Auth::logout();'), filename: '/tmp/not-laravel/SessionController.php' },
    { code: sessionController('Auth::logout();'), filename: noRoute },
    // A custom driver may have its own logout(): nothing is claimed.
    { code: sessionController('Auth::logout();'), filename: customDriver },
    // Auth::shouldUse('web') before the call makes the unqualified form address the web guard.
    { code: sessionController("Auth::shouldUse('web');\n        Auth::logout();"), filename: underSanctum },
    // logoutOtherDevices() does not log out the current device.
    { code: sessionController('Auth::logoutOtherDevices($request->password);'), filename: underSanctum },
  ],
  invalid: [
    {
      // A guard registered with Auth::viaRequest() is a RequestGuard: no logout().
      code: sessionController('Auth::logout();'),
      filename: viaRequest,
      errors: [{ messageId: 'noLogoutOnGuard', line: 12, suggestions: 1 }],
    },
    {
      // No route reaches the handler: the default guard of config/auth.php decides, and the message says so.
      code: sessionController('Auth::logout();'),
      filename: noRoutePassportDefault,
      errors: [
        {
          message:
            "Logout on the api guard throws (no logout()): log out of the 'web' guard instead. no route to this handler was found, so the default guard applies (api, config/auth.php:5): the api guard (driver passport) has no logout(), so this call throws BadMethodCallException (\"TokenGuard::logout does not exist\"), the request ends with a 500 and nobody is logged out. Name the session guard: Auth::guard('web')->logout().",
          suggestions: 1,
        },
      ],
    },
    {
      code: sessionController('Auth::logout();'),
      filename: underSanctum,
      errors: [
        {
          message: sanctumMessage,
          line: 12,
          column: 9,
          suggestions: [{ desc: "Use Auth::guard('web')->logout() and forgetUser()", output: sessionController("Auth::guard('web')->logout();\n        Auth::guard('sanctum')->forgetUser();") }],
        },
      ],
    },
    {
      // auth:sanctum,web: sanctum authenticates a cookie request first.
      code: sessionController('Auth::guard()->logout();'),
      filename: underSanctumWeb,
      errors: [{ messageId: 'noLogoutOnGuard', line: 12, suggestions: [{ desc: "Use Auth::guard('web')->logout() and forgetUser()", output: sessionController("Auth::guard('web')->logout();\n        Auth::guard('sanctum')->forgetUser();") }] }],
    },
    {
      // The helper form keeps the helper; Passport's TokenGuard has no logout() either.
      code: sessionController('auth()->logoutCurrentDevice();'),
      filename: passport,
      errors: [
        {
          message:
            "Logout on the api guard throws (no logout()): log out of the 'web' guard instead. POST /logout (routes/web.php:6): routes/web.php:6 applies auth:api: the api guard (driver passport) has no logout(), so this call throws BadMethodCallException (\"TokenGuard::logout does not exist\"), the request ends with a 500 and nobody is logged out. Name the session guard: auth('web')->logoutCurrentDevice().",
          suggestions: [{ desc: "Use auth('web')->logoutCurrentDevice() and forgetUser()", output: sessionController("auth('web')->logoutCurrentDevice();\n        auth('api')->forgetUser();") }],
        },
      ],
    },
    {
      // Injected AuthManager; the Auth import is added; the guard comes from config/sanctum.php.
      code: sessionController('$auth->logout();', ['Illuminate\\Http\\Request', 'Illuminate\\Auth\\AuthManager']).replace('Request $request)', 'Request $request, AuthManager $auth)'),
      filename: customSanctumGuard,
      errors: [
        {
          messageId: 'noLogoutOnGuard',
          line: 12,
          suggestions: [
            {
              desc: "Use Auth::guard('admin')->logout() and forgetUser()",
              output: sessionController("Auth::guard('admin')->logout();\n        Auth::guard('sanctum')->forgetUser();", ['Illuminate\\Http\\Request', 'Illuminate\\Auth\\AuthManager', 'Illuminate\\Support\\Facades\\Auth']).replace('Request $request)', 'Request $request, AuthManager $auth)'),
            },
          ],
        },
      ],
    },
    {
      // $this->guard() returning the default guard (laravel/ui).
      code: sessionController('$this->guard()->logout();', undefined, '\n    protected function guard()\n    {\n        return Auth::guard();\n    }\n'),
      filename: underSanctum,
      errors: [{ messageId: 'noLogoutOnGuard', line: 12, suggestions: [{ desc: "Use Auth::guard('web')->logout() and forgetUser()", output: sessionController("Auth::guard('web')->logout();\n        Auth::guard('sanctum')->forgetUser();", undefined, '\n    protected function guard()\n    {\n        return Auth::guard();\n    }\n') }] }],
    },
  ],
});
