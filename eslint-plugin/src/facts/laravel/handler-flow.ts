import { isPhpNode, type PhpNode } from '../../languages/php/php-ast';
import { phpVisitorKeys } from '../../languages/php/visitor-keys';
import { emptyFlow, seq, type Flow } from '../../evaluate/flow';
import { catchesAnything, mayThrowApplicationException } from './exceptions';
import {
  declaredLogoutHelper,
  guestImplication,
  hasSessionTest,
  isAccessTokenExpr,
  isLoginCall,
  isTokenTypeTest,
  logoutCall,
  sessionCall,
  valueKind,
  type HandlerEnv,
  type LaravelLogoutDetail,
} from './calls';
import { booleanValue, methodCall, nodesIn, staticCall, variableName } from './php-syntax';

export interface LogoutFact {
  node: PhpNode;
  detail: LaravelLogoutDetail;
  /** Read in another file while following a call (reported there, not here). */
  foreign?: true;
}

export interface SessionCallFact {
  node: PhpNode;
  method: string;
  /** The session expression the call is made on (`$request->session()`), or null for the `Session` facade. */
  receiver: PhpNode | null;
  guardedByHasSession: boolean;
  foreign?: true;
}

export interface TokenDeleteFact {
  node: PhpNode;
  /** Inside a check of the token's type (`instanceof PersonalAccessToken`, `method_exists`). */
  guarded: boolean;
  foreign?: true;
}

/** Everything a handler body does that the Laravel rules look at, plus its control flow. */
export interface HandlerBody {
  flow: Flow<PhpNode>;
  logouts: LogoutFact[];
  sessionCalls: SessionCallFact[];
  tokenDeletes: TokenDeleteFact[];
}

/** Session methods and what they do to the stored record (see the Laravel facts reference, §3). */
function sessionEffect(method: string, args: PhpNode[]): { destroysOldRecord: boolean; issuesNewId: boolean; rotatesCsrf: boolean } | undefined {
  // A non-literal `$destroy` argument is taken as destroying: no finding without evidence.
  const destroy = args.length === 0 ? false : booleanValue(args[0]) ?? true;
  switch (method) {
    case 'invalidate':
      return { destroysOldRecord: true, issuesNewId: true, rotatesCsrf: false };
    case 'regenerate':
      return { destroysOldRecord: destroy, issuesNewId: true, rotatesCsrf: true };
    case 'migrate':
      return { destroysOldRecord: destroy, issuesNewId: true, rotatesCsrf: false };
    case 'regeneratetoken':
      return { destroysOldRecord: false, issuesNewId: false, rotatesCsrf: true };
    default:
      return undefined;
  }
}

const SHORT_CIRCUIT = new Set(['&&', '||', '??', 'and', 'or']);

/** Calls followed into other methods, one inside the other: deeper than real helper chains, shallow enough for hostile input. */
export const MAX_CALL_DEPTH = 6;
/** Bodies followed for one handler in all: a handler calling everything in the app stays cheap. */
export const MAX_FOLLOWED_BODIES = 48;

/** What the builders of one handler share while following calls into other methods and files. */
interface Walk {
  logouts: LogoutFact[];
  sessionCalls: SessionCallFact[];
  tokenDeletes: TokenDeleteFact[];
  /** Methods being followed (recursion guard). */
  inlining: Set<PhpNode>;
  followed: number;
  /** The scope of the handler's own file: facts read elsewhere are marked foreign. */
  rootScope: HandlerEnv['scope'];
}

/**
 * Builds the flow of one handler body. Calls to `$this->helper()` in the same file are followed;
 * with a call resolver (the project model) so are calls into other classes and files.
 */
export class HandlerFlowBuilder {
  readonly logouts: LogoutFact[];
  readonly sessionCalls: SessionCallFact[];
  readonly tokenDeletes: TokenDeleteFact[];
  #sessionKnown = false;
  #tokenChecked = false;
  /** Guards (null = default) nobody is logged in on here: after `if (Auth::check()) { return … }`, in `if (Auth::guest())`. */
  #guests: readonly (string | null)[] = [];
  readonly #walk: Walk;
  readonly #foreign: boolean;

  constructor(
    private readonly env: HandlerEnv,
    shared?: Walk,
  ) {
    this.#walk = shared ?? { logouts: [], sessionCalls: [], tokenDeletes: [], inlining: new Set(), followed: 0, rootScope: env.scope };
    this.logouts = this.#walk.logouts;
    this.sessionCalls = this.#walk.sessionCalls;
    this.tokenDeletes = this.#walk.tokenDeletes;
    this.#foreign = env.scope !== this.#walk.rootScope;
  }

