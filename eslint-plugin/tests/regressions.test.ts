import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { parsePhp } from '../src/languages/php/parse-php';
import { requireOrSkip } from '../../scripts/test-support/requirements';
import { LintEngine } from '../../server/src/lint-engine';
import plugin = require('../src/index');

/**
 * Inputs that once hung the analysis or crashed the run, linted as a controller of a realistic
 * Laravel app: each finishes within the per-file budget with a clear result — findings, or the
 * parse-error warning — never a hang, a stack overflow or an exception out of ESLint.
 * Our own minimal inputs live in tests/regressions/inputs; the shared collection beside the
 * checkout (../shared/regressions/hang) runs too when present.
 */
const DEMO = path.resolve(__dirname, '../../test-fixtures/laravel-sanctum-spa');
const OWN = path.join(__dirname, 'regressions/inputs');
const SHARED = path.resolve(__dirname, '../../../shared/regressions/hang');
/** The hook and the issue promise 5 s per input; a loaded CI host gets no more. */
const BUDGET_MS = 5_000;

const eslint = new ESLint({ cwd: DEMO, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never });

async function lintAsController(text: string): Promise<{ messages: Linter.LintMessage[]; ms: number }> {
  const started = performance.now();
  const [result] = await eslint.lintText(text, { filePath: path.join(DEMO, 'app/Http/Controllers/RegressionController.php') });
  return { messages: result!.messages, ms: performance.now() - started };
}

/** JS/TS inputs are linted as a module of the Express + passport 0.7 fixture. */
const EXPRESS = path.resolve(__dirname, '../../test-fixtures/express-passport07');
const jsEslint = new ESLint({ cwd: EXPRESS, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never });

async function lintInput(name: string): Promise<{ messages: Linter.LintMessage[]; ms: number }> {
  const text = fs.readFileSync(path.join(OWN, name), 'utf8');
  if (name.endsWith('.php')) return lintAsController(text);
  const started = performance.now();
  const [result] = await jsEslint.lintText(text, { filePath: path.join(EXPRESS, 'src', `regression${path.extname(name)}`) });
  return { messages: result!.messages, ms: performance.now() - started };
}

function assertClearResult(messages: Linter.LintMessage[], ms: number): void {
  assert.ok(ms < BUDGET_MS, `took ${Math.round(ms)} ms`);
  assert.deepEqual(messages.filter((m) => m.fatal), [], 'no fatal message');
  assert.deepEqual(messages.filter((m) => m.messageId === 'analysisFailed').map((m) => `${m.ruleId}: ${m.message}`), [], 'no rule gave up on the file');
}

const summary = (messages: Linter.LintMessage[]) => messages.map((m) => `${m.line} ${m.ruleId}`);
const reasons = (messages: Linter.LintMessage[]) => messages.map((m) => `${m.line} ${m.ruleId} ${m.message.replace(/^.*Reason: (.*)\.$/, '$1')}`);

/** What each own input must produce besides finishing in time. */
const expected: Record<string, (messages: Linter.LintMessage[]) => void> = {
  'attribute-at-end.php': (messages) => assert.deepEqual(messages, []),
  'brace-namespace.php': (messages) => assert.deepEqual(messages, []),
  // php-parser's recovery drops the method after the half-typed attribute; no finding, no freeze.
  'attribute-in-class.php': (messages) => assert.deepEqual(summary(messages), []),
  'regenerate-half-typed.php': (messages) => assert.deepEqual(summary(messages), ['14 secure-logout/no-replayable-session']),
  'branches-24.php': (messages) =>
    assert.deepEqual(summary(messages), Array.from({ length: 24 }, (_, i) => `${13 + 5 * i} secure-logout/invalidate-session`)),
  'chain-1500.php': (messages) => assert.deepEqual(summary(messages), ['12 secure-logout/invalidate-session']),
  // Found by `npm run fuzz` (seed 1): error recovery left `{ r` as a statement without an expression.
  'has-session-truncated.php': (messages) => assert.deepEqual(summary(messages), ['12 secure-logout/invalidate-session']),
  // typescript-estree overflows the stack from about 390 calls on; espree reads the JS file instead.
  'chain-1000.js': (messages) => assert.deepEqual(summary(messages), ['8 secure-logout/logout-callback']),
  // TypeScript has no other parser: the file is named, not a fatal "Maximum call stack size exceeded".
  'chain-1000.ts': (messages) => assert.deepEqual(reasons(messages), ['1 secure-logout/parse-error expression nesting too deep for the parser']),
  // 4,000 levels: espree parses it, ESLint's scope analysis would overflow; declined before it runs.
  'chain-2000.js': (messages) => assert.deepEqual(reasons(messages), ['1 secure-logout/parse-error expression nesting too deep for the parser']),
  // Copied from the shared collection (../shared/regressions/hang, 2026-12-04) so CI keeps them
  // without it; its two other inputs are byte for byte attribute-at-end.php and brace-namespace.php.
  // Each `if` logs out on one branch only and invalidates on the other: every logout is reported.
  'branches-16-logout.php': (messages) => assert.deepEqual(summary(messages), Array.from({ length: 16 }, (_, i) => `${13 + i} secure-logout/invalidate-session`)),
  'branches-18-logout.php': (messages) => assert.deepEqual(summary(messages), Array.from({ length: 18 }, (_, i) => `${13 + i} secure-logout/invalidate-session`)),
  'chain-1000.php': (messages) => assert.deepEqual(summary(messages), ['13 secure-logout/invalidate-session']),
  // As attribute-in-class.php: the logout method after the half-typed attribute is lost to recovery.
  'half-typed-attribute-in-class.php': (messages) => assert.deepEqual(summary(messages), []),
  'no-replayable-session-half-typed-regenerate.php': (messages) => assert.deepEqual(summary(messages), ['31 secure-logout/no-replayable-session']),
  // Found by the fix-property fuzz (fresh clone, 2026-12-05): in an unterminated backtick string,
  // recovery ends the logout statement at the end of the file. Reported, but no edit is offered:
  // the insertion landed inside the string and "fix all" grew the file on every pass.
  'backtick-unterminated.php': (messages) => {
    assert.deepEqual(summary(messages), ['13 secure-logout/invalidate-session']);
    assert.deepEqual(messages.filter((m) => m.fix || m.suggestions?.length), []);
  },
};

