import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import plugin = require('../../src/index');

export const FIXTURES = path.resolve(__dirname, '../../../test-fixtures');

function eslintFor(dir: string, config: Linter.Config[] = plugin.configs.recommended as Linter.Config[]): ESLint {
  return new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config as never });
}

function ruleCount(messages: Linter.LintMessage[], rule: string | null): number {
  return messages.filter((m) => m.ruleId === rule).length;
}

/** "file:line rule" for every message of a lint run, sorted. */
export async function findingsOf(dir: string, config?: Linter.Config[]): Promise<string[]> {
  const results = await eslintFor(dir, config).lintFiles(['.']);
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath).split(path.sep).join('/')}:${m.line} ${m.ruleId ?? `fatal: ${m.message}`}`)).sort();
}

/**
 * The fixture apps of test-fixtures/ through configs.recommended, as a user runs them: exactly the
 * findings their READMEs list, and every suggestion parses and removes its finding when re-linted.
 */
export function describeFixtureProjects(title: string, expected: Record<string, string[]>, extra?: (name: string, dir: string) => void, base = FIXTURES): void {
  describe(title, function () {
    this.timeout(60_000);

    for (const [name, findings] of Object.entries(expected)) {
      const dir = path.join(base, name);

      it(`${name}: reports exactly the README's findings`, async function () {
        assert.deepEqual(await findingsOf(dir), [...findings].sort());
      });

      extra?.(name, dir);

      it(`${name}: every suggestion parses and removes its finding when re-linted`, async function () {
        const eslint = eslintFor(dir);
        for (const result of await eslint.lintFiles(['.'])) {
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
          // The Laravel model now holds the last re-linted buffer for this file; linting the saved text restores it.
          await eslint.lintText(text, { filePath: result.filePath });
        }
      });
    }
  });
}
