import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { fuzzSeeds } from '../../scripts/fuzz/corpus';
import { fuzzInputs } from '../../scripts/fuzz/mutate';
import { fuzzPlugin, saveFailures } from '../../scripts/fuzz/run-plugin';

/**
 * 2,000 deterministic mutations of the fixture and acceptance handlers (truncations, token
 * deletion and duplication, random bytes, invalid UTF-8, NUL, BOM, CRLF, deep nesting,
 * half-typed attributes, long chains, many branches, huge files) through ESLint with
 * configs.recommended inside realistic projects, each in a worker with a 5 s watchdog (stretched
 * when the host is loaded beyond its cores, see hangLimitMs). Zero crashes, zero hangs. The long mode is `npm run fuzz -- --inputs 20000`.
 */
const INPUTS = 2_000;
const SEED = 20261204;

describe('fuzz: the plugin never crashes or hangs', function () {
  this.timeout(240_000);

  it(`${INPUTS} mutated inputs, seed ${SEED}`, async function () {
    const seeds = fuzzSeeds();
    assert.ok(seeds.length >= 20, `${seeds.length} seed files`);
    const report = await fuzzPlugin(fuzzInputs(seeds, INPUTS, SEED));
    const failures = saveFailures(report, path.join(os.tmpdir(), 'secure-logout-fuzz', 'npm-test'));
    assert.equal(report.inputs, INPUTS);
    assert.deepEqual(failures, [], 'make each of these a regression input (eslint-plugin/tests/regressions/inputs)');
    console.log(`      fuzz (plugin): ${report.inputs} inputs, 0 crashes, 0 hangs, ${report.slow.length} over 1 s, max ${Math.round(report.maxMs)} ms, ${(report.totalMs / 1000).toFixed(1)} s`);
  });
});
