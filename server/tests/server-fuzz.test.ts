import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { fuzzSeeds } from '../../scripts/fuzz/corpus';
import { fuzzInputs } from '../../scripts/fuzz/mutate';
import { saveFailures } from '../../scripts/fuzz/run-plugin';
import { fuzzServer } from '../../scripts/fuzz/run-server';

/**
 * Mutated fixture and acceptance handlers typed into open documents of the running server over
 * stdio: each version gets its diagnostics, and a hover and a code-action request at a random
 * position are answered, all within 5 s. Zero crashes, zero hangs, every request answered.
 */
const INPUTS = 300;
const SEED = 20261205;

describe('fuzz: the server answers every request', function () {
  this.timeout(240_000);

  it(`${INPUTS} mutated documents over stdio, seed ${SEED}`, async function () {
    const report = await fuzzServer(fuzzInputs(fuzzSeeds(), INPUTS, SEED), SEED);
    const failures = saveFailures(report, path.join(os.tmpdir(), 'secure-logout-fuzz', 'npm-test-server'));
    assert.deepEqual(failures, [], 'make each of these a regression input (eslint-plugin/tests/regressions/inputs)');
    assert.equal(report.inputs, INPUTS);
    assert.equal(report.requests, 2 * INPUTS);
    console.log(`      fuzz (server): ${report.inputs} documents, ${report.requests} requests, 0 crashes, 0 hangs, max ${Math.round(report.maxMs)} ms, ${(report.totalMs / 1000).toFixed(1)} s`);
  });
});
