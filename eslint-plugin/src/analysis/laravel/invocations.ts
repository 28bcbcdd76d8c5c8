import * as path from 'node:path';
import type { PhpNode, PhpProgram } from '../../languages/php/php-ast';
import type { Flow } from '../../evaluate/flow';
import { laravelFileFacts, type LaravelHandler } from '../../facts/laravel/file-facts';
import { HandlerFlowBuilder, type HandlerBody } from '../../facts/laravel/handler-flow';
import { nodesIn, variableName, nameOf } from '../../facts/laravel/php-syntax';
import { DEFAULT_SETTINGS, type SecureLogoutSettings } from '../../settings';
import { ProjectCallResolver, type Invocation, type LaravelProjectModel, type RouteContext } from '../../project/laravel';

/** One way a handler of the linted file runs, with its body and its root's flow read for that way. */
export interface HandlerInvocation {
  invocation: Invocation;
  /** The handler's own body read with `$this` late-bound and calls followed into other files. */
  body: HandlerBody;
  /** The flow that decides its logouts: the root's (which runs the handler), or the handler's own. */
  rootFlow: Flow<PhpNode>;
}

const cache = new WeakMap<LaravelHandler, HandlerInvocation[]>();

/**
 * Every known way a handler runs (SPEC §2.3): from each route reaching it (per routed class, so
 * a trait's `$this->guard()` is the using controller's), else from each call path of routed
 * handlers down to it, else on its own. Without a project: its own body, as the file reads.
 */
export function handlerInvocations(program: PhpProgram, fileName: string | undefined, project: LaravelProjectModel | undefined, handler: LaravelHandler, user: SecureLogoutSettings = DEFAULT_SETTINGS): HandlerInvocation[] {
  let result = cache.get(handler);
  if (result) return result;
  const scope = laravelFileFacts(program, user).scope;
  const alone: Invocation = { root: { file: fileName ?? '', fn: handler.node, scope, cls: handler.owner, thisClass: handler.owner?.fqn }, routes: [], chain: [] };
  if (!project || !fileName) {
    result = [{ invocation: alone, body: handler, rootFlow: handler.flow }];
  } else {
    const file = path.resolve(fileName);
    const resolver = new ProjectCallResolver(project.classes, new Map([[file, program]]), user.logoutHelpers);
    const read = (fn: PhpNode, fnScope: typeof scope, cls: LaravelHandler['owner'], thisClass: string | undefined): HandlerBody =>
      new HandlerFlowBuilder(resolver.envOf(fnScope, cls, fn, thisClass)).build(fn);
    let invocations: Invocation[];
    try {
      invocations = project.callGraph.invocations({ ...alone.root, file });
    } catch {
      // The rest of the app could not be read: the handler is judged on its own body.
      invocations = [alone];
    }
    result = invocations.map((invocation) => {
      const body = read(handler.node, scope, handler.owner, invocation.root.thisClass ?? handler.owner?.fqn);
      const { root } = invocation;
      const rootFlow = invocation.chain.length === 0 ? body.flow : read(root.fn, root.scope, root.cls, root.thisClass).flow;
      return { invocation, body, rootFlow };
    });
  }
  cache.set(handler, result);
  return result;
}

/** Routes of every invocation, each once. */
export function invocationRoutes(invocations: readonly HandlerInvocation[]): RouteContext[] {
  return [...new Set(invocations.flatMap((i) => i.invocation.routes))];
}

/**
 * Code that runs outside an HTTP request with a session: queued jobs (`ShouldQueue`, the
 * `Queueable` / `Dispatchable` / `InteractsWithQueue` traits), console commands. Their
 * `Auth::logout()` resets the worker's in-memory auth state; there is no session to end.
 */
export function isBackgroundWork(handler: LaravelHandler): boolean {
  const owner = handler.owner;
  if (!owner) return false;
  const names = [...owner.implements, ...owner.traits, owner.extends ?? ''];
  return names.some((name) => /(^|\\)(ShouldQueue|Queueable|Dispatchable|InteractsWithQueue|Command)$/.test(name)) || /\\(Jobs|Console)\\/.test(owner.fqn);
}

/** laravel/ui's login hooks: a logout there rejects the user who just logged in (login flow, SPEC §2.3). */
export function isLoginHook(handler: LaravelHandler): boolean {
  return handler.kind === 'method' && ['authenticated', 'sendloginresponse', 'attemptlogin'].includes(handler.name ?? '');
}

/**
 * HTTP middleware `handle($request, Closure $next)`: a logout there ejects a disabled, unverified
 * or banned user, it is not a logout handler (SPEC §2.3).
 */
export function isMiddlewareHandle(handler: LaravelHandler): boolean {
  // The middleware's own helpers (`validateBlockedUser()` called from handle()) eject as well.
  const handle = handler.kind === 'method' ? handler.owner?.methods.get('handle') : undefined;
  if (!handle) return false;
  return nodesIn(handle['arguments']).some((param) => {
    const type = param['type'] as PhpNode | null;
    return nameOf(param['name']) === 'next' || (type?.kind === 'name' && /(^|\\)Closure$/i.test(String(type['name']))) || variableName(param) === 'next';
  });
}
