import type { Flow, FlowEvent, LogoutEvent, SessionEffectEvent } from './flow';

/** What one path through a handler did to the session, from its start to where it ends. */
export interface PathState<N> {
  logouts: readonly LogoutEvent<N>[];
  /** The old session record was destroyed (at any point: the store is written after the handler). */
  oldRecordDestroyed: boolean;
  /** The last call that destroyed the old record. */
  destroyedBy: SessionEffectEvent<N> | null;
  csrfRotated: boolean;
  /** Calls that issued a new id while the old record (still holding the login) survived. */
  replayableCalls: readonly SessionEffectEvent<N>[];
  /** The path runs without a session, so no invalidation is owed. */
  noSession: boolean;
  /** A login ran on the path: a later logout undoes it inside a login flow (SPEC §2.3), it ends no session. */
  loggedIn: boolean;
}

export interface PathEnd<N> {
  state: PathState<N>;
  end: 'return' | 'throw' | 'end';
  /** The return/throw that ends the path, or null when the handler body runs to its end. */
  exitNode: N | null;
}

export interface EvaluateOptions<N> {
  /** Which logout events count as ending a session login on this route (context-dependent). */
  countsAsLogout?: (event: LogoutEvent<N>) => boolean;
}

/** Distinct destroying calls told apart per outcome (see `#keysOf`). */
const MAX_DESTROYERS = 8;

const initialState: PathState<never> = {
  logouts: [],
  oldRecordDestroyed: false,
  destroyedBy: null,
  csrfRotated: false,
  replayableCalls: [],
  noSession: false,
  loggedIn: false,
};

interface RunResult<N> {
  fall: PathState<N>[];
  exits: PathEnd<N>[];
}

/**
 * The distinct session outcomes of the paths through a handler. Paths are not enumerated: after
 * each step, states that agree on everything that decides the future (what was destroyed, rotated,
 * made replayable, whether a session exists) are merged into one state carrying the union of their
 * logouts and replayable calls. A logout's verdict only asks "does every / some path through it
 * fail?", which the merged states answer exactly, and the number of states stays bounded by the
 * number of destroying calls — linear in the handler, however many branches follow each other.
 */
export function evaluateFlow<N>(flow: Flow<N>, options: EvaluateOptions<N> = {}): PathEnd<N>[] {
  const evaluator = new FlowEvaluator<N>(options.countsAsLogout ?? (() => true));
  const result = evaluator.run(flow, [initialState as PathState<N>]);
  return [...result.exits, ...result.fall.map((state) => ({ state, end: 'end' as const, exitNode: null }))];
}

class FlowEvaluator<N> {
  readonly #ids = new Map<unknown, number>();
  /** States at the `may-throw` events of the innermost enclosing try body. */
  #throwPoints: PathState<N>[] | undefined;

  constructor(private readonly countsAsLogout: (event: LogoutEvent<N>) => boolean) {}

