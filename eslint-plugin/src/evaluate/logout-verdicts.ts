import type { LogoutEvent, SessionEffectEvent } from './flow';
import type { PathEnd } from './session-paths';

export type LogoutProblem = 'not-invalidated' | 'csrf-not-rotated' | 'replayable';

/** The verdict for one logout call, over every path through the handler that runs it. */
export interface LogoutVerdict<N> {
  logout: LogoutEvent<N>;
  problem: LogoutProblem;
  /** A path that has the problem (the first found), to name it in the message. */
  failingPath: PathEnd<N>;
  /** Whether every path through the logout has the problem. */
  onEveryPath: boolean;
  /** Some failing path never destroys the old record / never rotates the CSRF token. */
  missingInvalidation: boolean;
  missingCsrfRotation: boolean;
  replayableCalls: SessionEffectEvent<N>[];
}

/**
 * Judges each logout by the paths that run it. One root cause, one finding: a path that
 * re-issues the id without destroying the old record is "replayable", not also "not invalidated".
 */
export function judgeLogouts<N>(paths: readonly PathEnd<N>[]): LogoutVerdict<N>[] {
  const byLogout = new Map<LogoutEvent<N>, { paths: PathEnd<N>[]; failing: { path: PathEnd<N>; problem: LogoutProblem }[] }>();
  for (const path of paths) {
    const { state } = path;
    for (const logout of new Set(state.logouts)) {
      const entry = byLogout.get(logout) ?? { paths: [], failing: [] };
      byLogout.set(logout, entry);
      entry.paths.push(path);
      if (state.noSession) continue;
      if (state.replayableCalls.length > 0) entry.failing.push({ path, problem: 'replayable' });
      else if (!state.oldRecordDestroyed) entry.failing.push({ path, problem: 'not-invalidated' });
      else if (!state.csrfRotated) entry.failing.push({ path, problem: 'csrf-not-rotated' });
    }
  }
  const verdicts: LogoutVerdict<N>[] = [];
  for (const [logout, { paths: through, failing }] of byLogout) {
    if (failing.length === 0) continue;
    const order: LogoutProblem[] = ['replayable', 'not-invalidated', 'csrf-not-rotated'];
    const problem = order.find((p) => failing.some((f) => f.problem === p))!;
    const first = failing.find((f) => f.problem === problem)!;
    verdicts.push({
      logout,
      problem,
      failingPath: first.path,
      onEveryPath: failing.length === through.length,
      missingInvalidation: failing.some((f) => !f.path.state.oldRecordDestroyed),
      missingCsrfRotation: failing.some((f) => !f.path.state.csrfRotated),
      replayableCalls: [...new Set(failing.flatMap((f) => f.path.state.replayableCalls))],
    });
  }
  return verdicts;
}
