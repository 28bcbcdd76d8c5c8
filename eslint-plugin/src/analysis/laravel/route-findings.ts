import type { PhpNode, PhpProgram } from '../../languages/php/php-ast';
import { declaresPackageRoutes } from '../../languages/php/parse-php';
import { versionAtLeast } from '../../facts/laravel/config';
import { laravelFileFacts, type LaravelFileFacts, type LaravelHandler } from '../../facts/laravel/file-facts';
import type { HandlerBody, LogoutFact, SessionCallFact, TokenDeleteFact } from '../../facts/laravel/handler-flow';
import { isTokenCapable, lacksLogout, relative, type Invocation, type LaravelProjectModel, type RouteContext } from '../../project/laravel';
import { handlerInvocations } from './invocations';
import { vendorCsrfFindings, vendorLogoutFindings, type VendorLogoutFinding } from './vendor-routes';
import { hybridRoute, type HybridRoute } from './hybrid';
import { fileNameOf, forgottenGuards, logoutEffect, shouldUseBefore, withProject, type LogoutEffect } from './route-context';
import { DEFAULT_SETTINGS, mentionsLogoutHelper, PerSettingsCache, type SecureLogoutSettings } from '../../settings';

/**
 * Findings that depend on the routes reaching a handler (SPEC §2: logout-guard,
 * forget-request-guard-user, transient-token-delete, session-requires-session). Each carries
 * the route context that triggers it, so messages can name the other files involved.
 */
export interface RouteFinding<F> {
  handler: LaravelHandler;
  fact: F;
  /** The route that makes it a problem; undefined when no route was found and the default guard decided. */
  route: RouteContext | undefined;
  project: LaravelProjectModel;
  /** The call path from the routed handler when the fact is in a helper another file calls. */
  via?: Invocation;
}

export interface LogoutGuardFinding extends RouteFinding<LogoutFact> {
  effect: LogoutEffect;
  /** A cookie-and-token route: the call throws for token clients whatever the guard order (SPEC §2.4). */
  hybrid?: HybridRoute;
}

export interface SessionCallFinding extends RouteFinding<SessionCallFact> {
  /** A cookie-and-token route: cookie clients work, token clients get a 500 (SPEC §2.4). */
  hybrid?: HybridRoute;
}

export interface ForgetUserFinding extends RouteFinding<LogoutFact> {
  route: RouteContext;
  /** laravel/framework ≥ 9.44.0 (has forgetUser()), or unknown (then the fix is still offered). */
  forgetUserAvailable: boolean | undefined;
}

export interface LaravelRouteFindings {
  logoutGuard: LogoutGuardFinding[];
  /** Routes in this file to a vendor logout action that throws on their guard (reported at the route). */
  vendorLogoutGuard: VendorLogoutFinding[];
  /** Routes in this file to laravel/framework 5.x's own logout(), which does not rotate the CSRF token. */
  vendorCsrfNotRotated: VendorLogoutFinding[];
  forgetRequestGuardUser: ForgetUserFinding[];
  transientTokenDelete: RouteFinding<TokenDeleteFact>[];
  sessionRequiresSession: SessionCallFinding[];
}

const cache = new PerSettingsCache<PhpProgram, LaravelRouteFindings>();
const SESSION_ROW_DRIVERS = new Set(['database']);
const SESSION_ENDING = new Set(['invalidate', 'flush', 'regenerate', 'migrate', 'regeneratetoken']);

/**
 * Every finding here needs, in the linted file's own text, a route declaration (vendor actions
 * are judged at the route) or the name of the call it reports: a logout, a session-ending
 * method (`endsSomething` below) or `currentAccessToken()` (a token delete is on one). An
 * identifier is never split, so a whole-word search is exact; without one the file skips the
 * cross-file analysis (call paths, helpers in other files) and the model build altogether.
 */
const ROUTE_WORD = /route/i;
const OWN_FACT_WORD = /\b(?:logout|logoutcurrentdevice|currentaccesstoken|invalidate|flush|regenerate|regeneratetoken|migrate)\b/i;

