import { controller, line, routes } from '../support/php-samples';
import { phpRuleTester, plugin } from '../support/rule-tester';

const rule = plugin.rules['invalidate-session'];
const NOT_INVALIDATED =
  'Logout keeps the session: add invalidate() + regenerateToken(). This logout leaves the session alive: the old session id keeps working, the CSRF token stays valid and flash and other session data are kept.';

/** The suggestion output for a body whose logout is followed by the two inserted lines. */
function withInserted(before: string, after: string, inserted: string[], options = {}): string {
  return controller(`${before}\n${inserted.join('\n')}\n${after}`, options);
}

phpRuleTester().run('invalidate-session', rule as never, {
  valid: [
    // Breeze / docs: logout, invalidate, regenerateToken.
    controller(`Auth::guard('web')->logout();\n$request->session()->invalidate();\n$request->session()->regenerateToken();\nreturn redirect('/');`),
    // Any order of the two session calls.
    controller(`$request->session()->regenerateToken();\nAuth::logout();\n$request->session()->invalidate();`),
    // flush() + regenerate(true), and regenerate(true) alone, destroy the old record and rotate the token.
    controller(`Auth::logout();\n$request->session()->flush();\n$request->session()->regenerate(true);`),
    controller(`auth()->logout();\nsession()->regenerate(true);`),
    // Facade and helper forms; session held in a variable; app('session').
    controller(`Auth::logout();\nSession::invalidate();\nsession()->regenerateToken();`, { imports: ['Illuminate\\Support\\Facades\\Session'] }),
    controller(`Auth::logout();\n$session = $request->session();\n$session->invalidate();\n$session->regenerateToken();`),
    controller(`Auth::logout();\napp('session')->invalidate();\napp('session.store')->regenerateToken();`, { params: '' }),
    controller(`Auth::logout();\nrequest()->session()->invalidate();\nRequest::session()->regenerateToken();`, { params: '', imports: [] }).replace('use Illuminate\\Http\\Request;', 'use Illuminate\\Support\\Facades\\Request;'),
    // Injected session store.
    controller(`Auth::logout();\n$session->invalidate();\n$session->regenerateToken();`, { params: 'Store $session', imports: ['Illuminate\\Session\\Store'] }),
    // Fortify: injected StatefulGuard, session calls guarded by hasSession().
    controller(`$this->guard->logout();\nif ($request->hasSession()) {\n    $request->session()->invalidate();\n    $request->session()->regenerateToken();\n}`),
    controller(`$guard->logout();\nif (! $request->hasSession()) {\n    return response()->noContent();\n}\n$request->session()->invalidate();\n$request->session()->regenerateToken();`, { params: 'Request $request, StatefulGuard $guard', imports: ['Illuminate\\Contracts\\Auth\\StatefulGuard'] }),
    // Invalidation in `finally` covers every path.
    controller(`try {\n    Auth::logout();\n    if ($request->wantsJson()) {\n        return response()->noContent();\n    }\n} finally {\n    $request->session()->invalidate();\n    $request->session()->regenerateToken();\n}\nreturn redirect('/');`),
    // A helper of the same class does the invalidation.
    controller(`Auth::logout();\n$this->endSession($request);\nreturn redirect('/');`, {
      members: `\n    private function endSession(Request $request): void\n    {\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();\n    }\n`,
    }),
    // Not a logout of the current device.
    controller(`Auth::logoutOtherDevices($request->password);\nreturn back();`),
    // A login handler regenerates without any logout.
    controller(`Auth::attempt($request->only('email', 'password'));\n$request->session()->regenerate();`),
    // Route closure doing it right.
    routes(`Route::post('/logout', function (Request $request) {\n    Auth::logout();\n    $request->session()->invalidate();\n    $request->session()->regenerateToken();\n    return redirect('/');\n})->middleware('auth');`),
    // A disable comment in PHP works as in JS (RuleTester renames the rule, so no rule id here).
    controller(`// eslint-disable-next-line\nAuth::guard('web')->logout();\nreturn redirect('/');`),
  ],
  invalid: [
    {
      code: controller(`Auth::guard('web')->logout();\n\nreturn redirect('/');`),
      errors: [
        {
          message: NOT_INVALIDATED,
          line: line(1),
          column: 9,
          endColumn: 37,
          suggestions: [
            {
              desc: 'Add $request->session()->invalidate() and $request->session()->regenerateToken() after the logout',
              output: withInserted(`Auth::guard('web')->logout();`, `\nreturn redirect('/');`, ['$request->session()->invalidate();', '$request->session()->regenerateToken();']),
            },
          ],
        },
      ],
    },
    // Every logout form of SPEC 2.1 that is visible in one file.
    ...[
      `Auth::logout();`,
      `Auth::guard()->logout();`,
      `Auth::guard('web')->logoutCurrentDevice();`,
      `auth()->logout();`,
      `auth('web')->logout();`,
      `auth()->guard('web')->logout();`,
      `app('auth')->logout();`,
      `app('auth')->guard('admin')->logout();`,
      `\\Auth::logout();`,
    ].map((logout) => ({
      code: controller(`${logout}\nreturn redirect('/');`),
      errors: [
        {
          messageId: 'notInvalidated',
          line: line(1),
          suggestions: [
            {
              messageId: 'addInvalidation',
              output: withInserted(logout, `return redirect('/');`, ['$request->session()->invalidate();', '$request->session()->regenerateToken();']),
            },
          ],
        },
      ],
    })),
    {
      // Injected auth manager and StatefulGuard (without hasSession()).
      code: controller(`$auth->logout();\n$guard->logout();`, { params: 'Request $request, AuthManager $auth, StatefulGuard $guard', imports: ['Illuminate\\Auth\\AuthManager', 'Illuminate\\Contracts\\Auth\\StatefulGuard'] }),
      errors: [
        { messageId: 'notInvalidated', line: line(1, 2), suggestions: 1 },
        { messageId: 'notInvalidated', line: line(2, 2), suggestions: 1 },
      ],
    },
    {
      // laravel/ui style: $this->guard() resolved in the same class.
      code: controller(`$this->guard()->logout();\nreturn redirect('/');`, {
        members: `\n    protected function guard()\n    {\n        return Auth::guard('admin');\n    }\n`,
      }),
      errors: [{ messageId: 'notInvalidated', line: line(1), suggestions: 1 }],
    },
    {
      // invalidate() without regenerateToken(): the new token goes after invalidate().
      code: controller(`Auth::logout();\n$request->session()->invalidate();\nreturn redirect('/');`),
      errors: [
        {
          message:
            'Logout keeps the CSRF token: add regenerateToken(). The session is invalidated, but the CSRF token is not regenerated: the front end holds no valid token until it fetches a new one, so its next POST fails with 419.',
          line: line(1),
          suggestions: [
            {
              desc: 'Add $request->session()->regenerateToken()',
              output: controller(`Auth::logout();\n$request->session()->invalidate();\n$request->session()->regenerateToken();\nreturn redirect('/');`),
            },
          ],
        },
      ],
    },
    {
      // The token is already rotated: only invalidate() is added, never a second regenerateToken().
      code: controller(`Auth::logout();\n$request->session()->regenerateToken();\nreturn redirect('/');`),
      errors: [
        {
          messageId: 'notInvalidated',
          suggestions: [
            {
              desc: 'Add $request->session()->invalidate() after the logout',
              output: controller(`Auth::logout();\n$request->session()->invalidate();\n$request->session()->regenerateToken();\nreturn redirect('/');`),
            },
          ],
        },
      ],
    },
    {
      // migrate(true) alone keeps the logged-out session's CSRF token valid.
      code: controller(`Auth::logout();\n$request->session()->migrate(true);`),
      errors: [
        {
          message: 'Logout keeps the CSRF token: add regenerateToken(). migrate(true) gives the session a new id, but the CSRF token of the logged-out session stays valid.',
          suggestions: [{ messageId: 'addRegenerateToken', output: controller(`Auth::logout();\n$request->session()->migrate(true);\n$request->session()->regenerateToken();`) }],
        },
      ],
    },
    {
      // Invalidation in one branch only: the other path is named.
      code: controller(`Auth::logout();\nif ($request->boolean('everywhere')) {\n    $request->session()->invalidate();\n    $request->session()->regenerateToken();\n}\nreturn redirect('/');`),
      errors: [
        {
          message: NOT_INVALIDATED.replace('alive:', `alive on the path that returns at line ${line(6)}:`),
          line: line(1),
          suggestions: 1,
        },
      ],
    },
    {
      // An early return between the logout and the invalidation.
      code: controller(`Auth::logout();\nif ($request->expectsJson()) {\n    return response()->json(['ok' => true]);\n}\n$request->session()->invalidate();\n$request->session()->regenerateToken();\nreturn redirect('/');`),
      errors: [{ message: NOT_INVALIDATED.replace('alive:', `alive on the path that returns at line ${line(3)}:`), suggestions: 1 }],
    },
    {
      // A throw after the logout is a path that ends without invalidation.
      code: controller(`Auth::logout();\nif (! $request->user()) {\n    throw new \\RuntimeException('gone');\n}\n$request->session()->invalidate();\n$request->session()->regenerateToken();`),
      errors: [{ message: NOT_INVALIDATED.replace('alive:', `alive on the path that throws at line ${line(3)}:`), suggestions: 1 }],
    },
    {
      // A catch that returns normally after the logout.
      code: controller(`try {\n    Auth::logout();\n    $request->session()->invalidate();\n    $request->session()->regenerateToken();\n} catch (\\Throwable $e) {\n    report($e);\n    return back();\n}\nreturn redirect('/');`),
      errors: [{ messageId: 'notInvalidated', line: line(2), suggestions: 1 }],
    },
    {
      // A helper that only logs out; the handler calling it never invalidates. Reported in the helper.
      code: controller(`$this->endSession();\nreturn redirect('/');`, {
        members: `\n    private function endSession(): void\n    {\n        Auth::logout();\n    }\n`,
      }),
      errors: [{ messageId: 'notInvalidated', line: 18, suggestions: 1 }],
    },
    {
      // No Request parameter: the fix re-uses the session form the handler already uses.
      code: controller(`Auth::logout();\nsession()->invalidate();`, { params: '' }),
      errors: [
        {
          messageId: 'csrfNotRotated',
          suggestions: [{ messageId: 'addRegenerateToken', output: controller(`Auth::logout();\nsession()->invalidate();\nsession()->regenerateToken();`, { params: '' }) }],
        },
      ],
    },
    {
      // Nothing to re-use: request()->session().
      code: controller(`Auth::logout();\nreturn redirect('/');`, { params: '' }),
      errors: [
        {
          messageId: 'notInvalidated',
          suggestions: [
            {
              messageId: 'addInvalidation',
              output: withInserted(`Auth::logout();`, `return redirect('/');`, ['request()->session()->invalidate();', 'request()->session()->regenerateToken();'], { params: '' }),
            },
          ],
        },
      ],
    },
    {
      // A route closure in a route file.
      code: routes(`Route::post('/logout', function (Request $request) {\n    Auth::logout();\n    return redirect('/');\n})->middleware('auth');`),
      errors: [
        {
          messageId: 'notInvalidated',
          line: 8,
          suggestions: [
            {
              messageId: 'addInvalidation',
              output: routes(
                `Route::post('/logout', function (Request $request) {\n    Auth::logout();\n    $request->session()->invalidate();\n    $request->session()->regenerateToken();\n    return redirect('/');\n})->middleware('auth');`,
              ),
            },
          ],
        },
      ],
    },
    {
      // A trait method in the same file, and CRLF line endings kept.
      code: `<?php\r\n\r\nnamespace App\\Concerns;\r\n\r\ntrait LogsOut\r\n{\r\n\tpublic function logout()\r\n\t{\r\n\t\tauth()->logout();\r\n\t\treturn redirect('/');\r\n\t}\r\n}\r\n`,
      errors: [
        {
          messageId: 'notInvalidated',
          line: 9,
          suggestions: [
            {
              messageId: 'addInvalidation',
              output: `<?php\r\n\r\nnamespace App\\Concerns;\r\n\r\ntrait LogsOut\r\n{\r\n\tpublic function logout()\r\n\t{\r\n\t\tauth()->logout();\r\n\t\trequest()->session()->invalidate();\r\n\t\trequest()->session()->regenerateToken();\r\n\t\treturn redirect('/');\r\n\t}\r\n}\r\n`,
            },
          ],
        },
      ],
    },
  ],
});
