import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Linter } from 'eslint';
import plugin = require('../../src/index');
import { projectModelFor } from '../../src/project/laravel';
import { laravelApp, routeFile } from './laravel-app';

/**
 * A controller's verdict rests on the service it calls (SPEC §2.3): editing only the service
 * changes the controller's findings, in one process (a Linter reused by an editor integration or
 * a watch-mode run), at once, not after a cache expires.
 */
const SERVICE_PHP = `<?php

namespace App\\Services;

use Illuminate\\Http\\Request;

class SessionEnder
{
    public function end(Request $request): void
    {
        $request->session()->invalidate();
        $request->session()->regenerateToken();
    }
}
`;

const CONTROLLER_PHP = `<?php

namespace App\\Http\\Controllers;

use App\\Services\\SessionEnder;
use Illuminate\\Http\\Request;
use Illuminate\\Support\\Facades\\Auth;

class SessionController extends Controller
{
    public function destroy(Request $request, SessionEnder $ender)
    {
        Auth::guard('web')->logout();
        $ender->end($request);

        return redirect('/');
    }
}
`;

const SERVICE_JS = `function endSession(req, res) {
  req.session.destroy(() => res.redirect('/login'));
}

module.exports = { endSession };
`;

const ROUTES_JS = `const express = require('express');
const { endSession } = require('../services/sessions');

const router = express.Router();

router.post('/logout', (req, res) => {
  req.logout();
  endSession(req, res);
});

module.exports = router;
`;

function lintFile(linter: Linter, config: Linter.Config[], file: string): string[] {
  return linter.verify(fs.readFileSync(file, 'utf8'), config, { filename: file }).map((m) => `${m.line} ${m.ruleId}`);
}

describe('verdicts follow the files they read (SPEC §2.3)', function () {
  this.timeout(60_000);
  const config = plugin.configs.recommended as Linter.Config[];

  it('PHP: removing invalidate() from the service makes the controller a finding, and putting it back clears it', () => {
    const root = laravelApp({
      'routes/web.php': routeFile("Route::post('/logout', [SessionController::class, 'destroy'])->middleware('auth');", ['SessionController']),
      'app/Http/Controllers/SessionController.php': CONTROLLER_PHP,
      'app/Services/SessionEnder.php': SERVICE_PHP,
    });
    const controller = path.join(root, 'app/Http/Controllers/SessionController.php');
    const service = path.join(root, 'app/Services/SessionEnder.php');
    const linter = new Linter({ configType: 'flat', cwd: root });
    assert.deepEqual(lintFile(linter, config, controller), []);
    assert.deepEqual([...(projectModelFor(controller)!.verdictReads.of(controller)?.files ?? [])].filter((f) => f === service), [service], 'the verdict read the service');

    fs.writeFileSync(service, SERVICE_PHP.replace("        $request->session()->invalidate();\n", ''));
    assert.deepEqual(lintFile(linter, config, controller), ['13 secure-logout/invalidate-session']);

    fs.writeFileSync(service, SERVICE_PHP);
    assert.deepEqual(lintFile(linter, config, controller), []);
  });

  it('PHP: the model names the linted files whose verdicts read a changed service (what an editor re-checks)', () => {
    const root = laravelApp({
      'routes/web.php': routeFile("Route::post('/logout', [SessionController::class, 'destroy'])->middleware('auth');", ['SessionController']),
      'app/Http/Controllers/SessionController.php': CONTROLLER_PHP,
      'app/Services/SessionEnder.php': SERVICE_PHP,
      'app/Models/User.php': '<?php\n\nnamespace App\\Models;\n\nclass User\n{\n}\n',
    });
    const controller = path.join(root, 'app/Http/Controllers/SessionController.php');
    const service = path.join(root, 'app/Services/SessionEnder.php');
    lintFile(new Linter({ configType: 'flat', cwd: root }), config, controller);
    const model = projectModelFor(controller)!;
    assert.deepEqual(model.update(service, SERVICE_PHP.replace('invalidate', 'flush')).affectedFiles.sort(), [controller, service].sort());
    assert.deepEqual(model.update(path.join(root, 'app/Models/User.php'), '<?php // edited').affectedFiles, [path.join(root, 'app/Models/User.php')]);
    model.update(service, undefined);
  });

  it('PHP: a controller created that completes a helper\'s logout clears the helper, at once (its caller search is a dependency)', () => {
    const signer = "<?php\n\nnamespace App\\Services;\n\nuse Illuminate\\Support\\Facades\\Auth;\n\nclass Signer\n{\n    public function signOut(): void\n    {\n        Auth::guard('web')->logout();\n    }\n}\n";
    const root = laravelApp({
      'routes/web.php': routeFile("Route::post('/logout', [SessionController::class, 'destroy'])->middleware('auth');", ['SessionController']),
      'app/Services/Signer.php': signer,
    });
    const service = path.join(root, 'app/Services/Signer.php');
    const controller = path.join(root, 'app/Http/Controllers/SessionController.php');
    const linter = new Linter({ configType: 'flat', cwd: root });
    // No caller yet: the helper is judged on its own body.
    assert.deepEqual(lintFile(linter, config, service), ['11 secure-logout/invalidate-session']);

    fs.writeFileSync(controller, CONTROLLER_PHP.replace('use App\\Services\\SessionEnder;', 'use App\\Services\\Signer;').replace('SessionEnder $ender', 'Signer $signer').replace("        Auth::guard('web')->logout();\n        $ender->end($request);", '        $signer->signOut();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();'));
    const model = projectModelFor(service)!;
    assert.ok(model.update(controller).affectedFiles.includes(service), 'the new caller re-checks the helper');
    assert.deepEqual(lintFile(linter, config, service), []);
  });

  it('JS: removing destroy() from the helper module makes the route handler a finding, and putting it back clears it', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-reads-'));
    after(() => fs.rmSync(root, { recursive: true, force: true }));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    write('package.json', JSON.stringify({ dependencies: { express: '^4.19.0', 'express-session': '^1.18.0', passport: '0.5.3' } }));
    write('src/services/sessions.js', SERVICE_JS);
    write('src/routes/auth.js', ROUTES_JS);
    const routes = path.join(root, 'src/routes/auth.js');
    const service = path.join(root, 'src/services/sessions.js');
    const linter = new Linter({ configType: 'flat', cwd: root });
    assert.deepEqual(lintFile(linter, config, routes), []);

    write('src/services/sessions.js', SERVICE_JS.replace("req.session.destroy(() => res.redirect('/login'));", "res.redirect('/login');"));
    assert.deepEqual(lintFile(linter, config, routes), ['7 secure-logout/invalidate-session']);
    assert.ok(fs.existsSync(service));

    write('src/services/sessions.js', SERVICE_JS);
    assert.deepEqual(lintFile(linter, config, routes), []);
  });
});