/** `user`: the lint run's `settings['secure-logout']` (guard drivers, logout helpers); results are cached per AST and settings. */
export function laravelRouteFindings(program: PhpProgram, fileName?: string, user: SecureLogoutSettings = DEFAULT_SETTINGS): LaravelRouteFindings {
  return cache.get(program, user, () => {
    const name = fileName ?? fileNameOf(program);
    const handlers = OWN_FACT_WORD.test(program.sourceText) || mentionsLogoutHelper(program.sourceText, user) ? judgedHandlers(laravelFileFacts(program, user)) : [];
    const routeFile = ROUTE_WORD.test(program.sourceText) || (name !== undefined && declaresPackageRoutes(name));
    return handlers.length === 0 && !routeFile ? emptyFindings() : withProject(program, name, (project) => compute(program, name, project, handlers, routeFile, user), user);
  });
}

/**
 * The handlers whose own facts can make a finding in `judgeRoutes`: a logout, a token delete or a
 * session-ending call. Read with the project, a handler's own facts (those of this file) are never
 * more than read from the file alone when the file declares one class at most: the project only
 * adds calls followed into other files (foreign facts) or late-bound to another class's method.
 * The others, which only read or write session values (flash, put, get), are not followed across
 * the app (their call paths and callers cost most of a scan). `SECURE_LOGOUT_JUDGE_EVERY_HANDLER=1`
 * follows every handler with a session call, for the equivalence test.
 */
function judgedHandlers(facts: LaravelFileFacts): LaravelHandler[] {
  const withFacts = facts.handlers.filter((h) => h.logouts.length > 0 || h.sessionCalls.length > 0 || h.tokenDeletes.length > 0);
  if (facts.scope.classes.length > 1 || process.env['SECURE_LOGOUT_JUDGE_EVERY_HANDLER'] === '1') return withFacts;
  return withFacts.filter((h) => h.logouts.length > 0 || h.tokenDeletes.length > 0 || h.sessionCalls.some((c) => SESSION_ENDING.has(c.method)));
}

function emptyFindings(): LaravelRouteFindings {
  return { logoutGuard: [], vendorLogoutGuard: [], vendorCsrfNotRotated: [], forgetRequestGuardUser: [], transientTokenDelete: [], sessionRequiresSession: [] };
}

function compute(program: PhpProgram, fileName: string | undefined, project: LaravelProjectModel | undefined, handlers: readonly LaravelHandler[], routeFile: boolean, user: SecureLogoutSettings): LaravelRouteFindings {
  const result = emptyFindings();
  if (!project) return result;
  if (fileName && routeFile) {
    result.vendorLogoutGuard.push(...vendorLogoutFindings(program, fileName, project));
    result.vendorCsrfNotRotated.push(...vendorCsrfFindings(program, fileName, project));
  }
  for (const handler of handlers) {
    // Route context flows into helpers (SPEC §2.3): each way the handler runs brings its routes.
    for (const { invocation, body } of handlerInvocations(program, fileName, project, handler, user)) {
      const own = { logouts: body.logouts.filter((f) => !f.foreign), sessionCalls: body.sessionCalls.filter((f) => !f.foreign), tokenDeletes: body.tokenDeletes.filter((f) => !f.foreign) };
      judgeRoutes(result, project, handler, own, invocation);
    }
  }
  return result;
}

