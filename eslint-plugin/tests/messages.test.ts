import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint, Linter } from 'eslint';
import plugin = require('../src/index');
import { HEADLINE_MAX_LENGTH, splitMessage } from '../src/util/messages';
import { FIXTURES } from './support/fixture-projects';
import { laravelApp, routeFile } from './project/laravel-app';

/**
 * SPEC §4 Messages: the first sentence states the problem and the fix in at most 100 characters
 * (the Problems panel cuts at about 110); the evidence follows it.
 */

/**
 * The longest value each placeholder realistically takes in a first sentence. Route labels are
 * capped at 32 characters by the rules; guard names are assumed to be at most 12.
 */
const LONGEST: Record<string, string> = {
  on: ` on ${'R'.repeat(32)}`,
  call: 'regenerate()',
  fix: 'invalidate() + regenerateToken()',
  receiver: 'request',
  method: 'logout',
  expression: 'delete request.session',
  calls: 'session.clear() and session.regenerate()',
  guard: 'G'.repeat(12),
  sessionGuard: 'S'.repeat(12),
  check: '$request->hasSession()',
  replacement: "\\Illuminate\\Support\\Facades\\Auth::guard('web')->logoutCurrentDevice()",
  statement: "\\Illuminate\\Support\\Facades\\Auth::guard('sanctum')->forgetUser()",
  from: 'auth:sanctum',
  line: '1234',
};

/** Where one rule's placeholder runs longer than elsewhere. */
const LONGEST_IN_RULE: Record<string, Record<string, string>> = {
  'logout-guard': { fix: `set 'guard' => '${'S'.repeat(12)}' in config/fortify.php` },
};

function fill(template: string, placeholders: (name: string) => string): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => placeholders(name));
}

