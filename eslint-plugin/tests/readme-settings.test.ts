import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { laravelApp, lineOf, routeFile } from './project/laravel-app';

/**
 * The README's settings example ("Settings: what your files do not say"), used verbatim as the
 * `eslint.config.js` of a `"type": "module"` Laravel app, does what the README says it does.
 * It imports the package by name: the built plugin (`npm test` builds first).
 */
const ROOT = path.resolve(__dirname, '../..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const SECTION = README.slice(README.indexOf('### Settings: what your files do not say'));
const CONFIG = /```js\n([\s\S]*?)```/.exec(SECTION)?.[1];

const controller = (name: string, uses: string, body: string) =>
  `<?php\n\nnamespace App\\Http\\Controllers;\n\nuse Illuminate\\Http\\Request;\nuse Illuminate\\Support\\Facades\\Auth;\n${uses}\nclass ${name} extends Controller\n{\n    public function destroy(Request $request)\n    {\n${body}\n\n        return redirect('/');\n    }\n}\n`;

describe("README: the settings['secure-logout'] example", function () {
  this.timeout(60_000);

  it('works verbatim: the declared guard driver and logout helpers decide the findings', async function () {
    assert.ok(CONFIG, 'README shows a js block in "Settings: what your files do not say"');
    assert.ok(fs.existsSync(path.join(ROOT, 'eslint-plugin/dist/settings.js')), 'the plugin is built (npm run build)');
    const files = {
      guard: controller('GuardController', '', '        Auth::logout();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();'),
      helper: controller('HelperController', 'use App\\Support\\AuthGateway;\n', '        AuthGateway::signOut();'),
      complete: controller('CompleteController', 'use Acme\\Sessions\\SessionKiller;\n', "        Auth::guard('web')->logout();\n        SessionKiller::endFor($request);"),
    };
    const root = laravelApp({
      'package.json': JSON.stringify({ private: true, type: 'module' }),
      'eslint.config.js': CONFIG!,
      'routes/web.php': routeFile(
        "Route::post('/logout', [GuardController::class, 'destroy'])->middleware('auth:admin-api');\nRoute::post('/exit', [HelperController::class, 'destroy']);\nRoute::post('/leave', [CompleteController::class, 'destroy']);",
        ['GuardController', 'HelperController', 'CompleteController'],
      ),
      'app/Http/Controllers/GuardController.php': files.guard,
      'app/Http/Controllers/HelperController.php': files.helper,
      'app/Http/Controllers/CompleteController.php': files.complete,
    });
    // The app resolves the package by name, as after `npm i -D`.
    fs.mkdirSync(path.join(root, 'node_modules'));
    fs.symlinkSync(path.join(ROOT, 'eslint-plugin'), path.join(root, 'node_modules/eslint-plugin-secure-logout'), 'dir');
    const results = await new ESLint({ cwd: root }).lintFiles(['app/Http/Controllers']);
    const found = results.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}:${m.line} ${m.ruleId}`)).sort();
    assert.deepEqual(found, [
      `GuardController.php:${lineOf(files.guard, 'Auth::logout()')} secure-logout/logout-guard`,
      `HelperController.php:${lineOf(files.helper, 'AuthGateway::signOut()')} secure-logout/invalidate-session`,
    ]);
  });
});
