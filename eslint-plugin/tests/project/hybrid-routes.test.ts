import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import plugin = require('../../src/index');
import { assertMarkedApp } from '../support/marked-app';
import { bootstrap, routeFile } from './laravel-app';

/** SPEC §2.4: a stateful api route under a token-capable guard, in an app that mints tokens, serves cookie and token clients. */
const handler = (body: string) => `<?php

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
const tokens = `<?php

namespace App\\Http\\Controllers;

use Illuminate\\Http\\Request;

class TokenController extends Controller
{
    public function store(Request $request)
    {
        return ['token' => $request->user()->createToken('cli')->plainTextToken];
    }
}
`;
const app = (middleware: string, body: string, mints = true) => ({
  'bootstrap/app.php': bootstrap({ api: true, middleware: '$middleware->statefulApi();' }),
  'config/session.php': "<?php\n\nreturn [\n    'driver' => 'file',\n];\n",
  'routes/web.php': routeFile(''),
  'routes/api.php': routeFile(`Route::post('/logout', [SessionController::class, 'destroy'])->middleware('${middleware}');`, ['SessionController']),
  'app/Http/Controllers/SessionController.php': handler(body),
  ...(mints ? { 'app/Http/Controllers/TokenController.php': tokens } : {}),
});
const breeze = "        Auth::guard('web')->logout();\n\n        $request->session()->invalidate(); // expect: session-requires-session\n        $request->session()->regenerateToken();";

describe('hybrid routes (SPEC §2.4)', function () {
  this.timeout(60_000);

  it('a Breeze-style handler on a cookie-and-token route: session-requires-session, whose fix logs out both kinds of client', async function () {
    const root = await assertMarkedApp(app('auth:sanctum', breeze));
    const file = path.join(root, 'app/Http/Controllers/SessionController.php');
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never });
    const [result] = await eslint.lintFiles([file]);
    const suggestion = result!.messages.find((m) => m.ruleId === 'secure-logout/session-requires-session')!.suggestions![0]!;
    const text = fs.readFileSync(file, 'utf8');
    const fixed = text.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + text.slice(suggestion.fix.range[1]);
    assert.ok(
      fixed.replace(' // expect: session-requires-session', '').includes(`        if ($request->hasSession()) {
            $request->session()->invalidate();
            $request->session()->regenerateToken();
        } else {
            $token = $request->user()?->currentAccessToken();
            if ($token instanceof \\Laravel\\Sanctum\\PersonalAccessToken) {
                $token->delete();
            }
        }`),
      fixed,
    );
    const [again] = await eslint.lintText(fixed, { filePath: file });
    assert.deepEqual(again!.messages.map((m) => m.ruleId), []);
  });

  it('a handler that already revokes the token gets only the wrap', async function () {
    await assertMarkedApp(app('auth:sanctum', `        $request->user()->tokens()->delete();\n${breeze}`));
  });

  it('Auth::logout() is logout-guard on auth:web,sanctum too: token clients reach it with the sanctum guard', async function () {
    await assertMarkedApp(
      app('auth:web,sanctum', "        Auth::logout(); // expect: logout-guard\n\n        if ($request->hasSession()) {\n            $request->session()->invalidate();\n            $request->session()->regenerateToken();\n        }"),
    );
  });

  it('no token minted anywhere: an SPA-only app keeps today’s findings', async function () {
    await assertMarkedApp(app('auth:sanctum', breeze.replace(' // expect: session-requires-session', ''), false));
    await assertMarkedApp(app('auth:web,sanctum', "        Auth::logout();\n\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();", false));
  });
});
