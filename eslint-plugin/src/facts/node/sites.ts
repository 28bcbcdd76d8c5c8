import type { TSESTree } from '@typescript-eslint/utils';
import { calleePath, enclosingStatement, isFunction, memberPath, propertyName, unwrap, walk, type FunctionNode, type Node } from './ast';
import { statementsAfter } from './responses';

/** How a handler gets a name: `(req, res)` binds `req` as a parameter, `({ auth })` destructures it. */
export interface NameBinding {
  fn: FunctionNode;
  kind: 'param' | 'destructured';
  /** Index of the parameter that binds it. */
  index: number;
}

/**
 * The nearest enclosing function whose parameters bind `name`, or whose body takes it from a
 * parameter (SPEC §3, decided 2026-12-04): `const { auth, session } = ctx`, `const auth = ctx.auth`.
 */
export function bindingOf(name: string, from: Node): NameBinding | null {
  let current: Node | undefined = from.parent;
  while (current) {
    if (isFunction(current)) {
      const index = current.params.findIndex((p) => bindsName(p, name) !== null);
      if (index >= 0) return { fn: current, kind: bindsName(current.params[index]!, name)!, index };
      const fromParam = bodyBinding(current, name);
      if (fromParam) return fromParam;
    }
    current = current.parent;
  }
  return null;
}

/** `const { auth } = ctx` / `const auth = ctx.auth` among the top-level statements of `fn`, with `ctx` a parameter. */
function bodyBinding(fn: FunctionNode, name: string): NameBinding | null {
  if (fn.body.type !== 'BlockStatement') return null;
  for (const statement of fn.body.body) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init ? unwrap(declarator.init) : null;
      if (!init) continue;
      const source = init.type === 'Identifier' ? init.name : init.type === 'MemberExpression' ? memberPath(init)?.[0] : undefined;
      if (!source) continue;
      const binds = declarator.id.type === 'Identifier' ? declarator.id.name === name && init.type === 'MemberExpression' : declarator.id.type === 'ObjectPattern' && bindsName(declarator.id, name) !== null;
      if (!binds) continue;
      const index = fn.params.findIndex((p) => bindsName(p, source) === 'param');
      if (index >= 0) return { fn, kind: 'destructured', index };
    }
  }
  return null;
}

function bindsName(param: Node, name: string): 'param' | 'destructured' | null {
  if (param.type === 'Identifier') return param.name === name ? 'param' : null;
  if (param.type === 'AssignmentPattern') return bindsName(param.left, name);
  if (param.type === 'TSParameterProperty') return bindsName(param.parameter, name);
  if (param.type === 'ObjectPattern') {
    for (const prop of param.properties) {
      if (prop.type === 'Property' && bindsName(prop.value, name)) return 'destructured';
    }
  }
  return null;
}

/** `req.logout(...)` / `request.logOut()` / `ctx.logout()` on a handler parameter. */
export interface RequestLogoutSite {
  kind: 'request-logout';
  call: TSESTree.CallExpression;
  receiver: string;
  method: string;
  binding: NameBinding;
}

/** AdonisJS `auth.use('web').logout()` (or `ctx.auth.use()...`). */
export interface AdonisLogoutSite {
  kind: 'adonis-logout';
  call: TSESTree.CallExpression;
  /** Guard named in `use(...)`, or 'default'. */
  guard: string;
  binding: NameBinding;
}

/** `req.session = null` / `delete req.session`. */
export interface SessionUnsetSite {
  kind: 'session-unset';
  node: TSESTree.AssignmentExpression | TSESTree.UnaryExpression;
  receiver: string;
  binding: NameBinding;
}

/** AdonisJS access-token revocation: `User.accessTokens.delete(user, id)`. */
export interface TokenDeleteSite {
  kind: 'token-delete';
  call: TSESTree.CallExpression;
  binding: NameBinding | null;
}

export type LogoutSite = RequestLogoutSite | AdonisLogoutSite | SessionUnsetSite | TokenDeleteSite;

/**
 * Every logout-related site in a module whose receiver is bound by a handler's parameters.
 * Front-end code calls `logout()` on an imported API client, never on a parameter, so it
 * yields nothing here.
 */
export function logoutSites(program: TSESTree.Program): LogoutSite[] {
  const sites: LogoutSite[] = [];
  walk(program, (node) => {
    if (node.type === 'CallExpression') {
      const site = callSite(node);
      if (site) sites.push(site);
    } else if (node.type === 'AssignmentExpression' && node.operator === '=') {
      const value = unwrap(node.right);
      const cleared = (value.type === 'Literal' && value.value === null) || (value.type === 'Identifier' && value.name === 'undefined');
      const target = memberPath(node.left);
      if (cleared && target?.length === 2 && target[1] === 'session') {
        const binding = bindingOf(target[0]!, node);
        if (binding?.kind === 'param') sites.push({ kind: 'session-unset', node, receiver: target[0]!, binding });
      }
    } else if (node.type === 'UnaryExpression' && node.operator === 'delete') {
      const target = memberPath(node.argument);
      if (target?.length === 2 && target[1] === 'session') {
        const binding = bindingOf(target[0]!, node);
        if (binding?.kind === 'param') sites.push({ kind: 'session-unset', node, receiver: target[0]!, binding });
      }
    }
  });
  return sites;
}