describe('regressions: inputs that once hung or crashed', function () {
  this.timeout(30_000);

  it('has an expectation for every own input', function () {
    assert.deepEqual(fs.readdirSync(OWN).sort(), Object.keys(expected).sort());
  });

  for (const [name, check] of Object.entries(expected)) {
    it(name, async function () {
      const { messages, ms } = await lintInput(name);
      assertClearResult(messages, ms);
      check(messages);
    });
  }

  it("fix all leaves a file php-parser had to recover unchanged (the editor's action, twice)", function () {
    const text = fs.readFileSync(path.join(OWN, 'backtick-unterminated.php'), 'utf8');
    const file = path.join(DEMO, 'app/Http/Controllers/RegressionController.php');
    assert.equal(new LintEngine().fixAll(text, file, DEMO).output, text);
  });

  it('the parser loops end even where the prefilter would skip the file (project model parses)', function () {
    const parse = (name: string) => parsePhp(fs.readFileSync(path.join(OWN, name), 'utf8'), name, { phpVersion: '8.4', maxFileBytes: 2_000_000, prefilter: false });
    assert.equal(parse('attribute-at-end.php').unanalysed, undefined);
    assert.match(parse('brace-namespace.php').unanalysed?.reason ?? '', /stopped making progress/);
    // The method after the half-typed attribute is lost, but the class and its namespace survive.
    assert.equal(parse('attribute-in-class.php').children[0]?.kind, 'namespace');
  });

  it('a 5 MB JavaScript document (86k route handlers) is skipped with parse-error, not analysed for minutes', async function () {
    const dir = path.resolve(__dirname, '../../test-fixtures/express-passport07');
    const handler = "app.post('/logout', (req, res) => { req.logout(() => res.redirect('/')); });\n";
    const text = `const express = require('express');\nconst app = express();\n${handler.repeat(Math.ceil(5_000_000 / handler.length))}`;
    const js = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never });
    const started = performance.now();
    const [result] = await js.lintText(text, { filePath: path.join(dir, 'generated-routes.js') });
    assertClearResult(result!.messages, performance.now() - started);
    assert.deepEqual(result!.messages.map((m) => m.ruleId), ['secure-logout/parse-error']);
    assert.match(result!.messages[0]!.message, /file is larger than 1000000 characters/);
  });

  it('a 5 MB PHP controller (50k logout methods) is skipped with parse-error at the size cap', async function () {
    const method = "    public function logout{n}()\n    {\n        Auth::logout();\n        return redirect('/');\n    }\n";
    const methods = Array.from({ length: Math.ceil(5_000_000 / method.length) }, (_, i) => method.replace('{n}', String(i))).join('');
    const { messages, ms } = await lintAsController(`<?php\n\nnamespace App\\Http\\Controllers;\n\nuse Illuminate\\Support\\Facades\\Auth;\n\nclass GeneratedController extends Controller\n{\n${methods}}\n`);
    assertClearResult(messages, ms);
    assert.deepEqual(reasons(messages), ['1 secure-logout/parse-error file is larger than 2000000 bytes']);
  });

  describe('shared collection (../shared/regressions/hang)', function () {
    const present = fs.existsSync(SHARED);
    const files = present ? fs.readdirSync(SHARED).filter((f) => f.endsWith('.php')) : [];

    it('is present', function () {
      requireOrSkip(this, '../shared/regressions', present, 'clone next to the shared folder');
      assert.ok(files.length >= 7, `${files.length} inputs`);
    });

    for (const name of files) {
      it(name, async function () {
        const { messages, ms } = await lintAsController(fs.readFileSync(path.join(SHARED, name), 'utf8'));
        assertClearResult(messages, ms);
      });
    }
  });
});
