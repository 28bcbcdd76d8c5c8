import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import plugin = require('../../src/index');
import { phpCodeText } from '../../src/languages/php/code-text';
import { mayMatter } from '../../src/languages/php/parse-php';
import { SHARED_ACCEPTANCE_CASES, sharedAcceptance } from '../../../scripts/test-support/environment';

/**
 * The PHP prefilter skips a file whose logout, session or access-token words are only in strings
 * and comments (translation arrays, messages) when it calls nothing (`->`, `::`). It must never
 * change a finding: proved here by linting every PHP project of the repository, the shared
 * acceptance cases and the real-shaped bench app (40 locales of translations) with the refinement
 * on and off, and by re-running the rule, fixture, project and acceptance suites both ways
 * (`SECURE_LOGOUT_PHP_CODE_PREFILTER=0`: any word anywhere passes, as before).
 */
const ROOT = path.resolve(__dirname, '../../..');
const OFF = 'SECURE_LOGOUT_PHP_CODE_PREFILTER';

function withRefinement<T>(on: boolean, run: () => Promise<T>): Promise<T> {
  const saved = process.env[OFF];
  if (on) delete process.env[OFF];
  else process.env[OFF] = '0';
  return run().finally(() => (saved === undefined ? delete process.env[OFF] : (process.env[OFF] = saved)));
}

/** Every message with everything a user sees of it: position, rule, text, suggestions. */
async function messagesOf(dir: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never, errorOnUnmatchedPattern: false });
  return (await eslint.lintFiles(['**/*.php'])).flatMap((r) =>
    r.messages.map((m) => JSON.stringify({ file: path.relative(dir, r.filePath), line: m.line, column: m.column, endLine: m.endLine, rule: m.ruleId, message: m.message, suggestions: m.suggestions })),
  );
}

function phpFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'vendor') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) phpFiles(full, out);
    else if (entry.name.endsWith('.php')) out.push(full);
  }
  return out;
}

/** Files the refinement skips: words somewhere, but only in strings and comments, and no call. */
function skippedByRefinement(dir: string): number {
  return phpFiles(dir).filter((file) => {
    const text = fs.readFileSync(file, 'utf8');
    process.env[OFF] = '0';
    const before = mayMatter(text);
    delete process.env[OFF];
    return before && !mayMatter(text);
  }).length;
}

function phpProjects(): string[] {
  const fixtures = fs.readdirSync(path.join(ROOT, 'test-fixtures')).map((name) => path.join(ROOT, 'test-fixtures', name));
  const cases = sharedAcceptance.present() ? fs.readdirSync(SHARED_ACCEPTANCE_CASES).map((name) => path.join(SHARED_ACCEPTANCE_CASES, name)) : [];
  return [...fixtures, ...cases].filter((dir) => fs.statSync(dir).isDirectory() && phpFiles(dir).length > 0);
}

/** Each test's title → 'passes' / 'failures' / 'pending', from a mocha run with the refinement on or off. */
function mochaOutcomes(files: string[], on: boolean): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    if (on) delete env[OFF];
    else env[OFF] = '0';
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/mocha/bin/mocha.js'), '--reporter', 'json', ...files], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      try {
        const report = JSON.parse(out.slice(out.indexOf('{\n'))) as Record<'passes' | 'failures' | 'pending', { fullTitle: string }[]>;
        const outcomes: Record<string, string> = {};
        for (const state of ['passes', 'failures', 'pending'] as const) for (const test of report[state]) outcomes[test.fullTitle] = state;
        resolve(outcomes);
      } catch (error) {
        reject(new Error(`mocha with the refinement ${on ? 'on' : 'off'} gave no report: ${String(error)}\n${out.slice(-2000)}`));
      }
    });
  });
}

describe('PHP prefilter: words only in strings and comments', function () {
  this.timeout(600_000);

  it('leaves out comments and plain strings; keeps interpolated strings and attributes', function () {
    const code = phpCodeText(`<?php
// logout here
# session there
/* logout */ $a = 'logout' . "session" . "{$request->session()}" . 'it\\'s';
#[Logout]
function f() {}
`);
    assert.ok(code !== undefined);
    assert.ok(code.includes('"{$request->session()}"'), 'an interpolated string stays');
    assert.ok(code.includes('#[Logout]'), 'an attribute stays');
    const rest = code.replace('"{$request->session()}"', '').replace('#[Logout]', '');
    assert.ok(!/logout|session|here|there|it/i.test(rest), `comments and plain strings go: ${rest}`);
  });

  it('reads no file it cannot be sure of: heredocs, inline HTML, a second PHP block, backticks, an unclosed string', function () {
    for (const text of ["<?php\n$a = <<<'TXT'\nlogout\nTXT;\n", "<p>logout</p><?php echo 1;\n", "<?php echo 1; ?>\n<a href='/logout'>x</a>\n", "<?php\n$a = `echo 'logout'`;\n", "<?php\n$m = 'logout;\n"]) {
      assert.equal(phpCodeText(text), undefined, text);
      assert.equal(mayMatter(text), true, text);
    }
  });

  it('skips a translation array or a docblock-only mention, never a file that calls anything or names a word in code', function () {
    assert.equal(mayMatter("<?php\nreturn [\n    'logout' => 'Log out',\n    'session_expired' => \"Your session has expired.\",\n];\n"), false);
    assert.equal(mayMatter('<?php\n/** Ends the session. */\ninterface Guard { public function check(): bool; }\n'), false);
    assert.equal(mayMatter("<?php\nRoute::post('logout', [LoginController::class, 'logout']);\n"), true, 'a string beside a call can name the action');
    assert.equal(mayMatter("<?php\n$x = ['uses' => 'Auth\\\\LoginController@logout'];\n$y = $x->route;\n"), true);
    assert.equal(mayMatter('<?php\nfunction out() { session_destroy(); }\n'), true, 'a word in code');
  });

  it('every PHP project of the repository, every acceptance case and the real-shaped bench app get the same messages with and without it', async function () {
    const { generateRealShapedApp } = (await import('../../../scripts/bench/generate-real-shaped-app.mjs')) as { generateRealShapedApp: (dir: string) => string };
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-php-prefilter-'));
    const realShaped = generateRealShapedApp(path.join(scratch, 'app'));
    try {
      const projects = [...phpProjects(), realShaped];
      let skippable = 0;
      let messages = 0;
      for (const dir of projects) {
        skippable += skippedByRefinement(dir);
        const without = await withRefinement(false, () => messagesOf(dir));
        const withIt = await withRefinement(true, () => messagesOf(dir));
        assert.deepEqual(withIt, without, path.relative(ROOT, dir));
        messages += without.length;
      }
      assert.ok(projects.length >= 40 && skippable >= 40 && messages >= 30, `${projects.length} projects, ${skippable} files skipped, ${messages} messages: too few to prove anything`);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('the rule, fixture, project and acceptance suites have the same outcome with it on and off', async function () {
    const suites = ['rules/**/*.test.ts', 'acceptance.test.ts', 'fixes-roundtrip.test.ts', 'regressions.test.ts', 'robustness.test.ts', 'facts/**/*.test.ts', 'project/**/*.test.ts', 'languages/**/*.test.ts'];
    const off = await mochaOutcomes(suites.map((s) => `eslint-plugin/tests/${s}`), false);
    const on = await mochaOutcomes(suites.map((s) => `eslint-plugin/tests/${s}`), true);
    assert.ok(Object.keys(on).length >= 300, `only ${Object.keys(on).length} tests ran`);
    assert.deepEqual(on, off);
  });
});
