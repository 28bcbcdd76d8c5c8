import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { plugin } from '../../support/js-rule-tester';

/** The JS/TS apps in test-fixtures/, linted through configs.recommended like a user would. */
const FIXTURES = path.resolve(__dirname, '../../../../test-fixtures');

const EXPECTED: Record<string, string[]> = {
  'express-passport05': ['src/controllers/session-controller.js:5 secure-logout/invalidate-session'],
  'express-passport07': ['src/routes/session.js:10 secure-logout/logout-callback', 'src/routes/session.js:21 secure-logout/logout-callback'],
  'adonis-v6': ['app/controllers/api_session_controller.ts:9 secure-logout/invalidate-session', 'app/controllers/session_controller.ts:13 secure-logout/invalidate-session'],
  nestjs: ['src/auth/auth.controller.ts:17 secure-logout/logout-callback'],
  fastify: ['src/routes/auth.js:15 secure-logout/no-replayable-session', 'src/routes/auth.js:20 secure-logout/await-logout', 'src/routes/auth.js:20 secure-logout/no-replayable-session'],
  koa: ['src/routes.js:12 secure-logout/await-logout'],
  'react-frontend': [],
};

function eslintFor(dir: string): ESLint {
  return new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never });
}

function ruleCount(messages: Linter.LintMessage[], rule: string | null): number {
  return messages.filter((m) => m.ruleId === rule).length;
}

describe('JS/TS test fixtures through configs.recommended', function () {
  this.timeout(60_000);

  for (const [name, expected] of Object.entries(EXPECTED)) {
    const dir = path.join(FIXTURES, name);

    it(`${name}: reports exactly the README's findings`, async function () {
      const results = await eslintFor(dir).lintFiles(['.']);
      const actual = results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath).split(path.sep).join('/')}:${m.line} ${m.ruleId ?? `fatal: ${m.message}`}`)).sort();
      assert.deepEqual(actual, [...expected].sort());
    });

    if (fs.existsSync(path.join(dir, 'tsconfig.json'))) {
      it(`${name}: the same findings with type information (projectService)`, async function () {
        const typed = [...(plugin.configs.recommended as Linter.Config[]), { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: dir } } }];
        const results = await new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: typed as never }).lintFiles(['.']);
        const actual = results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath).split(path.sep).join('/')}:${m.line} ${m.ruleId ?? `fatal: ${m.message}`}`)).sort();
        assert.deepEqual(actual, [...expected].sort());
      });
    }

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
            assert.equal(again!.messages.filter((m) => m.fatal).length, 0, `${where} does not parse:\n${fixed}`);
            assert.ok(ruleCount(again!.messages, message.ruleId) < ruleCount(result.messages, message.ruleId), `${where} leaves the finding:\n${fixed}`);
          }
        }
      }
    });
  }
});
