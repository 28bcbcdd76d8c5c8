import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import plugin = require('../../src/index');

/** The Laravel apps in test-fixtures/ (their READMEs list these findings), linted through configs.recommended. */
const FIXTURES = path.resolve(__dirname, '../../../test-fixtures');

const EXPECTED: Record<string, string[]> = {
  'laravel-8-kernel-namespace': [
    'app/Http/Controllers/Auth/LoginController.php:29 secure-logout/invalidate-session',
    'app/Http/Controllers/Account/SessionsController.php:24 secure-logout/forget-request-guard-user',
  ],
  'laravel-12-has-middleware': [
    'app/Http/Controllers/SpaSessionController.php:34 secure-logout/logout-guard',
    'app/Http/Controllers/SpaSessionController.php:46 secure-logout/forget-request-guard-user',
    'app/Http/Controllers/Api/TokenController.php:13 secure-logout/transient-token-delete',
  ],
  'laravel-passport': ['app/Http/Controllers/Api/AuthController.php:13 secure-logout/logout-guard'],
  'laravel-jwt': ['app/Http/Controllers/JwtAuthController.php:27 secure-logout/session-requires-session'],
  'laravel-fortify': [],
  'laravel-breeze': [],
};

function eslintFor(dir: string): ESLint {
  return new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never });
}

function ruleCount(messages: Linter.LintMessage[], rule: string | null): number {
  return messages.filter((m) => m.ruleId === rule).length;
}

describe('Laravel test fixtures through configs.recommended', function () {
  this.timeout(60_000);

  for (const [name, expected] of Object.entries(EXPECTED)) {
    const dir = path.join(FIXTURES, name);

    it(`${name}: reports exactly the README's findings`, async function () {
      const results = await eslintFor(dir).lintFiles(['.']);
      const actual = results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath).split(path.sep).join('/')}:${m.line} ${m.ruleId ?? `fatal: ${m.message}`}`)).sort();
      assert.deepEqual(actual, [...expected].sort());
    });

    it(`${name}: every suggestion parses and removes its finding when re-linted`, async function () {
      const eslint = eslintFor(dir);
      const results = await eslint.lintFiles(['.']);
      for (const result of results) {
        const text = fs.readFileSync(result.filePath, 'utf8');
        for (const message of result.messages) {
          for (const suggestion of message.suggestions ?? []) {
            const fixed = text.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + text.slice(suggestion.fix.range[1]);
            const [again] = await eslint.lintText(fixed, { filePath: result.filePath });
            const where = `${path.relative(dir, result.filePath)}:${message.line} "${suggestion.desc}"`;
            assert.equal(again!.messages.filter((m) => m.fatal || m.ruleId === 'secure-logout/parse-error').length, 0, `${where} does not parse:\n${fixed}`);
            assert.ok(ruleCount(again!.messages, message.ruleId) < ruleCount(result.messages, message.ruleId), `${where} leaves the finding:\n${fixed}`);
          }
        }
        // The model now holds the last re-linted buffer for this file; linting the saved text restores it.
        await eslint.lintText(text, { filePath: result.filePath });
      }
    });
  }
});
