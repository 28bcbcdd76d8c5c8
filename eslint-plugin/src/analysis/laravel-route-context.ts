import type { PhpNode, PhpProgram } from '../languages/php/php-ast';
import { phpVisitorKeys } from '../languages/php/visitor-keys';
import type { LaravelLogoutDetail } from '../facts/laravel/calls';
import type { LaravelHandler } from '../facts/laravel/file-facts';
import { functionCall, methodCall, staticCall, stringValue, walk } from '../facts/laravel/php-syntax';
import { guardDriver, hasOwnLogout, projectModelFor, type LaravelProjectModel, type ProjectSettings, type RouteContext } from '../project';

/** The route context of one handler: the project (if the file is in a Laravel app) and every route reaching it. */
export interface HandlerRouteContext {
  project: LaravelProjectModel | undefined;
  routes: RouteContext[];
}

const fileNames = new WeakMap<PhpProgram, string>();

/** Rules call this in create(): the shared analyses find the file's project through its AST. */
export function rememberFileName(program: PhpProgram, fileName: string): void {
  fileNames.set(program, fileName);
}

export function fileNameOf(program: PhpProgram): string | undefined {
  return fileNames.get(program);
}

export function projectFor(program: PhpProgram, fileName?: string): LaravelProjectModel | undefined {
  const name = fileName ?? fileNames.get(program);
  if (!name || name.startsWith('<')) return undefined;
  try {
    return projectModelFor(name);
  } catch {
    // A project that cannot be read must not break linting of the file itself.
    return undefined;
  }
}

export function handlerRouteContext(project: LaravelProjectModel | undefined, fileName: string | undefined, handler: LaravelHandler): HandlerRouteContext {
  if (!project || !fileName) return { project, routes: [] };
  if (handler.kind === 'method' && handler.owner && handler.name) return { project, routes: project.routesForMethod(fileName, handler.owner.fqn, handler.name) };
  if (handler.kind === 'closure') return { project, routes: project.routesForClosure(fileName, handler.node.loc.start.line, handler.node.loc.start.column) };
  return { project, routes: [] };
}

/**
 * What a logout call does on a route: ends a session login ('session'), throws because the
 * guard it reaches has no logout() ('throws'), or ends a token login only ('token').
 */
export interface LogoutEffect {
  kind: 'session' | 'throws' | 'token';
  guard: string | undefined;
  driver: string | undefined;
}

export function logoutEffect(detail: LaravelLogoutDetail, settings: ProjectSettings | undefined, route: RouteContext | undefined): LogoutEffect {
  // Fortify binds StatefulGuard to its (session) guard.
  if (detail.form === 'stateful-guard') return { kind: 'session', guard: undefined, driver: 'session' };
  if (!settings) return { kind: 'session', guard: detail.guard ?? undefined, driver: undefined };
  const guard = detail.guard === '?' ? undefined : detail.guard ?? (route ? route.effectiveGuard.name : settings.defaultGuard.value);
  if (detail.guard === '?') return { kind: 'session', guard: undefined, driver: undefined };
  const driver = guardDriver(settings, guard);
  if (driver === undefined || driver === 'session') return { kind: 'session', guard, driver };
  return { kind: hasOwnLogout(driver) ? 'token' : 'throws', guard, driver };
}

/** Whether a logout ends a session login on at least one route that has a session (or on unknown routes). */
export function countsAsSessionLogout(detail: LaravelLogoutDetail, context: HandlerRouteContext): boolean {
  const settings = context.project?.settings;
  if (context.routes.length === 0) return logoutEffect(detail, settings, undefined).kind === 'session';
  return context.routes.some((route) => route.session !== 'no' && logoutEffect(detail, settings, route).kind === 'session');
}

/**
 * Guards whose cached user the handler forgets: `Auth::guard('sanctum')->forgetUser()`,
 * `auth('sanctum')->forgetUser()`; null stands for the default guard (`Auth::forgetUser()`).
 */
export function forgottenGuards(handler: LaravelHandler): Set<string | null> {
  const guards = new Set<string | null>();
  walk(
    handler.node,
    (node) => {
      const call = methodCall(node);
      const st = staticCall(node);
      if (st?.method === 'forgetuser') guards.add(null);
      if (call?.method !== 'forgetuser') return undefined;
      const target = call.object;
      const fn = functionCall(target);
      const guardCall = staticCall(target) ?? methodCall(target);
      if (fn?.name === 'auth') guards.add(fn.args[0] ? stringValue(fn.args[0]) ?? null : null);
      else if (guardCall && 'method' in guardCall && guardCall.method === 'guard') guards.add(guardCall.args[0] ? stringValue(guardCall.args[0]) ?? null : null);
      return undefined;
    },
    phpVisitorKeys,
  );
  return guards;
}

export function nodeOffset(node: PhpNode): number {
  return node.loc.start.offset;
}