function callSite(call: TSESTree.CallExpression): LogoutSite | null {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression') return null;
  const method = propertyName(callee);
  if (method === 'logout' || method === 'logOut') {
    const object = unwrap(callee.object);
    if (object.type === 'Identifier') {
      const binding = bindingOf(object.name, call);
      if (binding?.kind === 'param') return { kind: 'request-logout', call, receiver: object.name, method, binding };
      // AdonisJS 5 (@adonisjs/auth 8): `auth.logout()` logs out of the default guard.
      return binding && object.name === 'auth' ? { kind: 'adonis-logout', call, guard: 'default', binding } : null;
    }
    const path = memberPath(object);
    if (path?.length === 2 && path[1] === 'auth') {
      const binding = bindingOf(path[0]!, call);
      return binding ? { kind: 'adonis-logout', call, guard: 'default', binding } : null;
    }
    if (object.type === 'CallExpression') {
      const use = calleePath(object);
      if (use && use.length >= 2 && use[use.length - 1] === 'use' && use[use.length - 2] === 'auth') {
        const binding = bindingOf(use[0]!, call);
        if (!binding) return null;
        const guardArg = object.arguments[0] ? unwrap(object.arguments[0]) : null;
        const guard = guardArg === null ? 'default' : guardArg.type === 'Literal' && typeof guardArg.value === 'string' ? guardArg.value : 'unknown';
        return { kind: 'adonis-logout', call, guard, binding };
      }
    }
    return null;
  }
  if (method === 'delete') {
    const path = calleePath(call);
    if (path && path.length >= 3 && path[path.length - 2] === 'accessTokens') {
      return { kind: 'token-delete', call, binding: null };
    }
  }
  return null;
}

/** The function a site belongs to (the route handler). */
export function siteHandler(site: LogoutSite): FunctionNode | null {
  if (site.kind !== 'token-delete') return site.binding.fn;
  // The controller method or route closure: the nearest function that is a class method or
  // takes the HttpContext (`ctx`, or a destructured `{ auth }`); else the outermost one.
  let current: Node | undefined = site.call.parent;
  let outermost: FunctionNode | null = null;
  while (current && current.type !== 'ClassBody' && current.type !== 'Program') {
    if (isFunction(current)) {
      if (current.parent?.type === 'MethodDefinition' || takesHttpContext(current)) return current;
      outermost = current;
    }
    current = current.parent;
  }
  return outermost;
}

function takesHttpContext(fn: FunctionNode): boolean {
  const first = fn.params[0];
  if (!first) return false;
  if (first.type === 'Identifier') return /^(ctx|context|httpContext)$/.test(first.name);
  return bindsName(first, 'auth') === 'destructured';
}

/**
 * A login on the request (`req.login(user)`, `req.logIn(...)`, `ctx.login(user)`) or through an
 * AdonisJS guard (`auth.use('web').login(user)`). After a logout on the same path it means the
 * logout undid an attempt inside a login flow (SPEC §2.3): not a logout handler.
 */
export function isLoginCall(node: Node): boolean {
  if (node.type !== 'CallExpression') return false;
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyName(callee);
  if (method !== 'login' && method !== 'logIn') return false;
  const object = unwrap(callee.object);
  if (object.type === 'Identifier') return bindingOf(object.name, node)?.kind === 'param';
  const use = object.type === 'CallExpression' ? calleePath(object) : null;
  return !!use && use.length >= 2 && use[use.length - 1] === 'use' && use[use.length - 2] === 'auth';
}

/**
 * Middleware that ejects a user: the logout ends the request on its path (a redirect, a 401)
 * while another path lets the request go on with `next()` (SPEC §2.3: not a logout handler). A
 * logout followed by `next()` — a logout step in front of a page — is still a logout.
 */
export function ejectsAndPassesOn(fn: FunctionNode, logout: Node): boolean {
  // Express `(req, res, next)`; Koa `(ctx, next)` and AdonisJS `handle(ctx, next: NextFn)`.
  const second = fn.params[1];
  const next = fn.params.length === 3 ? fn.params[2] : second?.type === 'Identifier' && second.name === 'next' ? second : undefined;
  if (next?.type !== 'Identifier') return false;
  const isNext = (node: Node): boolean => node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === next.name && node.arguments.length === 0;
  const statement = enclosingStatement(logout);
  const after = statement ? statementsAfter(statement, fn) : [];
  let continues = false;
  let afterLogout = false;
  walk(fn.body, (node) => {
    if (isNext(node)) {
      continues = true;
      if (after.some((s) => s.range[0] <= node.range[0] && node.range[1] <= s.range[1])) afterLogout = true;
    }
    return undefined;
  });
  return continues && !afterLogout;
}
