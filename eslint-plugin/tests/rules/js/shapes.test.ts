import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { describeFixtureProjects } from '../../support/fixture-projects';
import { NODE_FIXTURES, plugin } from '../../support/js-rule-tester';

/**
 * Mini projects of the shapes SPEC §3 ("decided 2026-12-04") names: each lists exactly its
 * findings, and every suggestion is re-linted (tests/fixtures/node/shapes/<name>).
 */
const SHAPES = path.join(NODE_FIXTURES, 'shapes');

const EXPECTED: Record<string, string[]> = {
  // `if (req.session) { destroy }`, `if (!req.session) return`, `req.session && destroy`: done; a check that ends nothing is not;
  // a destroy before the logout counts (the record is gone for good).
  'express-session-guard': ['src/app.js:33 secure-logout/invalidate-session'],
  // The HttpContext destructured in the body (`const { auth } = ctx`) and used as `ctx.auth`.
  'adonis-body-context': ['app/controllers/sessions_controller.ts:6 secure-logout/invalidate-session'],
  // AdonisJS 5 / @adonisjs/auth 8: `auth.logout()` (default guard) keeps the session like v6; the token guard's revoke is no session logout.
  adonis5: ['app/Controllers/Http/AuthController.ts:5 secure-logout/invalidate-session'],
  // @adonisjs/auth 10: judged as 9, the assumption named in the message.
  adonis7: ['app/controllers/logout_controller.ts:5 secure-logout/invalidate-session'],
  // passport 1.x: judged as 0.7.
  passport1: ['src/server.js:8 secure-logout/logout-callback'],
  // NestJS without @Res(): returning (or ending) before the logout callback ran; awaited Promise and @Res() are fine.
  // passport < 0.6 in a JWT app: logins made with { session: false } and no passport.session() anywhere: nothing to end.
  'express-jwt-login': [],
  // The same app restoring logins with passport.session(): the logout must end the session; switching users is not a logout.
  'express-jwt-login-session': ['src/app.js:26 secure-logout/invalidate-session'],
  // koa-passport 4 only in the lock file (another dependency installs it): sync ctx.logout() keeps the session;
  // ctx.session = null ends it; a logout followed by a login is not a logout handler.
  'koa-transitive-passport': ['src/auth-controller.js:6 secure-logout/invalidate-session'],
  // Middleware that ejects a banned user and lets others through is not a logout handler; a logout step followed by next() is.
  'eject-middleware': ['src/app.js:20 secure-logout/invalidate-session'],
  // The compiler's output (tsconfig.json outDir) committed next to the sources: reported once, at the source.
  'committed-build': ['src/app.ts:8 secure-logout/invalidate-session'],
  // express-session and cookie-session both declared, only cookie-session loaded (in another module): `req.session = null` is its logout.
  'both-session-libs': [],
  'nest-callback-return': ['src/auth/session.controller.ts:9 secure-logout/logout-callback', 'src/auth/session.controller.ts:32 secure-logout/logout-callback'],
};

async function messagesOf(dir: string, file: string): Promise<Linter.LintMessage[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never });
  const [result] = await eslint.lintFiles([file]);
  return result!.messages;
}

describeFixtureProjects(
  'JS/TS shapes of SPEC §3 (2026-12-04) through configs.recommended',
  EXPECTED,
  (name, dir) => {
    if (name === 'adonis7') {
      it('adonis7: the message says @adonisjs/auth 10 is judged as 9', async () => {
        const [message] = await messagesOf(dir, 'app/controllers/logout_controller.ts');
        assert.match(message!.message, /@adonisjs\/auth \^10\.0\.0, newer than the newest known 9 \(AdonisJS 6\) and assumed to behave like it/);
      });
    }
    if (name === 'passport1') {
      it('passport1: the message says passport 1.x is judged as 0.7', async () => {
        const [message] = await messagesOf(dir, 'src/server.js');
        assert.match(message!.message, /passport \^1\.0\.0, newer than the newest known 0\.7 and assumed to behave like it/);
      });
    }
    if (name === 'nest-callback-return') {
      it('nest-callback-return: Nest answering before the callback is named, first sentence ≤ 100 characters', async () => {
        const messages = await messagesOf(dir, 'src/auth/session.controller.ts');
        for (const message of messages) {
          assert.match(message.message, /^Nest responds .*before the req\.logout\(\) callback runs/);
          assert.match(message.messageId ?? '', /^nestReturnsBeforeCallback$/);
          assert.ok(/^.*?\.(?=\s|$)/.exec(message.message.replace('req.logout()', 'req_logout()'))![0].length <= 100);
        }
      });
    }
  },
  SHAPES,
);
