import * as fs from 'node:fs';
import * as path from 'node:path';
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

const linted = new WeakMap<PhpProgram, { fileName: string; text: string | undefined }>();

/**
 * Rules call this in create(): the shared analyses find the file's project through its AST, and
 * the project model sees the text being linted (an unsaved buffer, a suggestion being re-linted)
 * when the file is one it depends on (a route file, a controller with middleware).
 */
export function rememberFileName(program: PhpProgram, fileName: string, text?: string): void {
  linted.set(program, { fileName, text });
}

/** The linted file of an AST: registered by a rule, else recorded by the PHP language when it parsed the file. */
export function fileNameOf(program: PhpProgram): string | undefined {
  return linted.get(program)?.fileName ?? program.sourceFile;
}

export function projectFor(program: PhpProgram, fileName?: string): LaravelProjectModel | undefined {
  const name = fileName ?? fileNameOf(program);
  if (!name || name.startsWith('<')) return undefined;
  try {
    const project = projectModelFor(name);
    const text = linted.get(program)?.text ?? program.sourceText;
    if (project && text !== undefined) syncLintedText(project, name, text);
    return project;
  } catch {
    // A project that cannot be read must not break linting of the file itself.
    return undefined;
  }
}

/** Tells the model about the linted text when it differs from what the model read for that file. */
function syncLintedText(project: LaravelProjectModel, fileName: string, text: string): void {
  const file = path.resolve(fileName);
  if (!project.dependsOn(file) || project.files.text(file) === text) return;
  // Back to the saved text: drop the override, so later changes on disk are seen again.
  let disk: string | undefined;
  try {
    disk = fs.readFileSync(file, 'utf8');
  } catch {
    disk = undefined;
  }
  project.update(file, disk === text ? undefined : text);
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

export function logoutEffect(detail: LaravelLogoutDetail, settings: ProjectSettings | undefined, route: RouteContext | undefined, shouldUse?: string): LogoutEffect {
  // Fortify binds StatefulGuard to its (session) guard.
  if (detail.form === 'stateful-guard') return { kind: 'session', guard: undefined, driver: 'session' };
  if (!settings) return { kind: 'session', guard: detail.guard ?? undefined, driver: undefined };
  const guard = detail.guard === '?' ? undefined : detail.guard ?? shouldUse ?? (route ? route.effectiveGuard.name : settings.defaultGuard.value);
  if (detail.guard === '?') return { kind: 'session', guard: undefined, driver: undefined };
  const driver = guardDriver(settings, guard);
  if (driver === undefined || driver === 'session') return { kind: 'session', guard, driver };
  return { kind: hasOwnLogout(driver) ? 'token' : 'throws', guard, driver };
}

/** Whether a logout ends a session login on at least one route that has a session (or on unknown routes). */
export function countsAsSessionLogout(logout: { node: PhpNode; detail: LaravelLogoutDetail }, handler: LaravelHandler, context: HandlerRouteContext): boolean {
  const settings = context.project?.settings;
  const shouldUse = shouldUseBefore(handler, logout.node);
  if (context.routes.length === 0) return logoutEffect(logout.detail, settings, undefined, shouldUse).kind === 'session';
  return context.routes.some((route) => route.session !== 'no' && logoutEffect(logout.detail, settings, route, shouldUse).kind === 'session');
}

/**
 * The guard named by the last `Auth::shouldUse('x')` / `auth()->shouldUse('x')` before `node` in
 * the handler: from there on the unqualified forms address that guard.
 */
export function shouldUseBefore(handler: LaravelHandler, node: PhpNode): string | undefined {
  let found: { offset: number; guard: string } | undefined;
  walk(
    handler.node,
    (candidate) => {
      const st = staticCall(candidate);
      const call = st ?? methodCall(candidate);
      if (!call || call.method !== 'shoulduse') return undefined;
      if (st && !/(^|\\)auth$/i.test(st.className)) return undefined;
      if (!st && functionCall((call as { object: PhpNode }).object)?.name !== 'auth') return undefined;
      const guard = stringValue(call.args[0]);
      const offset = candidate.loc.start.offset;
      if (guard && offset < node.loc.start.offset && (!found || offset > found.offset)) found = { offset, guard };
      return undefined;
    },
    phpVisitorKeys,
  );
  return found?.guard;
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