  run(flow: Flow<N>, states: PathState<N>[], seen?: PathState<N>[]): RunResult<N> {
    if (states.length === 0) return { fall: [], exits: [] };
    switch (flow.type) {
      case 'event': {
        if (flow.event.type === 'may-throw') {
          if (this.#throwPoints) for (const state of states) this.#throwPoints.push(state);
          return { fall: states, exits: [] };
        }
        const next = this.#unique(states.map((state) => this.#apply(state, flow.event)));
        if (seen) for (const state of next) seen.push(state);
        return { fall: next, exits: [] };
      }
      case 'seq': {
        let current = states;
        const exits: PathEnd<N>[] = [];
        for (const item of flow.items) {
          const result = this.run(item, current, seen);
          for (const exit of result.exits) exits.push(exit);
          current = result.fall;
          if (current.length === 0) break;
        }
        return { fall: current, exits: this.#uniqueExits(exits) };
      }
      case 'branch': {
        if (flow.arms.length === 0) return { fall: states, exits: [] };
        const results = flow.arms.map((arm) => this.run(arm, states, seen));
        return { fall: this.#unique(results.flatMap((r) => r.fall)), exits: this.#uniqueExits(results.flatMap((r) => r.exits)) };
      }
      case 'exit':
        return { fall: [], exits: states.map((state) => ({ state, end: flow.kind, exitNode: flow.node })) };
      case 'loop': {
        const body = this.run(flow.body, states, seen);
        return { fall: this.#unique([...states, ...body.fall]), exits: body.exits };
      }
      case 'scope': {
        const body = this.run(flow.body, states, seen);
        const returned = body.exits.filter((e) => e.end === 'return').map((e) => e.state);
        return { fall: this.#unique([...body.fall, ...returned]), exits: body.exits.filter((e) => e.end === 'throw') };
      }
      case 'try':
        return this.#runTry(flow, states, seen);
    }
  }

  #runTry(flow: Extract<Flow<N>, { type: 'try' }>, states: PathState<N>[], seen?: PathState<N>[]): RunResult<N> {
    // Any call in the body may throw: a catch can be entered from every intermediate state.
    // A catch of specific exceptions only from where something may throw them (SPEC §2.2).
    const bodySeen: PathState<N>[] = [...states];
    const outerThrowPoints = this.#throwPoints;
    const throwPoints: PathState<N>[] = [...states];
    this.#throwPoints = throwPoints;
    const body = this.run(flow.body, states, bodySeen);
    this.#throwPoints = outerThrowPoints;
    if (outerThrowPoints) for (const state of throwPoints) outerThrowPoints.push(state);
    if (seen) for (const state of this.#unique(bodySeen)) seen.push(state);
    let fall = body.fall;
    let exits = body.exits;
    if (flow.catches.length > 0) {
      const thrown = exits.filter((e) => e.end === 'throw').map((e) => e.state);
      exits = exits.filter((e) => e.end !== 'throw');
      const catchEntry = this.#unique([...bodySeen, ...thrown]);
      const specificEntry = this.#unique([...throwPoints, ...thrown]);
      for (const [index, handler] of flow.catches.entries()) {
        const result = this.run(handler, flow.catchesAny?.[index] === false ? specificEntry : catchEntry, seen);
        fall = [...fall, ...result.fall];
        exits = [...exits, ...result.exits];
      }
      fall = this.#unique(fall);
    }
    if (!flow.finally) return { fall, exits };
    const finallyBlock = flow.finally;
    const afterFall = this.run(finallyBlock, fall, seen);
    const finalExits = [...afterFall.exits];
    for (const exit of exits) {
      const result = this.run(finallyBlock, [exit.state], seen);
      finalExits.push(...result.exits, ...result.fall.map((state) => ({ ...exit, state })));
    }
    return { fall: afterFall.fall, exits: finalExits };
  }

  #apply(state: PathState<N>, event: FlowEvent<N>): PathState<N> {
    switch (event.type) {
      case 'no-session':
        return state.noSession ? state : { ...state, noSession: true };
      case 'logout':
        if (state.loggedIn || !this.countsAsLogout(event)) return state;
        // The old record is owed after the logout (SPEC §2.2): one destroyed before it held no logged-out session.
        // (A CSRF rotation before it still counts: `invalidate()` + `regenerateToken()` in any order, and so does
        // an effect deferred to the response commit, AdonisJS `session.regenerate()`.)
        if (state.destroyedBy?.deferred) return { ...state, logouts: [...state.logouts, event], replayableCalls: [] };
        // Logouts already completed on this path are done: a later logout's debt is not theirs.
        const completed = state.oldRecordDestroyed && state.csrfRotated && state.replayableCalls.length === 0;
        return { ...state, logouts: completed ? [event] : [...state.logouts, event], oldRecordDestroyed: false, destroyedBy: null, replayableCalls: [] };
      case 'login':
        // Logouts before it undid a login attempt, logouts after it undo this login (SPEC §2.3): neither ends a session.
        return state.loggedIn && state.logouts.length === 0 ? state : { ...state, logouts: [], replayableCalls: [], loggedIn: true };
      case 'may-throw':
        return state;
      case 'session-effect': {
        // A new id issued before the logout is not "after the logout" (SPEC §2.2): only later ones make it replayable.
        const replayable = event.issuesNewId && !event.destroysOldRecord && !state.oldRecordDestroyed && state.logouts.length > 0;
        return {
          ...state,
          oldRecordDestroyed: state.oldRecordDestroyed || event.destroysOldRecord,
          destroyedBy: event.destroysOldRecord ? event : state.destroyedBy,
          csrfRotated: state.csrfRotated || event.rotatesCsrf,
          replayableCalls: replayable ? [...state.replayableCalls, event] : state.replayableCalls,
        };
      }
    }
  }

  #id(value: unknown): number {
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.#ids.size;
      this.#ids.set(value, id);
    }
    return id;
  }

  /** Merges states whose futures are the same (see `evaluateFlow`). */
  #unique(states: PathState<N>[]): PathState<N>[] {
    if (states.length < 2) return states;
    const byKey = new Map<string, PathState<N>>();
    const keys = this.#keysOf(states.map((state) => ({ state, prefix: '' })));
    states.forEach((state, i) => {
      const known = byKey.get(keys[i]!);
      byKey.set(keys[i]!, known ? merge(known, state) : state);
    });
    return [...byKey.values()];
  }

  /** Exits at the same return/throw merge like states. */
  #uniqueExits(exits: PathEnd<N>[]): PathEnd<N>[] {
    if (exits.length < 2) return exits;
    const byKey = new Map<string, PathEnd<N>>();
    const keys = this.#keysOf(exits.map((exit) => ({ state: exit.state, prefix: `${exit.end}|${exit.exitNode === null ? '-' : this.#id(exit.exitNode)}` })));
    exits.forEach((exit, i) => {
      const known = byKey.get(keys[i]!);
      byKey.set(keys[i]!, known ? { ...known, state: merge(known.state, exit.state) } : exit);
    });
    return [...byKey.values()];
  }

