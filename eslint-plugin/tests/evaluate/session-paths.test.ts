import * as assert from 'node:assert/strict';
import { seq, type Flow, type FlowEvent } from '../../src/evaluate/flow';
import { evaluateFlow } from '../../src/evaluate/session-paths';
import { judgeLogouts } from '../../src/evaluate/logout-verdicts';

const logout = (node: string): Flow<string> => ({ type: 'event', event: { type: 'logout', node } });
const effect = (node: string, destroysOldRecord: boolean, issuesNewId: boolean, rotatesCsrf: boolean): Flow<string> => ({
  type: 'event',
  event: { type: 'session-effect', node, destroysOldRecord, issuesNewId, rotatesCsrf } as FlowEvent<string>,
});
const invalidate = (node: string) => seq([effect(node, true, true, false), effect(`${node}-token`, false, false, true)]);
const branch = (...arms: Flow<string>[]): Flow<string> => ({ type: 'branch', arms });
const nothing: Flow<string> = { type: 'seq', items: [] };

function verdicts(flow: Flow<string>) {
  return judgeLogouts(evaluateFlow(flow)).map((v) => ({ logout: v.logout.node, problem: v.problem, onEveryPath: v.onEveryPath }));
}

describe('evaluate: merged path states', function () {
  it('a logout that is invalidated on some paths only is reported as not on every path', function () {
    assert.deepEqual(verdicts(seq([logout('A'), branch(invalidate('i'), nothing)])), [{ logout: 'A', problem: 'not-invalidated', onEveryPath: false }]);
  });

  it('a logout invalidated on every path is not reported, whatever other branches do', function () {
    assert.deepEqual(verdicts(seq([branch(logout('A'), nothing), branch(logout('B'), nothing), invalidate('i')])), []);
  });

  it('a replayable regenerate on one arm is named, the destroying one on the other is not', function () {
    const flow = seq([logout('A'), branch(effect('regenerate', false, true, true), effect('regenerate-true', true, true, true))]);
    const [verdict] = judgeLogouts(evaluateFlow(flow));
    assert.equal(verdict?.problem, 'replayable');
    assert.deepEqual(verdict?.replayableCalls.map((c) => c.node), ['regenerate']);
    assert.equal(verdict?.onEveryPath, false);
  });

  it('stays linear in sequential branches: 400 if/else around logouts', function () {
    // Path enumeration would need 2^400 paths; merged states are a handful per step.
    const items: Flow<string>[] = [];
    for (let i = 0; i < 400; i++) items.push(branch(logout(`L${i}`), invalidate(`I${i}`)));
    const started = performance.now();
    const result = verdicts(seq(items));
    assert.ok(performance.now() - started < 2_000, `${Math.round(performance.now() - started)} ms`);
    // Every logout except the last can be followed by an invalidating arm; none is invalidated on every path.
    // Nothing follows the last one: an invalidation before a logout is not after it (SPEC §2.2), so it fails on every path.
    assert.equal(result.length, 400);
    assert.ok(result.every((v) => v.problem === 'not-invalidated'));
    assert.deepEqual(result.filter((v) => v.onEveryPath).map((v) => v.logout), ['L399']);
  });

  it('stays linear with returns in every branch', function () {
    const items: Flow<string>[] = [logout('A')];
    for (let i = 0; i < 300; i++) items.push(branch(seq([effect(`r${i}`, false, true, true), { type: 'exit', kind: 'return', node: `ret${i}` }]), nothing));
    const started = performance.now();
    const ends = evaluateFlow(seq(items));
    assert.ok(performance.now() - started < 2_000);
    assert.equal(ends.filter((e) => e.end === 'return').length, 300);
  });
});
