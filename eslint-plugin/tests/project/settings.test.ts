import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import plugin = require('../../src/index');
import { resetProjectModels } from '../../src/project/laravel';
import { authConfig, laravelApp, lineOf, routeFile } from './laravel-app';

/**
 * `settings['secure-logout']` (README "Settings"): project facts the files do not say — a guard's
 * driver, custom drivers, logout helpers — change the verdicts of every rule that depends on them,
 * and two configurations in one process never share a verdict.
 */
const controller = (body: string, uses = '') => `<?php

namespace App\\Http\\Controllers;

use Illuminate\\Http\\Request;
use Illuminate\\Support\\Facades\\Auth;
${uses}
class SessionController extends Controller
{
    public function destroy(Request $request)
    {
${body}

        return redirect('/');
    }
}
`;

type Found = { rule: string | null; line: number };

async function lint(root: string, rel: string, settings?: unknown): Promise<Found[]> {
  const config: Linter.Config[] = [...(plugin.configs.recommended as Linter.Config[]), ...(settings === undefined ? [] : [{ settings: { 'secure-logout': settings } }])];
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });
  const [result] = await eslint.lintFiles([path.join(root, rel)]);
  return result!.messages.map((m) => ({ rule: m.ruleId, line: m.line }));
}

const FILE = 'app/Http/Controllers/SessionController.php';

