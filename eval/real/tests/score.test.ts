import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * eval:real scoring: a tiny synthetic "checkout" (a Laravel app of our own with one incomplete and
 * one complete logout) is linted with the built plugin and matched against a label file written
 * here, so true positives, false positives and false negatives are each exercised on real output.
 */

// eval/real is plain Node ESM (it runs the built plugin, not the TypeScript sources).
type Score = { repo: string; handlers: number; tp: Finding[]; fp: (Finding & { why: string })[]; fn: (Finding & { why: string; handler: string })[] };
type Finding = { rule: string; file: string; line: number };
type Summary = { repos: number; handlers: number; rules: { rule: string; tp: number; fp: number; fn: number }[]; total: { tp: number; fp: number; fn: number } };
interface ScoreModule {
  scoreRepo(label: unknown, reported: Finding[]): Score;
  summarize(scores: Score[]): Summary;
  precision(r: { tp: number; fp: number }): number;
  recall(r: { tp: number; fn: number }): number;
  validateLabel(label: unknown, source?: string): unknown;
}
interface RunModule {
  parseArgs(argv: string[]): { dir: string; lang?: string; repo?: string; markdown?: string; labels: string };
  evaluateLanguage(options: object, lang: string): Promise<{ scores: Score[]; missing: string[]; errors: string[]; summary: Summary }>;
  formatText(result: object): string;
  formatMarkdown(results: object[]): string;
  lintCheckout(repoDir: string, root?: string, language?: string): Promise<{ findings: Finding[]; unanalysed: string[]; files: number }>;
}
// A real dynamic import: TypeScript's CommonJS output would turn `import()` into `require()`, which cannot load ESM.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;
const load = async <T>(file: string) => (await importEsm(new URL(`file://${path.resolve(__dirname, '..', file)}`).href)) as T;

const REPO = 'example/logout-app';
const LOGOUT_ONLY = 'app/Http/Controllers/LogoutController.php';
const COMPLETE = 'app/Http/Controllers/SessionController.php';

