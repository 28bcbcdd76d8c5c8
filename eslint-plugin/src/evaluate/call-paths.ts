/**
 * Judging a logout along the call path from the routed handler (SPEC §2.3, §3): the shared,
 * language-neutral half. A language's project model says who calls a function and which
 * functions are routed; this walks up from the function holding the logout to the entries,
 * bounded in depth and count, and decides across the paths found.
 */

/** One call from `caller` into the next function on the way down to the helper. */
export interface CallEdge<F, C> {
  caller: F;
  call: C;
}

/** An entry (a routed handler, or the top of what is known) and the calls from it down to the helper, entry first. */
export interface CallPath<F, C> {
  entry: F;
  calls: CallEdge<F, C>[];
}

export interface CallGraph<F, C> {
  /** The known calls of `fn` (any file). */
  callersOf(fn: F): CallEdge<F, C>[];
  /** `fn` is a routed handler: the search stops there. */
  isEntry(fn: F): boolean;
  /** Identity of a function across parses (file + position), for the visited set. */
  keyOf(fn: F): string;
}

export interface CallPathLimits {
  /** Calls between the entry and the helper. */
  depth: number;
  /** Paths returned; the search stops once this many were found. */
  paths: number;
}

export const CALL_PATH_LIMITS: CallPathLimits = { depth: 4, paths: 24 };

/**
 * The paths from entries down to `target`. A function that is routed, has no known caller, or
 * sits at the depth bound is an entry: a helper nobody calls is judged on its own body. Each
 * function appears once per path (recursion ends there), and the search is iterative.
 */
export function entryPaths<F, C>(target: F, graph: CallGraph<F, C>, limits: CallPathLimits = CALL_PATH_LIMITS): CallPath<F, C>[] {
  const found: CallPath<F, C>[] = [];
  const stack: { fn: F; calls: CallEdge<F, C>[]; onPath: Set<string> }[] = [{ fn: target, calls: [], onPath: new Set([graph.keyOf(target)]) }];
  while (stack.length > 0 && found.length < limits.paths) {
    const { fn, calls, onPath } = stack.pop()!;
    const callers = graph.isEntry(fn) || calls.length >= limits.depth ? [] : graph.callersOf(fn).filter((edge) => !onPath.has(graph.keyOf(edge.caller)));
    if (callers.length === 0) {
      found.push({ entry: fn, calls });
      continue;
    }
    for (const edge of [...callers].reverse()) {
      stack.push({ fn: edge.caller, calls: [edge, ...calls], onPath: new Set([...onPath, graph.keyOf(edge.caller)]) });
    }
  }
  return found;
}

/** How one logout fared over every path that runs it. */
export interface AcrossPaths<P, V> {
  /** The verdict on the first failing path (the one the finding names). */
  verdict: V;
  /** The first path on which the logout is not completed: its entry and first call are the related locations. */
  path: P;
  /** Every path that runs the logout fails it. */
  onEveryPath: boolean;
  failing: { path: P; verdict: V }[];
}

/**
 * "A helper's logout completed by every caller is clean" (SPEC §2.3): a logout is reported when
 * some path fails it, naming the first such path. `verdictsOf` judges one path (and returns only
 * the failing logouts); `ran` says whether a logout was reached on that path at all.
 */
export function acrossPaths<P, V, K>(paths: readonly P[], verdictsOf: (path: P) => readonly V[], keyOf: (verdict: V) => K, ran: (path: P, key: K) => boolean): Map<K, AcrossPaths<P, V>> {
  const result = new Map<K, AcrossPaths<P, V>>();
  for (const path of paths) {
    for (const verdict of verdictsOf(path)) {
      const key = keyOf(verdict);
      const entry = result.get(key);
      if (entry) entry.failing.push({ path, verdict });
      else result.set(key, { verdict, path, onEveryPath: false, failing: [{ path, verdict }] });
    }
  }
  for (const [key, entry] of result) {
    entry.onEveryPath = paths.filter((p) => ran(p, key)).length === entry.failing.length;
  }
  return result;
}