  build(fn: PhpNode): HandlerBody {
    this.#walk.inlining.add(fn);
    const body = fn['body'] as PhpNode | null;
    const flow = !isPhpNode(body) ? emptyFlow : body.kind === 'block' ? this.statements(body['children']) : this.expression(body);
    return { flow, logouts: this.logouts, sessionCalls: this.sessionCalls, tokenDeletes: this.tokenDeletes };
  }

  statements(list: unknown): Flow<PhpNode> {
    const items: Flow<PhpNode>[] = [];
    const [outerSessionKnown, outerGuests] = [this.#sessionKnown, this.#guests];
    for (const statement of nodesIn(list)) {
      items.push(this.statement(statement));
      const exitsEarly = statement.kind === 'if' && !statement['alternate'] && isPhpNode(statement['test']) && alwaysExits(statement['body'] as PhpNode);
      if (!exitsEarly) continue;
      // `if (! $request->hasSession()) { return …; }`: the rest of the block has a session.
      if (hasSessionTest(this.env, statement['test'] as PhpNode) === 'negative') this.#sessionKnown = true;
      // `if (Auth::check()) { …; return …; }`: nobody is logged in on the rest of the block.
      this.#guests = [...this.#guests, ...guestImplication(this.env, statement['test'] as PhpNode).whenFalse];
    }
    [this.#sessionKnown, this.#guests] = [outerSessionKnown, outerGuests];
    return seq(items);
  }

  statement(node: PhpNode): Flow<PhpNode> {
    if (!isPhpNode(node)) return emptyFlow;
    switch (node.kind) {
      case 'block':
        return this.statements(node['children'] as PhpNode[]);
      case 'expressionstatement':
        return this.expression(node['expression'] as PhpNode);
      case 'return':
        return seq([this.optional(node['expr']), { type: 'exit', kind: 'return', node }]);
      case 'throw':
        return seq([this.optional(node['what']), { type: 'exit', kind: 'throw', node }]);
      case 'if':
        return this.ifStatement(node);
      case 'try': {
        const always = node['always'] as PhpNode | null;
        const catches = nodesIn(node['catches']);
        return {
          type: 'try',
          body: this.statement(node['body'] as PhpNode),
          catches: catches.map((c) => this.statement(c['body'] as PhpNode)),
          catchesAny: catches.map((c) => catchesAnything(this.env, c)),
          finally: always ? this.statement(always) : null,
        };
      }
      case 'foreach':
        return seq([this.optional(node['source']), { type: 'loop', body: this.optional(node['body']) }]);
      case 'for':
        return seq([...this.list(node['init']), ...this.list(node['test']), { type: 'loop', body: seq([this.optional(node['body']), ...this.list(node['increment'])]) }]);
      case 'while':
        return seq([this.optional(node['test']), { type: 'loop', body: this.optional(node['body']) }]);
      case 'do':
        return seq([this.optional(node['body']), { type: 'loop', body: seq([this.optional(node['test']), this.optional(node['body'])]) }]);
      case 'switch': {
        const body = node['body'] as PhpNode;
        const cases = (body?.['children'] as PhpNode[]) ?? [];
        const arms = cases.map((c) => this.optional(c['body']));
        if (!cases.some((c) => c['test'] === null)) arms.push(emptyFlow);
        return seq([this.optional(node['test']), { type: 'branch', arms }]);
      }
      case 'function':
      case 'class':
      case 'trait':
      case 'interface':
      case 'enum':
        return emptyFlow;
      default:
        return this.children(node);
    }
  }

  ifStatement(node: PhpNode): Flow<PhpNode> {
    const test = node['test'];
    if (!isPhpNode(test)) return seq([this.optional(node['body']), this.optional(node['alternate'])]);
    const session = hasSessionTest(this.env, test);
    const tokenChecked = isTokenTypeTest(test);
    const guests = guestImplication(this.env, test);
    const arm = (branch: unknown, sessionKnown: boolean, guestsHere: (string | null)[]): Flow<PhpNode> => {
      const saved = [this.#sessionKnown, this.#tokenChecked, this.#guests] as const;
      this.#sessionKnown ||= sessionKnown;
      this.#tokenChecked ||= tokenChecked;
      if (guestsHere.length) this.#guests = [...this.#guests, ...guestsHere];
      const flow = this.optional(branch);
      [this.#sessionKnown, this.#tokenChecked, this.#guests] = saved;
      return flow;
    };
    let thenFlow = arm(node['body'], session === 'positive', guests.whenTrue);
    let elseFlow = arm(node['alternate'], session === 'negative', guests.whenFalse);
    if (session === 'positive') elseFlow = seq([{ type: 'event', event: { type: 'no-session' } }, elseFlow]);
    if (session === 'negative') thenFlow = seq([{ type: 'event', event: { type: 'no-session' } }, thenFlow]);
    return seq([this.expression(test), { type: 'branch', arms: [thenFlow, elseFlow] }]);
  }

  optional(node: unknown): Flow<PhpNode> {
    if (!isPhpNode(node)) return emptyFlow;
    return isStatement(node) ? this.statement(node) : this.expression(node);
  }

  list(nodes: unknown): Flow<PhpNode>[] {
    return Array.isArray(nodes) ? nodes.map((n) => this.optional(n)) : [];
  }

  children(node: PhpNode): Flow<PhpNode> {
    const items: Flow<PhpNode>[] = [];
    for (const key of phpVisitorKeys[node.kind] ?? []) {
      const value = node[key];
      if (Array.isArray(value)) for (const item of value) items.push(this.optional(item));
      else items.push(this.optional(value));
    }
    return seq(items);
  }

  expression(node: PhpNode): Flow<PhpNode> {
    // Error recovery leaves holes where a half-typed expression was.
    if (!isPhpNode(node)) return emptyFlow;
    switch (node.kind) {
      case 'closure':
      case 'arrowfunc': {
        // A closure passed along (transaction, tap, …) is assumed to run where it stands.
        const body = node['body'];
        if (!isPhpNode(body)) return emptyFlow;
        return { type: 'scope', body: body.kind === 'block' ? this.statements(body['children']) : this.expression(body) };
      }
      case 'retif':
        return seq([
          this.expression(node['test'] as PhpNode),
          { type: 'branch', arms: [this.optional(node['trueExpr']), this.optional(node['falseExpr'])] },
        ]);
      case 'bin':
        if (SHORT_CIRCUIT.has(node['type'] as string)) {
          return seq([this.expression(node['left'] as PhpNode), { type: 'branch', arms: [this.expression(node['right'] as PhpNode), emptyFlow] }]);
        }
        return this.children(node);
      case 'match':
        return seq([
          this.optional(node['cond']),
          { type: 'branch', arms: ((node['arms'] as PhpNode[]) ?? []).map((a) => this.optional(a['body'])) },
        ]);
      case 'exit':
        return seq([this.optional(node['expression']), { type: 'exit', kind: 'return', node }]);
      case 'assign': {
        const flow = this.expression(node['right'] as PhpNode);
        const name = variableName(node['left'] as PhpNode);
        if (name) {
          const kind = valueKind(this.env, node['right'] as PhpNode);
          if (kind) this.env.vars.set(name, kind);
          else this.env.vars.delete(name);
        }
        return flow;
      }
      case 'call':
        return this.#callChain(node);
      default:
        return this.children(node);
    }
  }

  /**
   * `a()->b()->c()…`: each call's receiver is the previous call. Walked as a loop, innermost
   * first, so a fluent chain of any length does not recurse once per link.
   */
  #callChain(outer: PhpNode): Flow<PhpNode> {
    const chain: PhpNode[] = [outer];
    for (let lookup = outer['what'] as PhpNode; isPhpNode(lookup) && LOOKUP_KINDS.has(lookup.kind) && isPhpNode(lookup['what']) && (lookup['what'] as PhpNode).kind === 'call'; ) {
      const call = lookup['what'] as PhpNode;
      chain.push(call);
      lookup = call['what'] as PhpNode;
    }
    const items: Flow<PhpNode>[] = [];
    for (let i = chain.length - 1; i >= 0; i--) {
      const call = chain[i]!;
      const what = call['what'] as PhpNode;
      // The innermost receiver is walked whole; an outer one only past its inner call.
      if (i === chain.length - 1) items.push(this.optional(what));
      else for (const key of (phpVisitorKeys[what.kind] ?? []).filter((k) => k !== 'what')) items.push(...this.list([what[key]].flat()));
      items.push(...this.list(call['arguments']), this.call(call));
    }
    return seq(items);
  }

  call(node: PhpNode): Flow<PhpNode> {
    const foreign = this.#foreign ? ({ foreign: true } as const) : {};
    const logout = logoutCall(this.env, node);
    if (logout) {
      this.logouts.push({ node, detail: logout, ...foreign });
      // Nobody is logged in on this guard here: the call ends no session login (logout-guard still judges it).
      if (logout.form !== 'stateful-guard' && this.#guests.includes(logout.guard)) return emptyFlow;
      return { type: 'event', event: { type: 'logout', node, detail: logout } };
    }
    const session = sessionCall(this.env, node);
    if (session) {
      this.sessionCalls.push({ node, method: session.method, receiver: session.receiver, guardedByHasSession: this.#sessionKnown, ...foreign });
      const effect = sessionEffect(session.method, session.args);
      return effect ? { type: 'event', event: { type: 'session-effect', node, ...effect } } : emptyFlow;
    }
    const method = methodCall(node);
    if (method?.method === 'delete' && isAccessTokenExpr(this.env, method.object)) {
      this.tokenDeletes.push({ node, guarded: this.#tokenChecked, ...foreign });
      return emptyFlow;
    }
    if (isLoginCall(this.env, node)) return { type: 'event', event: { type: 'login' } };
    const declared = declaredLogoutHelper(this.env, node);
    if (declared) return this.#declaredHelper(node, declared.completes, foreign);
    const helper = this.#inlineHelper(node);
    if (helper) return helper;
    return mayThrowApplicationException(this.env, node) ? { type: 'event', event: { type: 'may-throw' } } : emptyFlow;
  }

  /**
   * A logout helper declared in settings, judged as declared (its body is not read): one that
   * completes the logout ends the session (invalidation and CSRF rotation); else it is a logout
   * of an unnamed session guard, which what follows must complete.
   */
  #declaredHelper(node: PhpNode, completes: boolean, foreign: { foreign?: true }): Flow<PhpNode> {
    if (completes) return { type: 'event', event: { type: 'session-effect', node, destroysOldRecord: true, issuesNewId: true, rotatesCsrf: true } };
    const detail: LaravelLogoutDetail = { guard: '?', form: 'declared-helper', method: 'logout' };
    this.logouts.push({ node, detail, ...foreign });
    return { type: 'event', event: { type: 'logout', node, detail } };
  }

  /**
   * The body of the method a call reaches, as a scope: `$this->helper()`, `self::` / `static::`
   * in this file, and with a resolver calls into other classes and files (late-bound `$this`,
   * parents, traits, injected services, `app(X::class)`, container bindings).
   */
  #inlineHelper(node: PhpNode): Flow<PhpNode> | undefined {
    const target = this.#resolve(node);
    if (!target || this.#walk.inlining.has(target.fn) || this.#walk.inlining.size > MAX_CALL_DEPTH) return undefined;
    const body = target.fn['body'] as PhpNode | null;
    if (!isPhpNode(body) || body.kind !== 'block') return undefined;
    if (target.relevant === false) return emptyFlow;
    if (this.#walk.followed >= MAX_FOLLOWED_BODIES) return undefined;
    this.#walk.followed++;
    const builder = target.env === this.env ? this : new HandlerFlowBuilder(target.env, this.#walk);
    builder.#sessionKnown = this.#sessionKnown;
    builder.#tokenChecked = this.#tokenChecked;
    builder.#guests = this.#guests;
    this.#walk.inlining.add(target.fn);
    const flow: Flow<PhpNode> = { type: 'scope', body: builder.statements(body['children'] as PhpNode[]) };
    this.#walk.inlining.delete(target.fn);
    return flow;
  }

  #resolve(node: PhpNode): { env: HandlerEnv; fn: PhpNode; relevant?: boolean } | undefined {
    const cls = this.env.cls;
    const method = methodCall(node);
    const st = staticCall(node);
    const local = method && variableName(method.object) === 'this' ? method.method : st && ['self', 'static'].includes(st.className) ? st.method : undefined;
    // Late binding first: a child's override wins over the method declared next to the caller.
    const resolved = this.env.calls?.resolve(this.env, node);
    if (resolved) return resolved;
    if (!local || !cls) return undefined;
    const found = this.env.scope.findMethod(cls, local);
    return found ? { env: this.env, fn: found.method } : undefined;
  }
}

const LOOKUP_KINDS = new Set(['propertylookup', 'nullsafepropertylookup', 'staticlookup']);

const STATEMENT_KINDS = new Set([
  'block', 'expressionstatement', 'return', 'throw', 'if', 'try', 'foreach', 'for', 'while', 'do', 'switch', 'echo',
  'unset', 'global', 'static', 'inline', 'break', 'continue', 'goto', 'label', 'function', 'class', 'trait',
  'interface', 'enum', 'usegroup', 'declare', 'namespace', 'noop',
]);

function isStatement(node: PhpNode): boolean {
  return STATEMENT_KINDS.has(node.kind);
}

function alwaysExits(node: PhpNode | undefined): boolean {
  if (!node) return false;
  if (node.kind === 'return' || node.kind === 'throw') return true;
  // Error recovery can leave a statement without its expression (`{ r` at the end of the file).
  if (node.kind === 'expressionstatement') return (node['expression'] as PhpNode | undefined)?.kind === 'exit';
  if (node.kind === 'block') {
    const children = node['children'] as PhpNode[];
    return children.length > 0 && alwaysExits(children[children.length - 1]);
  }
  return false;
}
