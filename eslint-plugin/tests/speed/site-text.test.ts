import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { LOGOUT_SITE_TEXT, RELEVANT_TEXT } from '../../src/facts/node/relevant-text';
import { logoutSites } from '../../src/facts/node/sites';
import { typescriptParser } from '../../src/languages/js/typescript-parser';
import { sharedAcceptance } from '../../../scripts/test-support/environment';
import { jsProjects } from '../support/js-projects';

/**
 * The standalone prefilter's regex (LOGOUT_SITE_TEXT) against the analysis's own definition of a
 * logout site (facts/node/sites.ts): a file it drops would be a missed finding, a file it keeps
 * without a site only costs a parse. Each sample is checked against `logoutSites` as well, so the
 * lists below cannot drift from what the analysis calls a site.
 */
const ROOT = path.resolve(__dirname, '../../..');

/** The plugin's own parse (espree for plain JS, else typescript-eslint), without the prefilter. */
function programOf(code: string, file = 'handler.ts'): TSESTree.Program {
  const program = typescriptParser.parseForESLint(code, { filePath: file, sourceType: 'module', range: true, loc: true }).ast as TSESTree.Program;
  assert.ok(program.body.length > 0 || code.trim() === '', `${file} was not parsed`);
  return program;
}

/** `statement` in an Express handler (`req`, `res` parameters) and in an AdonisJS controller method. */
const inHandler = (statement: string) => `app.post('/x', async (req: any, res: any) => {\n  ${statement};\n  res.end();\n});\n`;

const SITES = [
  // Logout calls: dot, optional chaining, brackets (either quote, parenthesised), comments, TS wrappers.
  'req.logout()',
  'req.logOut(() => {})',
  'req?.logout()',
  'req.logout?.()',
  "req['logout']()",
  'req[ "logOut" ]()',
  "req[('logout')]()",
  'req./* done */logout()',
  'req\n    // done\n    .logout()',
  'req.\n    // done\n    logout()',
  '(req as any).logout()',
  'req!.logout()',
  '(<any>req).logOut()',
  'await req.logout()',
  '(req.logout)()',
  '(req.logout as any)(() => {})',
  'req.logout!()',
  'req.logout<void>()',
  'req.logout\n    /* now */ (() => {})',
  // AdonisJS token revocation.
  'await User.accessTokens.delete(req, 1)',
  "await User['accessTokens']['delete'](req, 1)",
  'await User.accessTokens /* all */ .delete(req, 1)',
  // Session unsets: = null / undefined, brackets, wrappers on either side, comments, parentheses.
  'req.session = null',
  'req.session=undefined',
  "req['session'] = null",
  'req["session"] = undefined',
  '(req as any).session = null',
  '(req.session as any) = null',
  '(req.session as unknown as { a: string }) = null',
  'req.session! = null',
  '(req.session) = (null)',
  'req.session = <any>null',
  'req.session = <Record<string, unknown>>(null)',
  'req.session = null as any',
  'req.session = (undefined as unknown as Express.Session)',
  'req.session /* gone */ = /* now */ null',
  'req\n    .session = null',
  'res.locals.session = req.session = null',
  // delete, last member only.
  'delete req.session',
  "delete req['session']",
  'delete (req as any).session',
  'delete (<any>req).session',
  'delete req?.session',
  'delete req.session!',
  'delete (req.session)',
];

const NOT_SITES = [
  '// logout',
  "const logoutUrl = '/logout'",
  "router.get('/logout', handler)",
  'function logout() {}',
  'logout(req)',
  "router.post('/logout', controllers.authentication.logout)",
  'res.locals.logoutRedirect = true',
  'const out = req.logout',
  'req.logout.call(req)',
  'req.session.returnTo = req.originalUrl',
  'if (!req.session) return res.end()',
  'req.session.destroy(() => res.end())',
  'req.session.regenerate(() => res.end())',
  'req.session == null',
  'req.session === undefined',
  'req.session != null',
  'req.session !== null',
  'req.session ??= null',
  'req.sessionStore = null',
  'req.session = {}',
  'req.session = cond ? null : req.session',
  'delete req.session.user',
  "delete req['session'].user",
  'cache.delete(req.session.id)',
  'x.logouts()',
  'const { logout } = useAuth()',
  "console.log('session')",
];

describe('the prefilter regex of a logout site (LOGOUT_SITE_TEXT)', function () {
  for (const sample of SITES) {
    it(`keeps ${JSON.stringify(sample)}`, function () {
      const code = inHandler(sample);
      assert.ok(logoutSites(programOf(code)).length > 0, 'not a site for sites.ts: the sample is wrong');
      assert.match(code, LOGOUT_SITE_TEXT);
      // The analysis's broader gate must let through whatever the prefilter lets through.
      assert.match(code, RELEVANT_TEXT);
    });
  }

  for (const sample of NOT_SITES) {
    it(`skips ${JSON.stringify(sample)}`, function () {
      const code = inHandler(sample);
      assert.equal(logoutSites(programOf(code)).length, 0, 'a site for sites.ts: the prefilter must keep it');
      assert.doesNotMatch(code, LOGOUT_SITE_TEXT);
    });
  }

  it('keeps every JS/TS file of the repository (and acceptance case) in which the analysis finds a site', function () {
    let withSites = 0;
    let skipped = 0;
    for (const dir of jsProjects()) {
      for (const file of jsFiles(dir)) {
        const code = fs.readFileSync(file, 'utf8');
        let program: TSESTree.Program;
        try {
          program = programOf(code, file);
        } catch {
          continue; // a syntax error (test-fixtures/express-unanalysed): ESLint's fatal message, no analysis either way
        }
        if (logoutSites(program).length === 0) {
          if (!LOGOUT_SITE_TEXT.test(code)) skipped++;
          continue;
        }
        withSites++;
        assert.match(code, LOGOUT_SITE_TEXT, path.relative(ROOT, file));
      }
    }
    // The repository's own projects hold 24 files with a site and 31 the regex skips; with ../shared, 41 and 83.
    const [minSites, minSkipped] = sharedAcceptance.present() ? [40, 80] : [22, 30];
    assert.ok(withSites >= minSites && skipped >= minSkipped, `${withSites} files with a site, ${skipped} skipped: too few to prove anything`);
  });

  it('takes linear time on hostile text', function () {
    const hostile = [
      `.\n${'/'.repeat(50_000)}`,
      `x.session${' '.repeat(100_000)}`,
      `x.session = ${'('.repeat(100_000)}`,
      `x.session = <${'<'.repeat(100_000)}`,
      `x.session as ${'as '.repeat(30_000)}`,
      `delete ${'x.session.'.repeat(10_000)}`,
      `x.session${'!'.repeat(100_000)}`,
      '['.repeat(100_000),
      `[${' /**/'.repeat(20_000)}`,
      '. '.repeat(50_000),
    ];
    for (const text of hostile) {
      const started = performance.now();
      LOGOUT_SITE_TEXT.test(text);
      RELEVANT_TEXT.test(text);
      assert.ok(performance.now() - started < 200, `${JSON.stringify(text.slice(0, 20))}…: ${(performance.now() - started).toFixed(0)} ms`);
    }
  });
});

function jsFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) jsFiles(full, out);
    else if (/\.(c|m)?[jt]sx?$/.test(entry.name)) out.push(full);
  }
  return out;
}