describe('messages (SPEC §4)', () => {
  describe('every messageId of every rule has a first sentence of at most 100 characters', () => {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      it(name, () => {
        const messages = rule.meta.messages as Record<string, string>;
        assert.ok(Object.keys(messages).length > 0);
        for (const [id, template] of Object.entries(messages)) {
          // Placeholders after the first sentence are evidence: their length does not matter.
          const { headline } = splitMessage(fill(template, (placeholder) => `{{${placeholder}}}`));
          const filled = fill(headline, (placeholder) => {
            const longest = LONGEST_IN_RULE[name]?.[placeholder] ?? LONGEST[placeholder];
            assert.ok(longest !== undefined, `${name}/${id}: no longest value for {{${placeholder}}} in its first sentence`);
            return longest;
          });
          assert.ok(filled.length <= HEADLINE_MAX_LENGTH, `${name}/${id} (${filled.length} characters): ${filled}`);
        }
      });
    }
  });

  it('splits a message at the first sentence end, not at dots inside paths, versions and calls', () => {
    assert.deepEqual(splitMessage('req.logout() keeps v0.5.3 (routes/api.php:11): fix it. Evidence. More.'), { headline: 'req.logout() keeps v0.5.3 (routes/api.php:11): fix it.', evidence: 'Evidence. More.' });
    assert.deepEqual(splitMessage('Use Auth::guard(\'web\')->logout()'), { headline: "Use Auth::guard('web')->logout()", evidence: '' });
  });

  /** [file:line, rule, first sentence] for every finding of the fixture apps: the wording users see first. */
  const EXPECTED_HEADLINES: [string, string, string][] = [
    ['adonis-v6/app/controllers/api_session_controller.ts:9', 'invalidate-session', "Cookie logins survive this token-only logout: also log out of the 'web' session guard."],
    ['adonis-v6/app/controllers/session_controller.ts:13', 'invalidate-session', 'Session id and data survive this logout: call session.clear() and session.regenerate() after it.'],
    ['express-passport05/src/controllers/session-controller.js:5', 'invalidate-session', 'Old session survives req.logout() (passport < 0.6): regenerate or destroy the session after it.'],
    ['express-passport07/src/routes/session.js:10', 'logout-callback', 'Response sent before req.logout() has finished: send it inside the logout callback.'],
    ['express-passport07/src/routes/session.js:21', 'logout-callback', 'req.session.destroy() outside the req.logout() callback crashes: call it inside the callback.'],
    ['fastify/src/routes/auth.js:15', 'no-replayable-session', 'request.logOut() leaves the old session replayable: upgrade @fastify/session to 11.1.3 or later.'],
    ['fastify/src/routes/auth.js:20', 'no-replayable-session', 'request.logOut() leaves the old session replayable: upgrade @fastify/session to 11.1.3 or later.'],
    ['fastify/src/routes/auth.js:20', 'await-logout', 'request.logOut() returns a Promise: await it before responding.'],
    ['koa/src/routes.js:12', 'await-logout', 'ctx.logout() returns a Promise: await it before responding.'],
    ['laravel-12-has-middleware/app/Http/Controllers/Api/TokenController.php:13', 'transient-token-delete', 'Cookie requests crash here (TransientToken has no delete()): delete only a PersonalAccessToken.'],
    ['laravel-12-has-middleware/app/Http/Controllers/SpaSessionController.php:34', 'logout-guard', "Logout on the sanctum guard throws (no logout()): log out of the 'web' guard instead."],
    ['laravel-12-has-middleware/app/Http/Controllers/SpaSessionController.php:46', 'forget-request-guard-user', 'The sanctum guard still holds the user after this logout: call forgetUser() on it after the logout.'],
    ['laravel-8-kernel-namespace/app/Http/Controllers/Account/SessionsController.php:24', 'forget-request-guard-user', 'The sanctum guard still holds the user after this logout: protect the route with auth:web.'],
    ['laravel-8-kernel-namespace/app/Http/Controllers/Auth/LoginController.php:29', 'invalidate-session', 'Logout on POST /logout keeps the session: add invalidate() + regenerateToken().'],
    ['laravel-jwt/app/Http/Controllers/JwtAuthController.php:27', 'session-requires-session', 'Session call throws for token clients (no session here): wrap it in if ($request->hasSession()).'],
    ['laravel-passport/app/Http/Controllers/Api/AuthController.php:13', 'logout-guard', "Logout on the api guard throws (no logout()): log out of the 'web' guard instead."],
    ['laravel-sanctum-spa/app/Http/Controllers/Auth/AccountSessionController.php:17', 'forget-request-guard-user', 'The sanctum guard still holds the user after this logout: call forgetUser() on it after the logout.'],
    ['laravel-sanctum-spa/app/Http/Controllers/Auth/AccountSessionController.php:20', 'no-replayable-session', 'flush() + regenerate() leaves the old session replayable: use regenerate(true) or invalidate().'],
    ['laravel-sanctum-spa/app/Http/Controllers/Auth/SpaSessionController.php:40', 'invalidate-session', 'Logout on POST /api/logout keeps the session: add invalidate() + regenerateToken().'],
    ['laravel-sanctum-spa/app/Http/Controllers/Auth/SpaSessionController.php:40', 'forget-request-guard-user', 'The sanctum guard still holds the user after this logout: call forgetUser() on it after the logout.'],
    ['nestjs/src/auth/auth.controller.ts:17', 'logout-callback', 'req.logout() without a callback throws (passport ≥ 0.6): pass a callback and respond inside it.'],
  ];

  it('pins the first sentence of every fixture finding; the evidence follows it', async function () {
    this.timeout(60_000);
    const apps = [...new Set(EXPECTED_HEADLINES.map(([where]) => where.split('/')[0]!))];
    const actual: [string, string, string][] = [];
    for (const app of apps) {
      const dir = path.join(FIXTURES, app);
      const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never });
      for (const result of await eslint.lintFiles(['.'])) {
        for (const message of result.messages) {
          const { headline, evidence } = splitMessage(message.message);
          assert.ok(evidence.length > 0, `${message.ruleId} at ${result.filePath}:${message.line} has no evidence after its first sentence`);
          actual.push([`${app}/${path.relative(dir, result.filePath).split(path.sep).join('/')}:${message.line}`, message.ruleId!.replace('secure-logout/', ''), headline]);
        }
      }
    }
    assert.deepEqual(actual, EXPECTED_HEADLINES);
  });

  it('transient-token-delete under a session guard (auth:web) names the real failure: delete() on null', () => {
    const controller = `<?php

namespace App\\Http\\Controllers;

use Illuminate\\Http\\Request;

class TokenController extends Controller
{
    public function logout(Request $request)
    {
        $request->user()->currentAccessToken()->delete();

        return response()->noContent();
    }
}
`;
    const root = laravelApp({
      'app/Http/Controllers/TokenController.php': controller,
      'routes/web.php': routeFile("Route::post('/logout', [TokenController::class, 'logout'])->middleware('auth:web');", ['TokenController']),
    });
    const messages = new Linter({ configType: 'flat', cwd: root }).verify(controller, plugin.configs.recommended as Linter.Config[], { filename: path.join(root, 'app/Http/Controllers/TokenController.php') });
    const finding = messages.find((m) => m.ruleId === 'secure-logout/transient-token-delete');
    assert.equal(finding?.messageId, 'noTokenOnSessionGuard', JSON.stringify(messages));
    const { headline, evidence } = splitMessage(finding.message);
    assert.equal(headline, 'delete() is called on null under the web guard: delete only a PersonalAccessToken.');
    assert.match(evidence, /^POST \/logout \(routes\/web\.php:6\) authenticates with the web session guard \(routes\/web\.php:6 applies auth:web\): .*"Call to a member function delete\(\) on null"/);
  });
});
