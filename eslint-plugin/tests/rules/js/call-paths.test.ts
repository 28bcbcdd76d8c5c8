import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { describeFixtureProjects } from '../../support/fixture-projects';
import { NODE_FIXTURES, plugin } from '../../support/js-rule-tester';

/**
 * A logout judged along the call path from the routed handler, across functions and modules
 * (SPEC §2.3, §3): mini projects in tests/fixtures/node/call-paths/<name>, exact findings, every
 * suggestion re-linted.
 */
const CALL_PATHS = path.join(NODE_FIXTURES, 'call-paths');

const EXPECTED: Record<string, string[]> = {
  // Express, router mounted from app.js: endLogin is completed by both callers (clean); dropUser by one of two;
  // a handler's logout completed by a helper in another module (clean); an exported instance's method; a helper
  // whose only caller sits behind a JWT-only gate mounted in app.js (no session to end); a method of an exported
  // controller instance routed by reference behind that gate (clean: the route is found through the instance's class).
  // A default-exported helper imported under another name is found through its importer's binding.
  'express-helpers': ['src/lib/end-session.js:3 secure-logout/invalidate-session', 'src/lib/login-state.js:7 secure-logout/invalidate-session', 'src/services/sessions.js:3 secure-logout/invalidate-session'],
  // NestJS provider injected by type in the constructor: logout() left incomplete by the controller; endLogin()
  // completed by a destroy awaited through a Promise.
  'nest-provider': ['src/auth/auth.service.ts:7 secure-logout/invalidate-session'],
  // NestJS provider injected as a typed property: the controller returns before the provider's logout callback ran;
  // a provider that returns the Promise is awaited (clean).
  'nest-provider-callback': ['src/auth/session.service.ts:7 secure-logout/logout-callback'],
  // AdonisJS: a service instance's method and an imported function with the context destructured in its parameters;
  // only signOut() completes the logout it calls.
  'adonis-service': ['app/services/auth_service.ts:5 secure-logout/invalidate-session'],
  // AdonisJS: a service that only deletes the access token, called from a handler on a ['api', 'web'] route: the
  // route context flows into the service (cookie logins are never ended).
  'adonis-token-service': ['app/services/token_service.ts:5 secure-logout/invalidate-session'],
};

describeFixtureProjects(
  'JS/TS logouts judged along the call path',
  EXPECTED,
  (name, dir) => {
    if (name !== 'express-helpers') return;
    it('express-helpers: the finding names the incomplete caller and its route', async () => {
      const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never });
      const [result] = await eslint.lintFiles(['src/lib/login-state.js']);
      assert.equal(result!.messages.length, 1);
      assert.match(result!.messages[0]!.message, /when called from src\/routes\/auth\.js:20 \(route at src\/routes\/auth\.js:19\)/);
      // Another caller completes it, so no suggestion rewrites the shared helper.
      assert.deepEqual(result!.messages[0]!.suggestions ?? [], []);
    });
  },
  CALL_PATHS,
);
