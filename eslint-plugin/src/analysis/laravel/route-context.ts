import * as path from 'node:path';
import type { PhpNode, PhpProgram } from '../../languages/php/php-ast';
import { phpVisitorKeys } from '../../languages/php/visitor-keys';
import type { LaravelLogoutDetail } from '../../facts/laravel/calls';
import type { LaravelHandler } from '../../facts/laravel/file-facts';
import { extractClassFacts, type ClassFacts } from '../../facts/laravel/middleware-controller';
import { functionCall, methodCall, staticCall, stringValue, walk } from '../../facts/laravel/php-syntax';
import type { SecureLogoutSettings } from '../../settings';
import { guardDriver, isSessionDriver, lacksLogout, projectModelFor, type LaravelProjectModel, type ProjectSettings, type RouteContext } from '../../project/laravel';

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

/**
 * Runs `analyse` with the project of the linted file. When that file is one the model depends on
 * (a route file, a controller with middleware) and the linted text differs from what the model
 * holds (an unsaved buffer, a suggestion being re-linted, half-typed code), the model sees the
 * linted text during the analysis and is restored afterwards: other files keep ESLint's usual
 * view of the disk, and overrides set by the language server survive.
 */
export function withProject<T>(program: PhpProgram, fileName: string | undefined, analyse: (project: LaravelProjectModel | undefined) => T, user?: SecureLogoutSettings): T {
  // A file the prefilter skipped has nothing to analyse: it neither builds nor freshens the model.
  if (program.prefiltered) return analyse(undefined);
  const name = fileName ?? fileNameOf(program);
  let project: LaravelProjectModel | undefined;
  try {
    project = name && !name.startsWith('<') ? projectModelFor(name, user) : undefined;
  } catch {
    // A project that cannot be read must not break linting of the file itself.
    project = undefined;
  }
  const text = linted.get(program)?.text ?? program.sourceText;
  const file = name ? path.resolve(name) : undefined;
  // What the analysis reads of other files is recorded: their changes re-check this one (SPEC §2.3).
  const run = (): T => (project && file ? project.verdictReads.analyse(file, program, () => analyse(project)) : analyse(project));
  if (!project || !file || text === undefined || !project.dependsOn(file) || project.files.hasText(file, text)) return run();
  const previous = project.files.overrideOf(file);
  try {
    project.update(file, text);
  } catch {
    project.update(file, previous);
    return run();
  }
  try {
    return run();
  } finally {
    project.update(file, previous);
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
 * guard it reaches has no logout() ('throws'), or ends no session ('token': jwt's own logout, or a
 * custom driver whose behaviour is unknown).
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
  if (driver === undefined || isSessionDriver(driver, settings)) return { kind: 'session', guard, driver };
  // A custom driver (Auth::extend / viaRequest) may or may not have logout(): only known drivers are judged.
  return { kind: lacksLogout(driver, settings) ? 'throws' : 'token', guard, driver };
}

/** Whether a logout ends a session login on at least one route that has a session (or on unknown routes). */
export function countsAsSessionLogout(logout: { node: PhpNode; detail: LaravelLogoutDetail }, handler: LaravelHandler, context: HandlerRouteContext, controllerGuard?: string): boolean {
  const settings = context.project?.settings;
  const shouldUse = shouldUseBefore(handler, logout.node);
  // No route known (a package registers it): the controller's own `auth:guard` middleware still selects the guard.
  if (context.routes.length === 0) return logoutEffect(logout.detail, settings, undefined, shouldUse ?? controllerGuard).kind === 'session';
  return context.routes.some((route) => route.session !== 'no' && !isGuestRoute(route) && logoutEffect(logout.detail, settings, route, shouldUse).kind === 'session');
}

/**
 * The guard a controller's own middleware (`HasMiddleware`, constructor `$this->middleware()`,
 * `#[Middleware]`) selects for one action with `auth:guard`: the route's context when the route
 * itself is not known. Undefined when the controller names none.
 */
export function controllerAuthGuard(program: PhpProgram, fileName: string | undefined, handler: LaravelHandler): string | undefined {
  if (handler.kind !== 'method' || !handler.owner || !handler.name) return undefined;
  let facts = controllerFacts.get(program);
  if (!facts) {
    try {
      facts = extractClassFacts(program, fileName ?? '');
    } catch {
      facts = [];
    }
    controllerFacts.set(program, facts);
  }
  const own = facts.find((f) => f.fqn === handler.owner!.fqn);
  const name = handler.name;
  const applies = own?.middleware.filter((m) => !m.exclude && (!m.only || m.only.includes(name)) && !(m.except ?? []).includes(name));
  const auth = applies?.map((m) => /^auth:([^,]+)/.exec(m.ref.name)?.[1]).find((guard) => guard !== undefined);
  return auth;
}

const controllerFacts = new WeakMap<PhpProgram, ClassFacts[]>();

/** A `guest` route (RedirectIfAuthenticated): nobody is logged in there, a logout ends no session login. */
function isGuestRoute(route: RouteContext): boolean {
  return route.chain.some((entry) => /^guest(:|$)/.test(entry.name) || /RedirectIfAuthenticated$/i.test(entry.resolved.split(':')[0]!));
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
