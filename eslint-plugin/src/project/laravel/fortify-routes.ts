import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StaticValue } from '../../facts/laravel/config-values';
import { versionAtLeast } from '../../facts/laravel/config';
import type { MiddlewareRef, RouteItem } from '../../facts/laravel/routes-model';
import type { UnanalysedRoute } from './route-context';

export const FORTIFY_SESSION_CONTROLLER = 'Laravel\\Fortify\\Http\\Controllers\\AuthenticatedSessionController';

/** Fortify 1.21.3 put `auth_middleware:guard` on its logout route (before, only the group middleware ran). */
const LOGOUT_AUTH_SINCE = '1.21.3';

/** What the app's Fortify is configured to do, from config/fortify.php (or Fortify's defaults). */
export interface FortifySetup {
  /** `fortify.guard`: the guard its `StatefulGuard` binding and logout use; null = the default guard. */
  guard: string | null;
  /** e.g. "config/fortify.php:19", or "Fortify's default guard ('web')". */
  guardSource: string;
  /** Where a finding about Fortify's own routes goes: config/fortify.php's `guard` entry (else `middleware`). */
  anchor: { file: string; line: number };
  /** laravel/fortify from composer.lock, when locked. */
  version: string | undefined;
  /** Fortify registers its own routes (installed per composer, and no `Fortify::ignoreRoutes()` in the app's providers). */
  registersRoutes: boolean;
}

export interface FortifyInputs {
  root: string;
  /** Reads a project file (and records it as a dependency of the model). */
  text: (file: string) => string | undefined;
  lock: Map<string, string> | undefined;
  /** `config('fortify.x')` with env() resolved; undefined when the key is not set. */
  config: (key: string) => StaticValue | undefined;
}

/**
 * laravel/fortify (also pulled in by Jetstream) registers `POST /logout` →
 * `AuthenticatedSessionController@destroy` itself, from its service provider (SPEC §2.3): in a
 * group with `config('fortify.middleware', ['web'])`, `prefix` `fortify.prefix`, at
 * `fortify.paths.logout` (default `/logout`), and since 1.21.3 with
 * `config('fortify.auth_middleware', 'auth').':'.config('fortify.guard')` on the route.
 * `Fortify::ignoreRoutes()` in a provider turns that off. The app has no route line for it: the
 * route is declared at config/fortify.php's `guard` entry, where its findings are reported.
 */
export function fortifySetup(inputs: FortifyInputs): FortifySetup | undefined {
  const { root, text, lock, config } = inputs;
  const composerFile = path.join(root, 'composer.json');
  const composer = text(composerFile);
  const required = requiredPackages(composer);
  const installed = !!lock?.has('laravel/fortify') || required.has('laravel/fortify') || required.has('laravel/jetstream');
  const configFile = path.join(root, 'config/fortify.php');
  const published = text(configFile) !== undefined;
  // An app that routes to Fortify's controller has Fortify, whatever composer.json says: its config still decides the guard.
  if (!installed && !published) return undefined;
  const guardValue = published ? config('fortify.guard') : undefined;
  const middlewareValue = published ? config('fortify.middleware') : undefined;
  const line = guardValue?.line || middlewareValue?.line || 1;
  const anchor = published ? { file: configFile, line } : { file: composerFile, line: lineOf(composer ?? '', /"laravel\/(fortify|jetstream)"/) };
  const guard = guardValue?.kind === 'string' ? guardValue.value : guardValue?.kind === 'null' ? null : 'web';
  const guardSource = guardValue?.kind === 'string' || guardValue?.kind === 'null' ? `config/fortify.php:${guardValue.line}` : "Fortify's default guard ('web')";
  return { guard, guardSource, anchor, version: lock?.get('laravel/fortify'), registersRoutes: installed && !ignoresRoutes(root, text) };
}