  /**
   * Merge keys: everything `#apply` reads of a state (whether a logout happened included), and
   * which call destroyed the old record (messages name it) — but only the first
   * MAX_DESTROYERS distinct ones per outcome; states destroyed by further calls share one key, so
   * a long run of branches that each invalidate keeps the state count bounded.
   */
  #keysOf(entries: readonly { state: PathState<N>; prefix: string }[]): string[] {
    const destroyers = new Map<string, Set<unknown>>();
    return entries.map(({ state, prefix }) => {
      const outcome = `${prefix}|${state.oldRecordDestroyed}|${state.csrfRotated}|${state.noSession}|${state.replayableCalls.length > 0}|${state.logouts.length > 0}|${state.loggedIn}`;
      if (!state.destroyedBy) return `-|${outcome}`;
      const seen = destroyers.get(outcome) ?? new Set<unknown>();
      destroyers.set(outcome, seen);
      if (!seen.has(state.destroyedBy) && seen.size >= MAX_DESTROYERS) return `*|${outcome}`;
      seen.add(state.destroyedBy);
      return `${this.#id(state.destroyedBy)}|${outcome}`;
    });
  }
}

function union<T>(a: readonly T[], b: readonly T[]): readonly T[] {
  if (b.length === 0 || a === b) return a;
  if (a.length === 0) return b;
  const seen = new Set(a);
  const added = b.filter((item) => !seen.has(item));
  return added.length === 0 ? a : [...a, ...added];
}

function merge<N>(a: PathState<N>, b: PathState<N>): PathState<N> {
  const logouts = union(a.logouts, b.logouts);
  const replayableCalls = union(a.replayableCalls, b.replayableCalls);
  return logouts === a.logouts && replayableCalls === a.replayableCalls ? a : { ...a, logouts, replayableCalls };
}
