/**
 * A framework-neutral model of what a request handler does to the session, in control-flow
 * order. Facts extractors (Laravel, Express, Adonis, …) build it; `evaluateFlow` walks it.
 */

/** A call that ends the authenticated login held in the session. */
export interface LogoutEvent<N = unknown> {
  type: 'logout';
  node: N;
  /** Framework detail the rules need (e.g. the guard a Laravel logout addresses). */
  detail?: unknown;
}

/** A call that changes the server-side session record, described by its effects. */
export interface SessionEffectEvent<N = unknown> {
  type: 'session-effect';
  node: N;
  /** The record under the old id is deleted from the store. */
  destroysOldRecord: boolean;
  /** The client gets a new session id. */
  issuesNewId: boolean;
  /** A fresh CSRF token is put in the session. */
  rotatesCsrf: boolean;
  /**
   * The effect counts wherever the call runs on the path, also before the logout: AdonisJS
   * `session.regenerate()` happens when the response is committed, and express-session's
   * `destroy()` / `regenerate()` remove the old record for good, whatever the logout does after.
   */
  deferred?: boolean;
}

/** Marks a path on which no session exists (e.g. the `else` of `hasSession()`), so nothing is owed. */
export interface NoSessionEvent {
  type: 'no-session';
}

/** A login on the path: a logout before it undid a login attempt inside a login flow, it ended no session. */
export interface LoginEvent {
  type: 'login';
}

/** A call that may throw an application exception (not a framework auth or session call). */
export interface MayThrowEvent {
  type: 'may-throw';
}

export type FlowEvent<N = unknown> = LogoutEvent<N> | SessionEffectEvent<N> | NoSessionEvent | LoginEvent | MayThrowEvent;

export type Flow<N = unknown> =
  | { type: 'seq'; items: Flow<N>[] }
  | { type: 'event'; event: FlowEvent<N> }
  /** Exactly one arm runs. */
  | { type: 'branch'; arms: Flow<N>[] }
  /** Ends the handler (return, throw, exit). */
  | { type: 'exit'; kind: 'return' | 'throw'; node: N | null }
  /**
   * `catchesAny[i]` false: catch `i` names only specific exceptions, so it is entered only where
   * something may throw them (a `may-throw` event, a `throw`); true or absent: from anywhere in the body.
   */
  | { type: 'try'; body: Flow<N>; catches: Flow<N>[]; catchesAny?: boolean[]; finally: Flow<N> | null }
  /** A called function's body: its returns end the call, not the handler. */
  | { type: 'scope'; body: Flow<N> }
  /** Runs zero or more times. */
  | { type: 'loop'; body: Flow<N> };

export const emptyFlow: Flow<never> = { type: 'seq', items: [] };

/** Nested sequences longer than this stay nested: splicing them at every level of deeply nested code is quadratic. */
const FLATTEN_UP_TO = 32;

export function seq<N>(items: Flow<N>[]): Flow<N> {
  const flat = items.flatMap((item) => (item.type === 'seq' && item.items.length <= FLATTEN_UP_TO ? item.items : [item]));
  return flat.length === 1 ? flat[0]! : { type: 'seq', items: flat };
}

/** True when the flow contains at least one event of the given type (cheap pre-check before evaluating). */
export function flowHas<N>(flow: Flow<N>, type: FlowEvent['type']): boolean {
  switch (flow.type) {
    case 'event':
      return flow.event.type === type;
    case 'seq':
      return flow.items.some((item) => flowHas(item, type));
    case 'branch':
      return flow.arms.some((arm) => flowHas(arm, type));
    case 'try':
      return flowHas(flow.body, type) || flow.catches.some((c) => flowHas(c, type)) || (flow.finally !== null && flowHas(flow.finally, type));
    case 'scope':
    case 'loop':
      return flowHas(flow.body, type);
    case 'exit':
      return false;
  }
}
