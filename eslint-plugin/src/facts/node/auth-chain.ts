import type { TSESTree } from '@typescript-eslint/utils';
import { calleePath, isFunction, memberPath, objectProperty, propertyName, stringList, unwrap, walk, type FunctionNode, type Node } from './ast';

/**
 * What authenticates a route, as far as it can be read from the source: passport strategies,
 * AdonisJS guards, NestJS `AuthGuard([...])`, and whether a session middleware sits in the chain.
 */
export interface AuthChain {
  /** Auth mechanisms in order (`jwt`, `session`, Adonis guard names, …). */
  mechanisms: string[];
  /** One entry per auth middleware that rejects unauthenticated requests: the mechanisms it accepts. */
  gates: string[][];
  /**
   * A session middleware (express-session, cookie-session, passport.session()) is in the chain.
   * Kept to explain a chain; whether a route is token-only is decided by its gates.
   */
  sessionMiddleware: boolean;
}

/** Strategy and guard names that authenticate by a token in the request, never by the session cookie. */
const TOKEN_MECHANISM = /jwt|bearer|token|api[-_]?key|basic|oauth2-client|hmac|^api$/i;

export function isTokenMechanism(name: string): boolean {
  return TOKEN_MECHANISM.test(name) && !/session/i.test(name);
}

/**
 * Token-only routes (SPEC §3): some gate on the way to the handler accepts token mechanisms
 * only (`passport.authenticate('jwt')`, `AuthGuard('jwt')`, `fastify.auth([verifyJWT])`), so
 * every request that reaches it was authenticated by a token and carries no session login to
 * end. A globally mounted express-session does not change that: a cookie-only user is
 * rejected by the gate. A logout there owes no session invalidation.
 */
export function isTokenOnly(chain: AuthChain | null): boolean {
  return !!chain && chain.gates.some((gate) => gate.length > 0 && gate.every(isTokenMechanism));
}

export function emptyChain(): AuthChain {
  return { mechanisms: [], gates: [], sessionMiddleware: false };
}

export function mergeChains(chains: AuthChain[]): AuthChain {
  return {
    mechanisms: chains.flatMap((c) => c.mechanisms),
    gates: chains.flatMap((c) => c.gates),
    sessionMiddleware: chains.some((c) => c.sessionMiddleware),
  };
}

/**
 * Reads one middleware expression (already resolved to its definition where it was a name):
 * `passport.authenticate(['jwt','session'], …)`, `fastifyPassport.authenticate('bearer')`,
 * `fastify.auth([fastify.verifyJWT, …])`, `session({...})`, `passport.session()`, arrays.
 */
export function chainOfMiddleware(node: Node, resolve: (name: Node) => Node | null, depth = 0): AuthChain {
  const chain = emptyChain();
  if (depth > 4) return chain;
  const n = unwrap(node);
  if (n.type === 'ArrayExpression') {
    return mergeChains(n.elements.filter((e): e is TSESTree.Expression => !!e && e.type !== 'SpreadElement').map((e) => chainOfMiddleware(e, resolve, depth + 1)));
  }
  if (isFunction(n)) return handWrittenChain(n);
  if (n.type === 'Identifier' || n.type === 'MemberExpression') {
    const target = resolve(n);
    if (target && target !== n) return chainOfMiddleware(target, resolve, depth + 1);
    const path = memberPath(n);
    const last = path?.[path.length - 1] ?? '';
    // `fastify.verifyJWT`, `requireJwt`, `ensureSession`: the name is all we have.
    if (/jwt|bearer|token|apikey/i.test(last)) {
      chain.mechanisms.push(last);
      chain.gates.push([last]);
    } else if (/session|cookie/i.test(last)) {
      chain.mechanisms.push('session');
    }
    return chain;
  }
  if (n.type !== 'CallExpression') return chain;
  const callee = calleePath(n) ?? [];
  const method = callee[callee.length - 1];
  if (method === 'authenticate' && callee.length >= 2) {
    const strategies = stringList(n.arguments[0]) ?? ['unknown'];
    chain.mechanisms.push(...strategies);
    // passport.authenticate('session') never rejects: it only restores a login.
    if (!(strategies.length === 1 && strategies[0] === 'session')) chain.gates.push(strategies);
  } else if (method === 'auth' && n.arguments[0] && unwrap(n.arguments[0]).type === 'ArrayExpression' && callee.length >= 2) {
    // @fastify/auth: the authenticators are functions; their names tell token from session. One gate (relation 'or').
    const inner = chainOfMiddleware(n.arguments[0], resolve, depth + 1);
    return { ...inner, gates: [inner.mechanisms.length > 0 ? inner.mechanisms : ['unknown']] };
  } else if (method === 'session' && callee.length >= 2) {
    // passport.session() = authenticate('session')
    chain.mechanisms.push('session');
    chain.sessionMiddleware = true;
  } else if (callee.length === 1 && /^(session|expressSession|cookieSession|koaSession|fastifySession)$/.test(method ?? '')) {
    chain.sessionMiddleware = true;
  } else if (method === 'AuthGuard' || (method === 'auth' && callee[0] === 'middleware')) {
    const guards = method === 'AuthGuard' ? stringList(n.arguments[0]) : stringList(objectProperty(n.arguments[0], 'guards'));
    const mechanisms = guards ?? (method === 'AuthGuard' ? ['unknown'] : ['default']);
    chain.mechanisms.push(...mechanisms);
    chain.gates.push(mechanisms);
  }
  return chain;
}

/**
 * Hand-written auth middleware (SPEC §3): reading `Authorization: Bearer` makes it a token
 * mechanism, reading `req.session` / `req.isAuthenticated()` a session one. It counts as a gate
 * only when it visibly rejects (401/403, "Unauthorized"): an optional token parser lets cookie
 * users through.
 */
function handWrittenChain(fn: FunctionNode): AuthChain {
  let token = false;
  let session = false;
  let rejects = false;
  walk(fn.body, (node) => {
    if (node.type === 'MemberExpression') {
      const name = propertyName(node);
      if (name && /^authorization$/i.test(name)) token = true;
      if (name === 'session' || name === 'isAuthenticated') session = true;
    } else if (node.type === 'Literal') {
      if (typeof node.value === 'string' && /^(authorization|bearer\b)/i.test(node.value)) token = true;
      if (typeof node.value === 'string' && /unauthori[sz]ed/i.test(node.value)) rejects = true;
      if (node.value === 401 || node.value === 403) rejects = true;
    } else if (node.type === 'Identifier' && /unauthori[sz]ed/i.test(node.name)) {
      rejects = true;
    }
    return undefined;
  });
  const mechanisms = [...(token ? ['bearer'] : []), ...(session ? ['session'] : [])];
  return { mechanisms, gates: rejects && mechanisms.length > 0 ? [mechanisms] : [], sessionMiddleware: false };
}
