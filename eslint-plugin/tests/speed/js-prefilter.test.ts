import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import plugin = require('../../src/index');
import { LOGOUT_SITE_TEXT, RELEVANT_TEXT } from '../../src/facts/node/relevant-text';
import { PREFILTERED, typescriptParser } from '../../src/languages/js/typescript-parser';
import { sharedAcceptance } from '../../../scripts/test-support/environment';
import { jsProjects } from '../support/js-projects';
import { mochaOutcomes } from '../support/mocha-outcomes';

/**
 * The JS prefilter (`configs['recommended-standalone']`) gives ESLint an empty Program for a file
 * without the text of a logout site (LOGOUT_SITE_TEXT; its own test: site-text.test.ts), even one
 * that names a logout or reads the session. It must never change a finding: proved here
 * by linting every JS project of the repository (and the shared acceptance cases) both ways,
 * and by re-running the rule, fixture and acceptance suites with the prefilter forced on.
 */
const ROOT = path.resolve(__dirname, '../../..');
const JS_EXTENSIONS = /\.(c|m)?[jt]sx?$/;

/** Every message with everything a user sees of it: position, rule, text, suggestions. */
async function messagesOf(dir: string, config: Linter.Config[]): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config as never, ignorePatterns: ['expected.json'], errorOnUnmatchedPattern: false });
  return (await eslint.lintFiles(['.'])).flatMap((r) =>
    r.messages.map((m) => JSON.stringify({ file: path.relative(dir, r.filePath), line: m.line, column: m.column, endLine: m.endLine, rule: m.ruleId, message: m.message, suggestions: m.suggestions })),
  );
}

function jsFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) jsFiles(full, out);
    else if (JS_EXTENSIONS.test(entry.name)) out.push(full);
  }
  return out;
}

describe('JS prefilter', function () {
  this.timeout(300_000);

  it('gives an empty Program for a file without the words, and parses one with them', function () {
    const options = { secureLogout: { prefilter: true }, sourceType: 'module' } as never;
    const skipped = typescriptParser.parseForESLint('import x from "y";\nexport const a = x(1);\n', options);
    assert.deepEqual([skipped.ast.type, skipped.ast.body.length, skipped.ast.range, skipped.ast.loc.end], ['Program', 0, [0, 42], { line: 3, column: 0 }]);
    const parsed = typescriptParser.parseForESLint('router.post("/out", (req, res) => req.logout(() => res.end()));\n', options);
    assert.equal(parsed.ast.body.length, 1);
    // Words without a site: a logout route mounted here, a session read. No finding can be in it.
    const wordsOnly = typescriptParser.parseForESLint("router.post('/logout', auth.destroy);\nrouter.get('/', (req) => req.session.user);\n", options);
    assert.deepEqual([wordsOnly.ast.body.length, (wordsOnly.ast as unknown as Record<string, unknown>)[PREFILTERED]], [0, true]);
    assert.equal(typescriptParser.parseForESLint("app.post('/signout', (req, res) => { req['session'] = null; res.end(); });\n", options).ast.body.length, 1);
    assert.equal(typescriptParser.parseForESLint('const a = 1;\n', {} as never).ast.body.length, 1, 'off unless asked for');
  });

  it('every JS project of the repository (and acceptance case) gets the same messages with and without it', async function () {
    const projects = jsProjects();
    let skippable = 0;
    let wordsWithoutSite = 0;
    for (const dir of projects) {
      const texts = jsFiles(dir).map((file) => fs.readFileSync(file, 'utf8'));
      skippable += texts.filter((text) => !LOGOUT_SITE_TEXT.test(text)).length;
      wordsWithoutSite += texts.filter((text) => RELEVANT_TEXT.test(text) && !LOGOUT_SITE_TEXT.test(text)).length;
      const without = await messagesOf(dir, plugin.configs.recommended);
      const withPrefilter = await messagesOf(dir, plugin.configs['recommended-standalone']);
      assert.deepEqual(withPrefilter, without, path.relative(ROOT, dir));
    }
    // Files that name a word yet have no site (route files, session reads, front ends): the repository's
    // own projects hold 10, with ../shared 20.
    const minWordsWithoutSite = sharedAcceptance.present() ? 18 : 8;
    assert.ok(
      projects.length >= 15 && skippable >= 20 && wordsWithoutSite >= minWordsWithoutSite,
      `${projects.length} projects, ${skippable} files the prefilter skips (${wordsWithoutSite} of them naming a word): too few to prove anything`,
    );
  });

  it('the rule, fixture, project and acceptance suites have the same outcome with the prefilter forced on and off', async function () {
    const suites = ['rules/**/*.test.ts', 'acceptance.test.ts', 'fixes-roundtrip.test.ts', 'regressions.test.ts', 'robustness.test.ts', 'facts/**/*.test.ts', 'project/**/*.test.ts'];
    const [off, on] = await Promise.all(['0', '1'].map((forced) => mochaOutcomes(suites.map((s) => `eslint-plugin/tests/${s}`), { SECURE_LOGOUT_JS_PREFILTER: forced })));
    assert.ok(Object.keys(on!).length >= 300, `only ${Object.keys(on!).length} tests ran`);
    assert.deepEqual(on, off);
  });
});