function write(root: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

/** A controller whose one action runs `body` (one statement a line, the first on line 12) and redirects. */
function controller(name: string, action: string, body: string[]): string {
  const head = ['<?php', '', 'namespace App\\Http\\Controllers;', '', 'use Illuminate\\Http\\Request;', 'use Illuminate\\Support\\Facades\\Auth;', '', `class ${name} extends Controller`, '{', `    public function ${action}(Request $request)`, '    {'];
  return [...head, ...body.map((line) => `        ${line}`), '', "        return redirect('/');", '    }', '}', ''].join('\n');
}

/** A Laravel 11-style app: one logout without invalidation (line 13), one Breeze-style logout. */
function makeCheckout(dir: string): void {
  const app = path.join(dir, REPO.replace('/', '__'), 'backend');
  write(app, 'composer.json', JSON.stringify({ require: { 'laravel/framework': '^11.0' } }));
  write(app, 'composer.lock', JSON.stringify({ packages: [{ name: 'laravel/framework', version: 'v11.9.0' }] }));
  write(app, 'config/auth.php', "<?php\n\nreturn [\n    'defaults' => ['guard' => 'web'],\n    'guards' => ['web' => ['driver' => 'session', 'provider' => 'users']],\n];\n");
  write(app, 'config/session.php', "<?php\n\nreturn ['driver' => 'file'];\n");
  write(app, 'bootstrap/app.php', "<?php\n\nuse Illuminate\\Foundation\\Application;\n\nreturn Application::configure(basePath: dirname(__DIR__))\n    ->withRouting(web: __DIR__.'/../routes/web.php')\n    ->create();\n");
  write(
    app,
    'routes/web.php',
    "<?php\n\nuse App\\Http\\Controllers\\LogoutController;\nuse App\\Http\\Controllers\\SessionController;\nuse Illuminate\\Support\\Facades\\Route;\n\nRoute::post('/logout', [LogoutController::class, 'logout'])->middleware('auth');\nRoute::post('/session/end', [SessionController::class, 'destroy'])->middleware('auth');\n",
  );
  // Line 13 of LogoutController is its logout call; SessionController logs out on line 12 and completes it.
  write(app, LOGOUT_ONLY, controller('LogoutController', 'logout', ['// the session survives: no invalidate(), no regenerateToken()', "Auth::guard('web')->logout();"]));
  write(app, COMPLETE, controller('SessionController', 'destroy', ["Auth::guard('web')->logout();", '$request->session()->invalidate();', '$request->session()->regenerateToken();']));
  write(app, 'app/Http/Controllers/Controller.php', '<?php\n\nnamespace App\\Http\\Controllers;\n\nabstract class Controller\n{\n}\n');
}

/** Labels: the real finding (TP), a finding the tool will not report (FN), the clean handler labelled wrongly as clean on another line. */
function makeLabels(dir: string, expectLogoutOnly: boolean): void {
  const label = {
    repo: REPO,
    commit: '0'.repeat(40),
    language: 'php',
    root: 'backend',
    handlers: [
      {
        file: `backend/${LOGOUT_ONLY}`,
        line: 10,
        handler: 'POST /logout LogoutController::logout',
        expected: expectLogoutOnly ? [{ rule: 'secure-logout/invalidate-session', file: `backend/${LOGOUT_ONLY}`, line: 13 }] : [],
        why: 'logout without invalidation',
      },
      {
        file: `backend/${COMPLETE}`,
        line: 10,
        handler: 'POST /session/end SessionController::destroy',
        expected: [{ rule: 'invalidate-session', file: `backend/${COMPLETE}`, line: 12 }],
        why: 'deliberately wrong label: the handler is complete',
      },
    ],
  };
  write(path.join(dir, 'php'), `${REPO.replace('/', '__')}.json`, JSON.stringify(label));
}

describe('eval:real scoring', function () {
  this.timeout(60_000);
  let tmp: string;
  let score: ScoreModule;
  let run: RunModule;

  before(async function () {
    const built = path.resolve(__dirname, '../../../eslint-plugin/dist/index.js');
    if (!fs.existsSync(built)) {
      // eval:real lints with the built plugin, like a user's eslint does.
      console.log('    eval:real test skipped: eslint-plugin/dist is not built (run npm run build)');
      this.skip();
    }
    score = await load<ScoreModule>('score.mjs');
    run = await load<RunModule>('run.mjs');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-eval-'));
  });

  after(function () {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('matches rule, repository-relative file and line: one TP, one FN, nothing else', async function () {
    const checkouts = path.join(tmp, 'checkouts-a');
    const labels = path.join(tmp, 'labels-a');
    makeCheckout(checkouts);
    makeLabels(labels, true);
    const result = await run.evaluateLanguage(run.parseArgs([checkouts, '--labels', labels]), 'php');

    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.missing, []);
    const [repo] = result.scores;
    assert.deepEqual(repo.tp, [{ rule: 'secure-logout/invalidate-session', file: `backend/${LOGOUT_ONLY}`, line: 13 }]);
    assert.deepEqual(repo.fp, []);
    assert.deepEqual(
      repo.fn.map((f) => `${f.rule} ${f.file}:${f.line} ${f.handler}`),
      [`secure-logout/invalidate-session backend/${COMPLETE}:12 POST /session/end SessionController::destroy`],
    );
    assert.deepEqual({ repos: result.summary.repos, handlers: result.summary.handlers, total: result.summary.total }, { repos: 1, handlers: 2, total: { rule: 'total', tp: 1, fp: 0, fn: 1 } });
    assert.equal(score.precision(result.summary.total), 1);
    assert.equal(score.recall(result.summary.total), 0.5);
  });

  it('counts an unlabelled finding as a false positive and names the nearest handler above it', async function () {
    const checkouts = path.join(tmp, 'checkouts-b');
    const labels = path.join(tmp, 'labels-b');
    makeCheckout(checkouts);
    makeLabels(labels, false);
    const result = await run.evaluateLanguage(run.parseArgs([checkouts, '--labels', labels]), 'php');

    const [repo] = result.scores;
    assert.deepEqual(
      repo.fp.map((f) => `${f.rule} ${f.file}:${f.line} ${f.why}`),
      [`secure-logout/invalidate-session backend/${LOGOUT_ONLY}:13 near POST /logout LogoutController::logout: logout without invalidation`],
    );
    assert.equal(score.precision(result.summary.total), 0);
    assert.match(run.formatText(result), /FP example\/logout-app backend\/app\/Http\/Controllers\/LogoutController\.php:13 invalidate-session/);
    assert.match(run.formatMarkdown([{ lang: 'php', ...result }]), /\| `invalidate-session` \| 0 \| 1 \| 1 \| 0\.00 \| 0\.00 \|/);
  });

  it('lists a label without a checkout as missing instead of scoring it', async function () {
    const labels = path.join(tmp, 'labels-c');
    makeLabels(labels, true);
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty);
    const result = await run.evaluateLanguage(run.parseArgs([empty, '--labels', labels]), 'php');
    assert.deepEqual(result.missing, [REPO]);
    assert.deepEqual(result.scores, []);
  });

  it('lists only unparsable files as not analysed; an ESLint 10 eslint-env comment still lets the rules run', async function () {
    // passport 0.5: req.logout() keeps the session id, so the handler is a finding in both files.
    const app = path.join(tmp, 'checkouts-d', 'example__express-app');
    write(app, 'package.json', JSON.stringify({ dependencies: { express: '^4.19.0', 'express-session': '^1.18.0', passport: '^0.5.0' } }));
    const handler = ["const express = require('express');", "const session = require('express-session');", 'const app = express();', "app.use(session({ secret: 's' }));", "app.post('/logout', (req, res) => {", '  req.logout();', "  res.redirect('/');", '});', ''];
    write(app, 'with-env-comment.js', ['/* eslint-env node */', ...handler].join('\n'));
    write(app, 'plain.js', handler.join('\n'));
    write(app, 'broken.js', 'const = ;\n');
    const { findings, unanalysed } = await run.lintCheckout(app, '.', 'js');
    assert.deepEqual(unanalysed, ['broken.js']);
    assert.deepEqual(
      findings.map((f) => `${f.rule} ${f.file}:${f.line}`).sort(),
      ['secure-logout/invalidate-session plain.js:6', 'secure-logout/invalidate-session with-env-comment.js:7'],
    );
  });

  it('rejects a label whose expected finding has no line, and bad arguments', function () {
    assert.throws(() => score.validateLabel({ repo: 'a/b', commit: 'c', language: 'php', handlers: [{ file: 'x.php', line: 1, expected: [{ rule: 'r', file: 'x.php' }] }] }), /expected\[0\] needs "rule", "file" and an integer "line"/);
    assert.throws(() => run.parseArgs(['dir', '--lang', 'ruby']), /--lang must be one of php, js/);
    assert.throws(() => run.parseArgs([]), /usage: npm run eval:real/);
  });
});
