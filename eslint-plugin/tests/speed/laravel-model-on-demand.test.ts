import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import plugin from '../../src/index';
import { projectModelFor, resetProjectModels } from '../../src/project/laravel';

const FIXTURE = path.resolve(__dirname, '../../../test-fixtures/laravel-sanctum-spa');

/** Translation arrays pass the word prefilter (their strings name the logout) but hold no call. */
const TRANSLATIONS = `<?php

return [
    'logout' => 'Log out',
    'session_expired' => 'Your session has expired.',
];
`;

/** A session read in a handler that ends nothing: no route finding can name it. */
const FLASH_CONTROLLER = `<?php

namespace App\\Http\\Controllers;

use Illuminate\\Http\\Request;

class FlashController extends Controller
{
    public function store(Request $request)
    {
        $request->session()->flash('status', 'Saved');
        return back();
    }
}
`;

/** A handler that names the logout but only writes a session value: nothing it does can be a finding. */
const FAREWELL_CONTROLLER = `<?php

namespace App\\Http\\Controllers;

use Illuminate\\Http\\Request;

class FarewellController extends Controller
{
    /** Shown after the logout. */
    public function show(Request $request)
    {
        $request->session()->put('farewell', true);
        return view('farewell');
    }
}
`;

/**
 * The Laravel analyses build the project model (routes, config, call paths) only for a file that
 * can have a finding: one naming a logout, a session-ending call, an access token or a route.
 */
describe('the Laravel project model is built on demand', function () {
  this.timeout(60_000);
  let root: string;

  before(function () {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-on-demand-'));
    fs.cpSync(FIXTURE, root, { recursive: true });
    fs.mkdirSync(path.join(root, 'lang/en'), { recursive: true });
    fs.writeFileSync(path.join(root, 'lang/en/auth.php'), TRANSLATIONS);
    fs.writeFileSync(path.join(root, 'app/Http/Controllers/FlashController.php'), FLASH_CONTROLLER);
    fs.writeFileSync(path.join(root, 'app/Http/Controllers/FarewellController.php'), FAREWELL_CONTROLLER);
    resetProjectModels();
  });

  after(function () {
    resetProjectModels();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('files with relevant words but nothing to judge leave it unbuilt; the first logout handler builds it once', async function () {
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
    const quiet = await eslint.lintFiles(['lang/en/auth.php', 'app/Http/Controllers/FlashController.php']);
    assert.deepEqual(quiet.map((r) => r.messages), [[], []]);
    const model = projectModelFor(path.join(root, 'lang/en/auth.php'))!;
    assert.equal(model.builds, 0, 'no file needed the model');

    // forget-request-guard-user needs the route's guard (DELETE /api/… with auth:sanctum): the model.
    const [logout] = await eslint.lintFiles(['app/Http/Controllers/Auth/AccountSessionController.php']);
    assert.ok(logout!.messages.some((m) => m.ruleId === 'secure-logout/forget-request-guard-user' && m.line === 17), 'the logout handler was judged on its routes');
    assert.equal(projectModelFor(path.join(root, 'lang/en/auth.php'))!.builds, 1);
  });

  it('a handler that names the logout but ends nothing (a session put) is not followed across the app', async function () {
    const farewell = path.join(root, 'app/Http/Controllers/FarewellController.php');
    for (const [judgeEvery, builds] of [[undefined, 0], ['1', 1]] as const) {
      resetProjectModels();
      if (judgeEvery) process.env['SECURE_LOGOUT_JUDGE_EVERY_HANDLER'] = judgeEvery;
      try {
        const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
        const [result] = await eslint.lintFiles([farewell]);
        assert.deepEqual(result!.messages, []);
        assert.equal(projectModelFor(farewell)!.builds, builds, judgeEvery ? 'judging every handler builds the model' : 'no model for a handler that ends nothing');
      } finally {
        delete process.env['SECURE_LOGOUT_JUDGE_EVERY_HANDLER'];
      }
    }
  });
});