describe("settings['secure-logout']", function () {
  this.timeout(60_000);
  beforeEach(() => resetProjectModels());

  describe('guards and drivers', function () {
    // `admin-api` is registered by a package: config/auth.php does not list it.
    const logout = '        Auth::logout();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();';
    const app = () =>
      laravelApp({
        'routes/web.php': routeFile("Route::post('/logout', [SessionController::class, 'destroy'])->middleware(['web', 'auth:admin-api']);", ['SessionController']),
        [FILE]: controller(logout),
      });

    it('a guard declared with a token driver makes an unqualified logout logout-guard (exact line)', async function () {
      const root = app();
      const line = lineOf(controller(logout), 'Auth::logout()');
      assert.deepEqual(await lint(root, FILE), []);
      assert.deepEqual(await lint(root, FILE, { guards: { 'admin-api': 'passport' } }), [{ rule: 'secure-logout/logout-guard', line }]);
    });

    it('a custom driver declared in tokenDrivers has no logout(); one in sessionDrivers is a session guard', async function () {
      const portal = controller('        Auth::logout();').replace('SessionController', 'PortalController');
      const root = laravelApp({
        'config/auth.php': authConfig({ web: 'session', partner: 'firebase', portal: 'cas' }),
        'routes/web.php': routeFile(
          "Route::post('/logout', [SessionController::class, 'destroy'])->middleware(['web', 'auth:partner']);\nRoute::post('/portal/logout', [PortalController::class, 'destroy'])->middleware(['web', 'auth:portal']);",
          ['SessionController', 'PortalController'],
        ),
        [FILE]: controller(logout),
        'app/Http/Controllers/PortalController.php': portal,
      });
      const line = lineOf(controller(logout), 'Auth::logout()');
      // Unknown custom drivers are not judged: their logout may or may not exist, may or may not end a session.
      assert.deepEqual(await lint(root, FILE), []);
      assert.deepEqual(await lint(root, 'app/Http/Controllers/PortalController.php'), []);
      const settings = { tokenDrivers: ['firebase'], sessionDrivers: ['cas'] };
      assert.deepEqual(await lint(root, FILE, settings), [{ rule: 'secure-logout/logout-guard', line }]);
      // A session guard's logout ends a session login, which this handler leaves alive.
      assert.deepEqual(await lint(root, 'app/Http/Controllers/PortalController.php', settings), [{ rule: 'secure-logout/invalidate-session', line: lineOf(portal, 'Auth::logout()') }]);
    });

    it('same file, two settings, one process: two verdicts (settings are part of every cache key)', async function () {
      const root = app();
      const line = lineOf(controller(logout), 'Auth::logout()');
      const passport = await lint(root, FILE, { guards: { 'admin-api': 'passport' } });
      const session = await lint(root, FILE, { guards: { 'admin-api': 'session' } });
      const passportAgain = await lint(root, FILE, { guards: { 'admin-api': 'passport' } });
      assert.deepEqual(passport.map((f) => f.rule), ['secure-logout/logout-guard']);
      assert.deepEqual(session, []);
      assert.deepEqual(passportAgain, passport);
      assert.equal(passport[0]!.line, line);
    });

    it('two configurations in one ESLint run (an override block per folder) keep their own verdicts', async function () {
      const root = laravelApp({
        'routes/web.php': routeFile(
          "Route::post('/logout', [SessionController::class, 'destroy'])->middleware(['web', 'auth:admin-api']);\nRoute::post('/admin/logout', [\\App\\Http\\Controllers\\Admin\\SessionController::class, 'destroy'])->middleware(['web', 'auth:admin-api']);",
          ['SessionController'],
        ),
        [FILE]: controller(logout),
        'app/Http/Controllers/Admin/SessionController.php': controller(logout).replace('namespace App\\Http\\Controllers;', 'namespace App\\Http\\Controllers\\Admin;\n\nuse App\\Http\\Controllers\\Controller;'),
      });
      const config: Linter.Config[] = [
        ...(plugin.configs.recommended as Linter.Config[]),
        { settings: { 'secure-logout': { guards: { 'admin-api': 'session' } } } },
        { files: ['app/Http/Controllers/Admin/**'], settings: { 'secure-logout': { guards: { 'admin-api': 'passport' } } } },
      ];
      const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });
      const results = await eslint.lintFiles([path.join(root, FILE), path.join(root, 'app/Http/Controllers/Admin/SessionController.php')]);
      const byFile = Object.fromEntries(results.map((r) => [path.relative(root, r.filePath).split(path.sep).join('/'), r.messages.map((m) => m.ruleId)]));
      assert.deepEqual(byFile, {
        [FILE]: [],
        'app/Http/Controllers/Admin/SessionController.php': ['secure-logout/logout-guard'],
      });
    });
  });

  describe('logout helpers', function () {
    const routes = { 'routes/web.php': routeFile("Route::post('/logout', [SessionController::class, 'destroy'])->middleware('web');", ['SessionController']) };

    it('a helper that completes the logout makes the caller complete; without it the logout is incomplete (exact line)', async function () {
      // SessionKiller lives in a package: the analysis cannot read what it does.
      const body = "        Auth::guard('web')->logout();\n        SessionKiller::endFor($request);";
      const root = laravelApp({ ...routes, [FILE]: controller(body, 'use Acme\\Sessions\\SessionKiller;\n') });
      assert.deepEqual(await lint(root, FILE), [{ rule: 'secure-logout/invalidate-session', line: lineOf(controller(body, 'use Acme\\Sessions\\SessionKiller;\n'), "Auth::guard('web')->logout()") }]);
      assert.deepEqual(await lint(root, FILE, { logoutHelpers: [{ name: 'Acme\\Sessions\\SessionKiller::endFor', completes: true }] }), []);
      // The class is resolved through the file's imports: another class with that method name is not the helper.
      assert.equal((await lint(root, FILE, { logoutHelpers: [{ name: 'Other\\SessionKiller::endFor', completes: true }] })).length, 1);
    });

    it('a helper that only logs out is judged as a logout: the caller must still end the session (exact line and fix)', async function () {
      const body = '        AuthGateway::signOut();';
      const text = controller(body, 'use App\\Support\\AuthGateway;\n');
      const root = laravelApp({ ...routes, [FILE]: text });
      assert.deepEqual(await lint(root, FILE), []);
      const settings = { logoutHelpers: [{ name: 'App\\Support\\AuthGateway::signOut', completes: false }] };
      assert.deepEqual(await lint(root, FILE, settings), [{ rule: 'secure-logout/invalidate-session', line: lineOf(text, 'AuthGateway::signOut()') }]);
      const config: Linter.Config[] = [...(plugin.configs.recommended as Linter.Config[]), { settings: { 'secure-logout': settings } }];
      const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });
      const [result] = await eslint.lintFiles([path.join(root, FILE)]);
      assert.equal(result!.messages[0]!.suggestions?.[0]?.desc, 'Add $request->session()->invalidate() and $request->session()->regenerateToken() after the logout');
    });

    it('no-replayable-session: regenerate() after a helper that only logs out replays; after one that completes, nothing does', async function () {
      const text = controller('        AuthGateway::signOut();\n        $request->session()->regenerate();', 'use App\\Support\\AuthGateway;\n');
      const root = laravelApp({ ...routes, [FILE]: text });
      const helper = (completes: boolean) => ({ logoutHelpers: [{ name: 'App\\Support\\AuthGateway::signOut', completes }] });
      const rules = (found: Found[]) => found.filter((f) => f.rule === 'secure-logout/no-replayable-session');
      assert.deepEqual(rules(await lint(root, FILE, helper(false))), [{ rule: 'secure-logout/no-replayable-session', line: lineOf(text, 'regenerate()') }]);
      assert.deepEqual(await lint(root, FILE, helper(true)), []);
    });

    it('a file whose only logout is a declared helper (no logout or session word, so not parsed by the language) is still judged', async function () {
      const text = "<?php\n\nnamespace App\\Http\\Controllers;\n\nuse App\\Support\\AuthGateway;\n\nclass ExitController extends Controller\n{\n    public function destroy()\n    {\n        AuthGateway::signOut();\n\n        return redirect('/');\n    }\n}\n";
      const rel = 'app/Http/Controllers/ExitController.php';
      const root = laravelApp({ 'routes/web.php': routeFile("Route::post('/exit', [ExitController::class, 'destroy']);", ['ExitController']), [rel]: text });
      assert.deepEqual(await lint(root, rel), []);
      assert.deepEqual(await lint(root, rel, { logoutHelpers: [{ name: 'App\\Support\\AuthGateway::signOut', completes: false }] }), [{ rule: 'secure-logout/invalidate-session', line: lineOf(text, 'AuthGateway::signOut()') }]);
    });
  });
});
