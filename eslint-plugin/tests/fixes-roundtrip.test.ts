import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint, Linter } from 'eslint';
import { Engine } from 'php-parser';
import { guardEngine } from '../src/languages/php/parser-guard';
import { controller, routes } from './support/php-samples';
import { assertFixProperties, assertFixPropertiesOfRun, type FixPropertyStats } from './support/fix-properties';
import { FUZZ_PROJECTS, fuzzSeeds } from '../../scripts/fuzz/corpus';
import { fuzzInputs } from '../../scripts/fuzz/mutate';
import { SHARED_ACCEPTANCE_CASES, sharedAcceptance } from '../../scripts/test-support/environment';
import { requireOrSkip } from '../../scripts/test-support/requirements';
import plugin = require('../src/index');

/**
 * SPEC §4: every fix parses, re-linting does not report the finding again, nothing else
 * changes, and applying all fixes twice equals applying them once.
 */
const config = plugin.configs.recommended as Linter.Config[];
const strictParser = guardEngine(new Engine({ parser: { suppressErrors: false, version: '8.4' }, ast: { withPositions: false } }));

const FIXTURE_APPS = path.resolve(__dirname, '../../test-fixtures');
const DEMO = path.join(FIXTURE_APPS, 'laravel-sanctum-spa');

const samples: Record<string, string> = {
  'logout only': controller(`Auth::guard('web')->logout();\n\nreturn redirect('/');`),
  'flush + regenerate': controller(`Auth::guard('web')->logout();\n$request->session()->flush();\n$request->session()->regenerate();\nreturn response()->noContent();`),
  'invalidate without token': controller(`Auth::logout();\n$request->session()->invalidate();\nreturn redirect('/');`),
  'migrate(true) alone': controller(`Auth::logout();\n$request->session()->migrate(true);`),
  'migrate()': controller(`auth()->logout();\nsession()->migrate();`, { params: '' }),
  'one branch': controller(`Auth::logout();\nif ($request->boolean('all')) {\n    $request->session()->invalidate();\n    $request->session()->regenerateToken();\n}\nreturn redirect('/');`),
  'early return': controller(`Auth::logout();\nif ($request->expectsJson()) {\n    return response()->json([]);\n}\n$request->session()->invalidate();\nreturn redirect('/');`),
  'two handlers': controller(`Auth::logout();`, { members: `\n    public function other()\n    {\n        auth()->logout();\n        session()->regenerate(false);\n    }\n` }),
  'route closure': routes(`Route::post('/logout', function (Request $request) {\n    Auth::logout();\n    return redirect('/');\n});\n\nRoute::post('/leave', fn () => Auth::logout());`),
};
for (const file of ['app/Http/Controllers/Auth/SpaSessionController.php', 'app/Http/Controllers/Auth/AccountSessionController.php']) {
  samples[`demo ${path.basename(file)}`] = fs.readFileSync(path.join(DEMO, file), 'utf8');
}

function lint(code: string): Linter.LintMessage[] {
  return new Linter().verify(code, config, { filename: 'app/Http/Controllers/SessionController.php' });
}

function ruleCounts(messages: Linter.LintMessage[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of messages) counts[m.ruleId ?? 'fatal'] = (counts[m.ruleId ?? 'fatal'] ?? 0) + 1;
  return counts;
}

