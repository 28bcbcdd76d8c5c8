import { controller, line, routes } from '../support/php-samples';
import { phpRuleTester, plugin } from '../support/rule-tester';

const rule = plugin.rules['no-replayable-session'];
const FLUSH_THEN_REGENERATE =
  'flush() + regenerate() leaves the old session replayable: use regenerate(true) or invalidate(). The old record stays in the store as it was last saved, login included: replaying the old session cookie logs back in, and each replay keeps it alive (Laravel replaced this sequence by invalidate() in 5.4.29).';

phpRuleTester().run('no-replayable-session', rule as never, {
  valid: [
    controller(`Auth::guard('web')->logout();\n$request->session()->invalidate();\n$request->session()->regenerateToken();`),
    // Destroying variants.
    controller(`Auth::logout();\n$request->session()->flush();\n$request->session()->regenerate(true);`),
    controller(`Auth::logout();\n$request->session()->migrate(true);\n$request->session()->regenerateToken();`),
    // A regenerate() after the old record was already destroyed.
    controller(`Auth::logout();\n$request->session()->invalidate();\n$request->session()->regenerate();`),
    // Login: regenerate() without a logout is what the docs prescribe.
    controller(`if (Auth::attempt($request->only('email', 'password'))) {\n    $request->session()->regenerate();\n}`),
    // No session on this path.
    controller(`Auth::logout();\nif ($request->hasSession()) {\n    $request->session()->invalidate();\n    $request->session()->regenerateToken();\n}`),
  ],
  invalid: [
    {
      // The blog fix: flush(); regenerate(); after the logout.
      code: controller(`Auth::guard('web')->logout();\n$request->session()->flush();\n$request->session()->regenerate();\nreturn response()->noContent();`),
      output: controller(`Auth::guard('web')->logout();\n$request->session()->flush();\n$request->session()->regenerate(true);\nreturn response()->noContent();`),
      errors: [
        {
          message: FLUSH_THEN_REGENERATE,
          line: line(3),
          column: 9,
          suggestions: [
            {
              desc: 'Replace flush() + regenerate() with invalidate() + regenerateToken()',
              output: controller(`Auth::guard('web')->logout();\n$request->session()->invalidate();\n$request->session()->regenerateToken();\nreturn response()->noContent();`),
            },
          ],
        },
      ],
    },
    {
      // session() helper and Session facade keep their own form in the fix.
      code: controller(`Auth::logout();\nsession()->flush();\nsession()->regenerate();`, { params: '' }),
      output: controller(`Auth::logout();\nsession()->flush();\nsession()->regenerate(true);`, { params: '' }),
      errors: [
        {
          messageId: 'flushThenRegenerate',
          suggestions: [{ messageId: 'replaceFlushRegenerate', output: controller(`Auth::logout();\nsession()->invalidate();\nsession()->regenerateToken();`, { params: '' }) }],
        },
      ],
    },
    {
      code: controller(`Auth::logout();\nSession::regenerate(false);`, { imports: ['Illuminate\\Support\\Facades\\Session'] }),
      output: controller(`Auth::logout();\nSession::regenerate(true);`, { imports: ['Illuminate\\Support\\Facades\\Session'] }),
      errors: [
        {
          message:
            'regenerate() after logout leaves the old session replayable: use regenerate(true) or invalidate(). It gives the client a new session id but leaves the old record in the store, login included: replaying the old session cookie logs back in, and each replay keeps it alive.',
          line: line(2, 1),
          suggestions: [
            {
              desc: 'Replace with invalidate() + regenerateToken()',
              output: controller(`Auth::logout();\nSession::invalidate();\nSession::regenerateToken();`, { imports: ['Illuminate\\Support\\Facades\\Session'] }),
            },
          ],
        },
      ],
    },
    {
      // migrate() keeps the old record too; migrate(true) alone would still leave the CSRF token, so no autofix.
      code: controller(`Auth::logout();\n$request->session()->migrate();`),
      output: null,
      errors: [
        {
          messageId: 'replayable',
          data: { call: 'migrate()', fix: 'invalidate() + regenerateToken()' },
          suggestions: [{ messageId: 'useInvalidate', output: controller(`Auth::logout();\n$request->session()->invalidate();\n$request->session()->regenerateToken();`) }],
        },
      ],
    },
    {
      // Invokable controller in a route closure file; the regenerate() runs before invalidate().
      code: routes(`Route::post('/logout', function (Request $request) {\n    Auth::logout();\n    $request->session()->regenerate();\n    $request->session()->invalidate();\n});`),
      output: routes(`Route::post('/logout', function (Request $request) {\n    Auth::logout();\n    $request->session()->regenerate(true);\n    $request->session()->invalidate();\n});`),
      errors: [{ messageId: 'replayable', line: 9, suggestions: 1 }],
    },
  ],
});