function judgeRoutes(result: LaravelRouteFindings, project: LaravelProjectModel, handler: LaravelHandler, facts: Pick<HandlerBody, 'logouts' | 'sessionCalls' | 'tokenDeletes'>, invocation: Invocation): void {
  const settings = project.settings;
  const { routes } = invocation;
  const via = invocation.chain.length > 0 ? { via: invocation } : {};
  for (const logout of facts.logouts) {
    // logout-guard: the call reaches a guard without logout() (RequestGuard / TokenGuard).
    const candidates: (RouteContext | undefined)[] = routes.length ? routes : [undefined];
    const shouldUse = shouldUseBefore(handler, logout.node);
    let throws = false;
    for (const route of candidates) {
      const effect = logoutEffect(logout.detail, settings, route, shouldUse);
      if (effect.kind === 'throws') {
        result.logoutGuard.push({ handler, fact: logout, route, project, effect, ...via });
        throws = true;
        break;
      }
    }
    // On a cookie-and-token route token clients reach an unqualified logout with the token guard as default.
    if (!throws && logout.detail.guard === null && logout.detail.form !== 'stateful-guard' && !shouldUse) {
      for (const route of routes) {
        const hybrid = hybridRoute(project, route);
        if (!hybrid || !lacksLogout(hybrid.driver, settings)) continue;
        result.logoutGuard.push({ handler, fact: logout, route, project, effect: { kind: 'throws', guard: hybrid.tokenGuard, driver: hybrid.driver }, hybrid, ...via });
        break;
      }
    }
    // forget-request-guard-user: a session logout while a token-capable guard authenticated the request.
    const forgotten = forgottenGuards(handler);
    for (const route of routes) {
      const guard = route.effectiveGuard;
      if (!guard.selectedByMiddleware || !isTokenCapable(guard.driver, settings) || !hasSession(route)) continue;
      if (logoutEffect(logout.detail, settings, route, shouldUse).kind !== 'session') continue;
      if (forgotten.has(guard.name ?? null) || forgotten.has(null)) continue;
      const driver = settings.sessionDriver.value;
      if (driver !== undefined && !SESSION_ROW_DRIVERS.has(driver)) continue;
      result.forgetRequestGuardUser.push({ handler, fact: logout, route, project, forgetUserAvailable: versionAtLeast(settings.frameworkVersion.value, '9.44.0'), ...via });
      break;
    }
  }

  const withSession = routes.find(hasSession);
  if (withSession) {
    for (const del of facts.tokenDeletes) if (!del.guarded) result.transientTokenDelete.push({ handler, fact: del, route: withSession, project, ...via });
  }

  // Only logout handlers (SPEC §1): a handler that ends a login or a session, not every session read.
  const endsSomething = facts.logouts.length > 0 || facts.tokenDeletes.length > 0 || facts.sessionCalls.some((c) => SESSION_ENDING.has(c.method));
  const withoutSession = endsSomething ? routes.find((r) => r.session === 'no') : undefined;
  const unguarded = !endsSomething ? [] : facts.sessionCalls.filter((c) => !c.guardedByHasSession).sort((a, b) => offset(a.node) - offset(b.node));
  if (withoutSession && unguarded[0]) result.sessionRequiresSession.push({ handler, fact: unguarded[0], route: withoutSession, project, ...via });
  else if (unguarded[0]) {
    for (const route of routes) {
      const hybrid = hybridRoute(project, route);
      if (hybrid) {
        result.sessionRequiresSession.push({ handler, fact: unguarded[0], route, project, hybrid, ...via });
        break;
      }
    }
  }
}

/** A session reaches the handler on this route (unknown is not evidence). */
function hasSession(route: RouteContext): boolean {
  return route.session === 'yes' || route.session === 'stateful';
}

function offset(node: PhpNode): number {
  return node.loc.start.offset;
}

/**
 * "POST /logout (routes/web.php:14)" for the route of a finding; for a fact in a helper, the
 * caller on the way: "POST /logout (routes/web.php:14) via AuthController::logout() (app/…:21)".
 */
export function routeDescription(project: LaravelProjectModel, route: RouteContext | undefined, via?: Invocation): string {
  const site = via?.chain[0];
  const caller = site ? ` via ${site.caller} (${site.where})` : '';
  return routeOnly(project, route) + caller;
}

function routeOnly(project: LaravelProjectModel, route: RouteContext | undefined): string {
  if (!route) return `no route to this handler was found, so the default guard applies (${project.settings.defaultGuard.value ?? 'unknown'}, ${project.settings.defaultGuard.source})`;
  return `${route.route.verbs.join('|')} ${route.route.uri} (${relative(project.root, route.route.file)}:${route.route.line})`;
}