/** Fortify's own logout route as route items the model walks like a route file's, or why it cannot be modelled. */
export function fortifyLogoutRoute(setup: FortifySetup, inputs: FortifyInputs): { items: RouteItem[]; unanalysed: UnanalysedRoute[] } {
  if (!setup.registersRoutes) return { items: [], unanalysed: [] };
  const { config } = inputs;
  const { file, line } = setup.anchor;
  const configured = path.basename(file) === 'fortify.php';
  const guardValue = configured ? config('fortify.guard') : undefined;
  if (guardValue && !['string', 'null'].includes(guardValue.kind)) {
    const reason = "laravel/fortify registers this route itself, and config/fortify.php's 'guard' is computed: the guard it logs out of is unknown";
    return { items: [], unanalysed: [{ file, line: guardValue.line, target: `${FORTIFY_SESSION_CONTROLLER}@destroy`, reason }] };
  }
  const middlewareValue = configured ? config('fortify.middleware') : undefined;
  const groupAt = { file, line: middlewareValue?.line || line };
  const group: MiddlewareRef[] = (middlewareValue ? listOf(middlewareValue) : ['web']).map((name) => ({
    name,
    ...groupAt,
    via: middlewareValue ? "laravel/fortify's own routes: config/fortify.php 'middleware'" : "laravel/fortify's own routes: its default middleware (config/fortify.php not published)",
  }));
  const own: MiddlewareRef[] = [];
  const withAuth = versionAtLeast(setup.version, LOGOUT_AUTH_SINCE);
  if (withAuth !== false) {
    const authMiddleware = stringOf(configured ? config('fortify.auth_middleware') : undefined) ?? 'auth';
    const since = withAuth ? `Fortify ${setup.version} ≥ ${LOGOUT_AUTH_SINCE}` : `Fortify ≥ ${LOGOUT_AUTH_SINCE} assumed (version unknown)`;
    own.push({ name: setup.guard === null ? authMiddleware : `${authMiddleware}:${setup.guard}`, file, line, via: `laravel/fortify's own logout route: auth_middleware:guard, ${since}` });
  }
  const uri = stringOf(configured ? config('fortify.paths.logout') : undefined) ?? '/logout';
  const prefix = stringOf(configured ? config('fortify.prefix') : undefined);
  const route: RouteItem = {
    type: 'route',
    verbs: ['POST'],
    uri,
    action: { kind: 'controller', className: FORTIFY_SESSION_CONTROLLER, relative: false, method: 'destroy' },
    attrs: { middleware: own, withoutMiddleware: [] },
    file,
    line,
  };
  return { items: [{ type: 'group', attrs: { middleware: group, withoutMiddleware: [], ...(prefix ? { prefix } : {}) }, children: [route], file, line }], unanalysed: [] };
}

function requiredPackages(composer: string | undefined): Set<string> {
  try {
    const json = JSON.parse(composer ?? '{}') as { require?: Record<string, string>; 'require-dev'?: Record<string, string> };
    return new Set([...Object.keys(json.require ?? {}), ...Object.keys(json['require-dev'] ?? {})]);
  } catch {
    return new Set();
  }
}

/** `Fortify::ignoreRoutes()` in a service provider of the app (app/Providers, one level of folders). */
function ignoresRoutes(root: string, text: (file: string) => string | undefined): boolean {
  return providerFiles(path.join(root, 'app/Providers')).some((file) => /Fortify::ignoreRoutes\s*\(/.test(text(file) ?? ''));
}

function providerFiles(dir: string, depth = 0): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.slice(0, 200).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && depth < 1) return providerFiles(full, depth + 1);
    return entry.isFile() && entry.name.endsWith('.php') ? [full] : [];
  });
}

/** Middleware names of a config value: a list (unknown entries kept as '?', as route files do) or one string. */
function listOf(value: StaticValue): string[] {
  if (value.kind === 'array') return value.entries.map((e) => (e.value.kind === 'string' ? e.value.value : '?'));
  return [value.kind === 'string' ? value.value : '?'];
}

function stringOf(value: StaticValue | undefined): string | undefined {
  return value?.kind === 'string' ? value.value : undefined;
}

function lineOf(text: string, pattern: RegExp): number {
  const index = text.split('\n').findIndex((l) => pattern.test(l));
  return index + 1 || 1;
}
