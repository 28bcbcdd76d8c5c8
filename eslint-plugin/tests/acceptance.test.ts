import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import plugin = require('../src/index');
import { SHARED_ACCEPTANCE_CASES, sharedAcceptance } from '../../scripts/test-support/environment';
import { requireOrSkip } from '../../scripts/test-support/requirements';

/**
 * The independent acceptance suite (../shared/acceptance) lives beside the repository, never
 * inside it: every case runs through `configs.recommended` and must match `expected.json` exactly.
 */
const CASES_DIR = SHARED_ACCEPTANCE_CASES;

interface Finding {
  file: string;
  line: number;
  rule: string;
}

/** Cases that need what is not built yet, each with the issue that delivers it. Keep this list short and honest. */
const EXPECTED_FAILURES: Record<string, string> = {
};

function key(f: Finding): string {
  return `${f.file}:${f.line} ${f.rule}`;
}

async function lintCase(caseDir: string): Promise<Finding[]> {
  const eslint = new ESLint({ cwd: caseDir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never, ignorePatterns: ['expected.json'], errorOnUnmatchedPattern: false });
  const results = await eslint.lintFiles(['.']);
  return results
    .flatMap((r) => r.messages.map((m) => ({ file: path.relative(caseDir, r.filePath).split(path.sep).join('/'), line: m.line, rule: m.ruleId ?? `fatal: ${m.message}` })))
    .sort((a, b) => key(a).localeCompare(key(b)));
}

describe('acceptance suite (../shared/acceptance)', function () {
  this.timeout(120_000);
  if (!sharedAcceptance.present()) {
    it('runs every case of the shared suite', function () {
      // The suite is shared beside the repository (CI always has it); it must never be copied in.
      requireOrSkip(this, sharedAcceptance.need, false, sharedAcceptance.enable);
    });
    return;
  }

  const cases = fs.readdirSync(CASES_DIR).filter((name) => fs.existsSync(path.join(CASES_DIR, name, 'expected.json'))).sort();
  let exact = 0;
  let expectedFailures = 0;

  after(function () {
    console.log(`\n    acceptance: ${exact}/${cases.length} cases exact, ${expectedFailures} listed as expected failures`);
  });

  for (const name of cases) {
    const caseDir = path.join(CASES_DIR, name);
    const expected = (JSON.parse(fs.readFileSync(path.join(caseDir, 'expected.json'), 'utf8')) as { findings: Finding[] }).findings
      .map((f) => ({ file: f.file, line: f.line, rule: f.rule }))
      .sort((a, b) => key(a).localeCompare(key(b)));
    const pending = EXPECTED_FAILURES[name];

    it(`${name}${pending ? ` (expected failure: ${pending})` : ''}`, async function () {
      const actual = await lintCase(caseDir);
      const matches = JSON.stringify(actual.map(key)) === JSON.stringify(expected.map(key));
      if (pending) {
        expectedFailures++;
        assert.ok(!matches, `${name} passes now: remove it from EXPECTED_FAILURES`);
        return;
      }
      assert.deepEqual(actual.map(key), expected.map(key));
      exact++;
    });
  }
});
