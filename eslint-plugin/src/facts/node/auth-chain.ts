import type { TSESTree } from '@typescript-eslint/utils';
import { calleePath, memberPath, objectProperty, stringList, unwrap, type Node } from './ast';

/**
 * What authenticates a route, as far as it can be read from the source: passport strategies,
 * AdonisJS guards, NestJS `AuthGuard([...])`, and whether a session middleware sits in the chain.
 */
export interface AuthChain {
  /** Auth mechanisms in order (`jwt`, `session`, Adonis guard names, …). */
  mechanisms: string[];
  /** A session middleware (express-session, cookie-session, passport.session()) is in the chain. */
  sessionMiddleware: boolean;
  /** Where the chain was read from (for messages). */
  description: string;
}

/** Strategy and guard names that authenticate by a token in the request, never by the session cookie. */
const TOKEN_MECHANISM = /jwt|bearer|token|api[-_]?key|basic|oauth2-client|hmac|^api$/i;

export function isTokenMechanism(name: string): boolean {
  return TOKEN_MECHANISM.test(name) && !/session/i.test(name);
}

/**
 * Token-only chains (SPEC §3): every mechanism is a token one and no session middleware is in
 * the chain. A logout there owes no session invalidation.
 */
export function isTokenOnly(chain: AuthChain | null): boolean {
  return !!chain && chain.mechanisms.length > 0 && chain.mechanisms.every(isTokenMechanism) && !chain.sessionMiddleware;
}

export function emptyChain(description: string): AuthChain {
  return { mechanisms: [], sessionMiddleware: false, description };
}

export function mergeChains(chains: AuthChain[], description: string): AuthChain {
  return {
    mechanisms: chains.flatMap((c) => c.mechanisms),
    sessionMiddleware: chains.some((c) => c.sessionMiddleware),
    description,
  };
}

/**
 * Reads one middleware expression (already resolved to its definition where it was a name):
 * `passport.authenticate(['jwt','session'], …)`, `fastifyPassport.authenticate('bearer')`,
 * `fastify.auth([fastify.verifyJWT, …])`, `session({...})`, `passport.session()`, arrays.
 */
export function chainOfMiddleware(node: Node, resolve: (name: Node) => Node | null, depth = 0): AuthChain {
  const chain = emptyChain('');
  if (depth > 4) return chain;
  const n = unwrap(node);
  if (n.type === 'ArrayExpression') {
    return mergeChains(n.elements.filter((e): e is TSESTree.Expression => !!e && e.type !== 'SpreadElement').map((e) => chainOfMiddleware(e, resolve, depth + 1)), '');
  }
  if (n.type === 'Identifier' || n.type === 'MemberExpression') {
    const target = resolve(n);
    if (target && target !== n) return chainOfMiddleware(target, resolve, depth + 1);
    const path = memberPath(n);
    const last = path?.[path.length - 1] ?? '';
    // `fastify.verifyJWT`, `requireJwt`, `ensureSession`: the name is all we have.
    if (/jwt|bearer|token|apikey/i.test(last)) chain.mechanisms.push(last);
    else if (/session|cookie/i.test(last)) chain.mechanisms.push('session');
    return chain;
  }
  if (n.type !== 'CallExpression') return chain;
  const callee = calleePath(n) ?? [];
  const method = callee[callee.length - 1];
  if (method === 'authenticate' && callee.length >= 2) {
    chain.mechanisms.push(...(stringList(n.arguments[0]) ?? ['unknown']));
  } else if (method === 'auth' && n.arguments[0] && unwrap(n.arguments[0]).type === 'ArrayExpression' && callee.length >= 2) {
    // @fastify/auth: the authenticators are functions; their names tell token from session.
    return mergeChains([chainOfMiddleware(n.arguments[0], resolve, depth + 1)], '');
  } else if (method === 'session' && callee.length >= 2) {
    // passport.session() = authenticate('session')
    chain.mechanisms.push('session');
    chain.sessionMiddleware = true;
  } else if (callee.length === 1 && /^(session|expressSession|cookieSession|koaSession|fastifySession)$/.test(method ?? '')) {
    chain.sessionMiddleware = true;
  } else if (method === 'AuthGuard' || (method === 'auth' && callee[0] === 'middleware')) {
    const guards = method === 'AuthGuard' ? stringList(n.arguments[0]) : stringList(objectProperty(n.arguments[0], 'guards'));
    chain.mechanisms.push(...(guards ?? (method === 'AuthGuard' ? ['unknown'] : ['default'])));
  }
  return chain;
}
