import * as path from 'node:path';
import type { PhpNode, PhpProgram } from '../../languages/php/php-ast';
import { phpVisitorKeys } from '../../languages/php/visitor-keys';
import { thisGuardName, type LaravelLogoutDetail } from '../../facts/laravel/calls';
import { versionAtLeast } from '../../facts/laravel/config';
import { walk } from '../../facts/laravel/php-syntax';
import { ProjectCallResolver, type LaravelProjectModel, type RouteContext } from '../../project/laravel';
import { logoutEffect, type LogoutEffect } from './route-context';

/** A route to a known vendor logout action, judged where the route is declared (SPEC §2.3). */
export interface VendorLogoutFinding {
  /** The route declaration in the linted route file (the report location). */
  fact: { node: PhpNode };
  route: RouteContext;
  project: LaravelProjectModel;
  /** e.g. "laravel/ui AuthenticatesUsers::logout()". */
  action: string;
  effect: LogoutEffect;
  /** The guard the vendor action logs out of, and where that came from. */
  guardSource: string;
}

/**
 * laravel/ui's `AuthenticatesUsers::logout()` logs out of `$this->guard()` — the default guard
 * unless the controller overrides `guard()` — then invalidates and regenerates the token; Fortify's
 * `AuthenticatedSessionController::destroy` does the same on `config('fortify.guard')`. Only the
 * guard can be wrong: on a route whose effective guard has no logout() the action throws.
 */
export function vendorLogoutFindings(program: PhpProgram, fileName: string, project: LaravelProjectModel): VendorLogoutFinding[] {
  const found: VendorLogoutFinding[] = [];
  for (const route of project.vendorRoutes(fileName)) {
    const handler = route.route.handler;
    if (handler.kind !== 'vendor') continue;
    const node = routeStatementAt(program, route.route.line);
    if (!node) continue;
    const { guard, source } = handler.vendor.startsWith('Fortify') ? fortifyGuard(project) : uiGuard(project, handler.routedClass);
    const detail: LaravelLogoutDetail = { guard, form: guard === null ? 'this-guard' : 'facade', method: 'logout' };
    const effect = logoutEffect(detail, project.settings, route);
    // Fortify's own route is declared by no app line: the message says where it comes from.
    const action = path.resolve(route.route.file) === project.fortify?.anchor.file ? `${handler.vendor} from the routes laravel/fortify registers itself` : handler.vendor;
    if (effect.kind === 'throws') found.push({ fact: { node }, route, project, action, effect, guardSource: source });
  }
  return found;
}

/**
 * laravel/framework before 6.0 shipped `AuthenticatesUsers` itself, and its `logout()` is
 * `guard()->logout(); invalidate();` without `regenerateToken()`: on a route with a session that is
 * invalidate-session (CSRF not rotated), reported at the route declaration.
 */
export function vendorCsrfFindings(program: PhpProgram, fileName: string, project: LaravelProjectModel): VendorLogoutFinding[] {
  const version = project.settings.frameworkVersion.value;
  if (!version || versionAtLeast(version, '6.0.0') !== false) return [];
  const found: VendorLogoutFinding[] = [];
  for (const route of project.vendorRoutes(fileName)) {
    const handler = route.route.handler;
    if (handler.kind !== 'vendor' || !handler.vendor.startsWith('laravel/ui') || route.session === 'no') continue;
    const node = routeStatementAt(program, route.route.line);
    const { guard, source } = uiGuard(project, handler.routedClass);
    const effect = logoutEffect({ guard, form: 'this-guard', method: 'logout' }, project.settings, route);
    if (node && effect.kind === 'session') found.push({ fact: { node }, route, project, action: `laravel/framework ${version} logout()`, effect, guardSource: source });
  }
  return found;
}

/** The guard `$this->guard()` returns on the routed controller (its own override, a trait's or a parent's); null = default. */
function uiGuard(project: LaravelProjectModel, controller: string): { guard: string | null; source: string } {
  const record = project.classes.find(controller);
  if (!record) return { guard: null, source: 'AuthenticatesUsers::guard() (the default guard)' };
  const resolver = new ProjectCallResolver(project.classes);
  const env = { scope: record.scope, cls: record.cls, vars: new Map(), thisClass: record.cls.fqn, calls: resolver };
  const overridden = resolver.thisMethod(env, 'guard');
  return { guard: thisGuardName(env), source: overridden ? `${record.cls.shortName}::guard()` : 'AuthenticatesUsers::guard() (the default guard)' };
}

/** `config('fortify.guard')` (env() resolved; null = the default guard), else Fortify's default 'web'. */
function fortifyGuard(project: LaravelProjectModel): { guard: string | null; source: string } {
  const fortify = project.fortify;
  return fortify ? { guard: fortify.guard, source: fortify.guardSource } : { guard: 'web', source: "Fortify's default guard ('web')" };
}

/**
 * The outermost expression of the statement declaring a route at `line`; for Fortify's own route,
 * declared by config/fortify.php, the config entry on that line (`'guard' => 'web'`).
 */
function routeStatementAt(program: PhpProgram, line: number): PhpNode | undefined {
  return statementAt(program, line) ?? configEntryAt(program, line);
}

function configEntryAt(program: PhpProgram, line: number): PhpNode | undefined {
  let found: PhpNode | undefined;
  for (const child of program.children) {
    if (child.kind !== 'return') continue;
    walk(
      child,
      (node) => {
        if (found || node.loc.end.line < line || node.loc.start.line > line) return 'skip';
        if (node.kind === 'entry' && node.loc.start.line === line) {
          found = node;
          return 'skip';
        }
        return undefined;
      },
      phpVisitorKeys,
    );
  }
  return found;
}

function statementAt(program: PhpProgram, line: number): PhpNode | undefined {
  let found: PhpNode | undefined;
  for (const child of program.children) {
    walk(
      child,
      (node) => {
        if (found || node.loc.end.line < line || node.loc.start.line > line) return 'skip';
        if (node.kind === 'expressionstatement' && node.loc.start.line <= line) {
          const expression = node['expression'] as PhpNode;
          // A group closure spans the line too: descend until the statement that starts there.
          if (node.loc.start.line === line) {
            found = expression;
            return 'skip';
          }
        }
        return undefined;
      },
      phpVisitorKeys,
    );
  }
  return found;
}