function apply(code: string, fix: { range: [number, number]; text: string }): string {
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

describe('fixes round trip', function () {
  for (const [name, code] of Object.entries(samples)) {
    it(`${name}: each suggestion parses, removes its finding and nothing else`, function () {
      const before = lint(code);
      const withSuggestions = before.filter((m) => m.suggestions?.length);
      assert.ok(withSuggestions.length > 0, 'the sample has findings with suggestions');
      // A logout in an arrow function body has no place for statements: reported without a suggestion.
      assert.deepEqual(before.filter((m) => !m.suggestions?.length && !m.fix).map((m) => m.line), name === 'route closure' ? [12] : []);
      for (const message of withSuggestions) {
        for (const suggestion of message.suggestions!) {
          const fixed = apply(code, suggestion.fix);
          assert.doesNotThrow(() => strictParser.parseCode(fixed, 'fixed.php'), `${suggestion.desc} parses`);
          const expected = ruleCounts(before);
          expected[message.ruleId!]! -= 1;
          if (expected[message.ruleId!] === 0) delete expected[message.ruleId!];
          assert.deepEqual(ruleCounts(lint(fixed)), expected, `${suggestion.desc}: only its own finding goes away`);
          assert.ok(fixed.startsWith(code.slice(0, suggestion.fix.range[0])) && fixed.endsWith(code.slice(suggestion.fix.range[1])), 'no user code outside the fix changed');
        }
      }
    });

    it(`${name}: autofix is idempotent`, function () {
      const linter = new Linter();
      const once = linter.verifyAndFix(code, config, { filename: 'a.php' }).output;
      const twice = linter.verifyAndFix(once, config, { filename: 'a.php' }).output;
      assert.equal(twice, once);
      assert.doesNotThrow(() => strictParser.parseCode(once, 'fixed.php'));
    });
  }
});

describe('fix properties over every fixture app, acceptance case and fuzz survivor', function () {
  this.timeout(240_000);
  const eslintIn = (dir: string) =>
    new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config as never, ignorePatterns: ['expected.json'], errorOnUnmatchedPattern: false });
  const read = (file: string) => fs.readFileSync(file, 'utf8');

  it('fixture apps (test-fixtures/*)', async function () {
    const stats: FixPropertyStats = { files: 0, fixes: 0 };
    for (const name of fs.readdirSync(FIXTURE_APPS).sort()) {
      const dir = path.join(FIXTURE_APPS, name);
      const eslint = eslintIn(dir);
      await assertFixPropertiesOfRun(eslint, dir, await eslint.lintFiles(['.']), read, stats);
    }
    assert.ok(stats.fixes >= 20, `${stats.fixes} fixes in ${stats.files} files`);
    console.log(`      fix properties: ${stats.fixes} fixes in ${stats.files} files`);
  });

  it('acceptance cases (../shared/acceptance)', async function () {
    requireOrSkip(this, sharedAcceptance.need, sharedAcceptance.present(), sharedAcceptance.enable);
    const stats: FixPropertyStats = { files: 0, fixes: 0 };
    for (const name of fs.readdirSync(SHARED_ACCEPTANCE_CASES).sort()) {
      const dir = path.join(SHARED_ACCEPTANCE_CASES, name);
      if (!fs.existsSync(path.join(dir, 'expected.json'))) continue;
      const eslint = eslintIn(dir);
      await assertFixPropertiesOfRun(eslint, dir, await eslint.lintFiles(['.']), read, stats);
    }
    assert.ok(stats.fixes >= 20, `${stats.fixes} fixes in ${stats.files} files`);
    console.log(`      fix properties: ${stats.fixes} fixes in ${stats.files} files`);
  });

  it('fuzz survivors: mutated handlers that still have findings with fixes', async function () {
    const stats: FixPropertyStats = { files: 0, fixes: 0 };
    for (const input of fuzzInputs(fuzzSeeds(), 1000, 20261206)) {
      if (input.text.length > 200_000) continue;
      const project = FUZZ_PROJECTS[input.language];
      const eslint = eslintIn(project.root);
      const filePath = path.join(project.root, project.file);
      const lintAs = async (text: string) => (await eslint.lintText(text, { filePath }))[0]!.messages;
      await assertFixProperties(input.text, filePath, project.root, await lintAs(input.text), lintAs, stats);
    }
    assert.ok(stats.files >= 20, `${stats.files} survivors with fixes`);
    console.log(`      fix properties: ${stats.fixes} fixes in ${stats.files} fuzz survivors${stats.tooDeep ? `; ${stats.tooDeep} nested too deep for the reference parse, not checked` : ''}`);
  });
});
