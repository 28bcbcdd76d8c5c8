import * as path from 'node:path';
import type { Setting, GuardConfig } from '../../facts/laravel/config';
import { STATEFUL_MIDDLEWARE, type MiddlewareSetup } from '../../facts/laravel/middleware-groups';
import type { MiddlewareRef } from '../../facts/laravel/routes';

/** Where a route's handler lives: a class method (declaring file + class) or a closure. */
export type HandlerRef =
  | { kind: 'method'; file: string; className: string; method: string; routedClass: string }
  | { kind: 'closure'; file: string; line: number; column: number }
  /**
   * A vendor action whose behaviour is known (SPEC §2.3), e.g. laravel/ui's `AuthenticatesUsers::logout()`
   * on an app controller that has no `logout()` of its own. `file` is the route's file: there is no app line.
   */
  | { kind: 'vendor'; vendor: KnownVendorAction; file: string; className: string; method: string; routedClass: string };

/** Vendor actions the analysis knows by heart. */
export type KnownVendorAction = 'laravel/ui logout()' | 'Fortify destroy()';

/** A route whose handler the analysis cannot see: no finding, and the editor says why (SPEC §2.3). */
export interface UnanalysedRoute {
  file: string;
  line: number;
  /** What the route points at: `Vendor\\Controller@method`, `Route::authRoutes()`. */
  target: string;
  reason: string;
}

export interface ResolvedRoute {
  file: string;
  line: number;
  verbs: string[];
  uri: string;
  handler: HandlerRef;
  /** Middleware as declared (groups and aliases unexpanded), in Laravel's order, each with its source. */
  declared: MiddlewareRef[];
  excluded: MiddlewareRef[];
}

/** One middleware after group expansion and alias resolution. */
export interface ChainEntry {
  /** As written: `auth:sanctum`, `web`, a class. */
  name: string;
  /** Class (with parameters) it resolves to, when known. */
  resolved: string;
  /** The declared entry it came from (a group entry points at the group's use on the route). */
  declaredAt: MiddlewareRef;
  /** For entries from a group: the group name and the entry's own source. */
  group?: { name: string; source: MiddlewareRef };
}

/**
 * 'yes': StartSession runs (web group); 'stateful': only for the SPA's cookie requests
 * (EnsureFrontendRequestsAreStateful); 'no': nothing starts one; 'unknown': no session
 * middleware was found but some middleware could not be resolved (it might start one).
 */
export type SessionAvailability = 'yes' | 'stateful' | 'no' | 'unknown';

export interface EffectiveGuard {
  /** undefined = unknown (no config/auth.php default). */
  name: string | undefined;
  driver: string | undefined;
  /** The auth middleware that selects it, or undefined when the default guard applies. */
  middleware: ChainEntry | undefined;
  /** An auth middleware with explicit guards chose it (shouldUse()); false when the default guard applies. */
  selectedByMiddleware: boolean;
  /** e.g. "routes/web.php:5 applies auth:sanctum" or "no auth middleware: default guard from config/auth.php:5". */
  explanation: string;
}

export interface RouteContext {
  route: ResolvedRoute;
  chain: ChainEntry[];
  effectiveGuard: EffectiveGuard;
  session: SessionAvailability;
  /** Why the route has (or lacks) a session. */
  sessionExplanation: string;
}

export interface ProjectSettings {
  root: string;
  defaultGuard: Setting<string>;
  guards: Map<string, GuardConfig>;
  sessionDriver: Setting<string>;
  frameworkVersion: Setting<string>;
  /** The session guard Sanctum tries first (config/sanctum.php `guard`), else the first session guard. */
  sessionGuardName: string;
  sanctumInstalled: boolean;
  /** Drivers the app registers with `Auth::viaRequest('name', …)`, or declared as `tokenDrivers` in settings: without logout(). */
  requestGuardDrivers: Set<string>;
  /** Custom drivers declared as `sessionDrivers` in settings: session guards, like `session`. */
  sessionDrivers: ReadonlySet<string>;
}

/** Drivers that never authenticate a cookie request: a cookie request falls through to the next guard. */
const BEARER_ONLY_DRIVERS = new Set(['token', 'jwt']);

export function guardDriver(settings: ProjectSettings, name: string | undefined): string | undefined {
  if (!name) return undefined;
  const configured = settings.guards.get(name);
  if (configured) return configured.driver;
  // SanctumServiceProvider registers `auth.guards.sanctum` itself.
  if (name === 'sanctum') return 'sanctum';
  return undefined;
}

/** A session guard's driver: `session`, or a custom driver the settings declare as one. */
export function isSessionDriver(driver: string | undefined, settings?: ProjectSettings): boolean {
  return driver === 'session' || (driver !== undefined && !!settings?.sessionDrivers.has(driver));
}

/** A guard that is not a session guard (sanctum, passport, token, jwt, viaRequest drivers). Unknown driver → false. */
export function isTokenCapable(driver: string | undefined, settings?: ProjectSettings): boolean {
  return driver !== undefined && !isSessionDriver(driver, settings);
}

/** Drivers known to build a guard without logout(): Sanctum's RequestGuard, Passport's and the framework's TokenGuard. */
const DRIVERS_WITHOUT_LOGOUT = new Set(['sanctum', 'passport', 'token']);

/** Calling logout() on this driver's guard throws BadMethodCallException. Other custom drivers: unknown, so false. */
export function lacksLogout(driver: string | undefined, settings?: ProjectSettings): boolean {
  return driver !== undefined && (DRIVERS_WITHOUT_LOGOUT.has(driver) || !!settings?.requestGuardDrivers.has(driver));
}


/** Laravel 11+ default groups (Configuration/Middleware.php); ≤ 10 apps define theirs in the Kernel. */
const DEFAULT_GROUPS: Record<string, string[]> = {
  web: [
    'Illuminate\\Cookie\\Middleware\\EncryptCookies',
    'Illuminate\\Cookie\\Middleware\\AddQueuedCookiesToResponse',
    'Illuminate\\Session\\Middleware\\StartSession',
    'Illuminate\\View\\Middleware\\ShareErrorsFromSession',
    'Illuminate\\Foundation\\Http\\Middleware\\ValidateCsrfToken',
    'Illuminate\\Routing\\Middleware\\SubstituteBindings',
  ],
  api: ['Illuminate\\Routing\\Middleware\\SubstituteBindings'],
};

const DEFAULT_ALIASES: Record<string, string> = {
  auth: 'Illuminate\\Auth\\Middleware\\Authenticate',
  'auth.basic': 'Illuminate\\Auth\\Middleware\\AuthenticateWithBasicAuth',
  'auth.session': 'Illuminate\\Session\\Middleware\\AuthenticateSession',
  guest: 'Illuminate\\Auth\\Middleware\\RedirectIfAuthenticated',
  verified: 'Illuminate\\Auth\\Middleware\\EnsureEmailIsVerified',
  throttle: 'Illuminate\\Routing\\Middleware\\ThrottleRequests',
  can: 'Illuminate\\Auth\\Middleware\\Authorize',
  'cache.headers': 'Illuminate\\Http\\Middleware\\SetCacheHeaders',
  'password.confirm': 'Illuminate\\Auth\\Middleware\\RequirePassword',
  precognitive: 'Illuminate\\Foundation\\Http\\Middleware\\HandlePrecognitiveRequests',
  signed: 'Illuminate\\Routing\\Middleware\\ValidateSignature',
};

/** Group contents and aliases in effect for the project (defaults, then the Kernel or bootstrap edits). */
export interface MiddlewareTable {
  groups: Map<string, MiddlewareRef[]>;
  /** Global middleware, run before every route's own. */
  global: MiddlewareRef[];
  aliases: Map<string, MiddlewareRef | { name: string; file: undefined; line: undefined }>;
}

export function middlewareTable(setup: MiddlewareSetup | undefined): MiddlewareTable {
  const groups = new Map<string, MiddlewareRef[]>();
  const aliases: MiddlewareTable['aliases'] = new Map(Object.entries(DEFAULT_ALIASES).map(([alias, name]) => [alias, { name, file: undefined, line: undefined }]));
  const builtIn = (names: string[]): MiddlewareRef[] => names.map((name) => ({ name, file: '', line: 0, via: 'framework default' }));
  if (setup?.style === 'kernel') {
    for (const [name, entries] of setup.groups) groups.set(name, entries);
  } else {
    for (const [name, entries] of Object.entries(DEFAULT_GROUPS)) groups.set(name, builtIn(entries));
  }
  for (const edit of setup?.edits ?? []) {
    const current = groups.get(edit.group) ?? [];
    switch (edit.op) {
      case 'define':
        groups.set(edit.group, edit.entries);
        break;
      case 'append':
        groups.set(edit.group, [...current, ...edit.entries]);
        break;
      case 'prepend':
        groups.set(edit.group, [...edit.entries, ...current]);
        break;
      case 'remove': {
        const removed = new Set(edit.entries.map((e) => e.name.toLowerCase()));
        groups.set(edit.group, current.filter((e) => !removed.has(e.name.toLowerCase())));
        break;
      }
      case 'replace':
        groups.set(edit.group, current.flatMap((e) => (e.name.toLowerCase() === edit.replaces?.toLowerCase() ? edit.entries : [e])));
        break;
    }
  }
  for (const [alias, target] of setup?.aliases ?? []) aliases.set(alias, target);
  // Only session middleware matters globally: other global entries (CORS, trim strings, …) would only lengthen every chain.
  const global = (setup?.global ?? []).filter((ref) => /session/i.test(ref.name));
  return { groups, aliases, global };
}

function splitName(name: string): { base: string; params: string[] } {
  const colon = name.indexOf(':');
  if (colon < 0) return { base: name, params: [] };
  return { base: name.slice(0, colon), params: name.slice(colon + 1).split(',').map((p) => p.trim()).filter(Boolean) };
}

function resolveName(table: MiddlewareTable, name: string): string {
  const { base, params } = splitName(name);
  const alias = table.aliases.get(base);
  const cls = alias ? alias.name : base;
  return params.length ? `${cls}:${params.join(',')}` : cls;
}

/** Expands groups (recursively) and resolves aliases, keeping each entry's source; applies exclusions and de-duplicates. */
export function expandChain(table: MiddlewareTable, declared: MiddlewareRef[], excluded: MiddlewareRef[]): ChainEntry[] {
  const out: ChainEntry[] = [];
  const visit = (ref: MiddlewareRef, declaredAt: MiddlewareRef, group: ChainEntry['group'], depth: number): void => {
    const members = table.groups.get(ref.name);
    if (members && depth < 5) {
      for (const member of members) visit(member, declaredAt, { name: ref.name, source: member }, depth + 1);
      return;
    }
    out.push({ name: ref.name, resolved: resolveName(table, ref.name), declaredAt, group });
  };
  for (const ref of declared) visit(ref, ref, undefined, 0);
  // Like Laravel's MiddlewareNameResolver, an excluded group name excludes every member.
  const removed = new Set<string>();
  const exclude = (name: string, depth: number): void => {
    const members = table.groups.get(name);
    if (members && depth < 5) members.forEach((m) => exclude(m.name, depth + 1));
    else removed.add(resolveName(table, name).toLowerCase());
  };
  excluded.forEach((e) => exclude(e.name, 0));
  const seen = new Set<string>();
  return out.filter((entry) => {
    const key = entry.resolved.toLowerCase();
    if (removed.has(key) || (!key.includes(':') && [...removed].some((r) => !r.includes(':') && shortName(r) === shortName(key)))) return false;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function shortName(cls: string): string {
  return cls.split('\\').pop()!.toLowerCase();
}

/** `auth`, `auth:g1,g2`, `Authenticate::class.':g'`, `Authenticate::using(...)` (not auth.basic / auth.session). */
export function authGuardsOf(entry: ChainEntry): string[] | undefined {
  const { base, params } = splitName(entry.name);
  const resolvedBase = splitName(entry.resolved).base;
  if (base === 'auth' || shortName(resolvedBase) === 'authenticate') return params;
  return undefined;
}

export function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

export function describeEntry(root: string, entry: ChainEntry): string {
  const at = entry.declaredAt;
  const where = at.file ? `${relative(root, at.file)}:${at.line}` : 'the framework';
  const via = at.via && at.via !== 'route' ? ` (${at.via})` : '';
  if (entry.group) {
    const source = entry.group.source;
    const how = source.via && source.via !== 'framework default' ? `${source.via} at ` : '';
    const inner = source.file ? ` (${how}${relative(root, source.file)}:${source.line})` : ' (framework default)';
    return `${where} applies the ${entry.group.name} group${via}, which contains ${entry.name}${inner}`;
  }
  return `${where} applies ${entry.name}${via}`;
}

/** A middleware that is neither a known class, an alias nor a group (a computed value, or a group registered at runtime). */
function isUnresolved(table: MiddlewareTable, entry: ChainEntry): boolean {
  const base = splitName(entry.name).base;
  return base === '?' || (!base.includes('\\') && !table.aliases.has(base) && !table.groups.has(base));
}

function entryName(entry: ChainEntry): string {
  return entry.name === '?' ? `a middleware computed at ${entry.declaredAt.file ? `line ${entry.declaredAt.line}` : 'runtime'}` : entry.name;
}

/** What a middleware list means, independent of the route carrying it (shared by routes with the same list). */
interface ChainAnalysis {
  chain: ChainEntry[];
  effectiveGuard: EffectiveGuard;
  session: SessionAvailability;
  starts: ChainEntry | undefined;
  stateful: ChainEntry | undefined;
  unresolved: ChainEntry | undefined;
}

/** Key of a declared middleware list: equal keys (same entries from the same places) give equal analyses. */
function chainKey(route: ResolvedRoute): string {
  const ref = (r: MiddlewareRef) => `${r.name}@${r.file}:${r.line}:${r.via ?? ''}`;
  return `${route.declared.map(ref).join('|')}#${route.excluded.map(ref).join('|')}`;
}

/**
 * The route's context. `memo` shares the analysis between routes with the same middleware list
 * (a big app has thousands of routes but few distinct lists); it must be dropped when the
 * settings or the middleware table change.
 */
export function computeContext(settings: ProjectSettings, table: MiddlewareTable, route: ResolvedRoute, memo?: Map<string, ChainAnalysis>): RouteContext {
  const key = memo ? chainKey(route) : '';
  let analysis = memo?.get(key);
  if (!analysis) {
    analysis = analyseChain(settings, table, route);
    memo?.set(key, analysis);
  }
  const { chain, effectiveGuard, session, starts, stateful, unresolved } = analysis;
  const root = settings.root;
  // Explanations are only read for findings and hovers: built on first use (a big app has thousands of routes).
  return lazy({ route, chain, effectiveGuard, session }, 'sessionExplanation', () =>
    starts
      ? `${describeEntry(root, starts)}, which starts a session`
      : stateful
        ? `${describeEntry(root, stateful)}, which starts a session for the SPA's cookie requests`
        : unresolved
          ? `no session middleware was found, but ${entryName(unresolved)} could not be resolved`
          : `no middleware of ${relative(root, route.file)}:${route.line} starts a session (no web group, no EnsureFrontendRequestsAreStateful / statefulApi())`,
  );
}

function analyseChain(settings: ProjectSettings, table: MiddlewareTable, route: ResolvedRoute): ChainAnalysis {
  const chain = expandChain(table, [...table.global, ...route.declared], route.excluded);
  const root = settings.root;
  // Each Authenticate middleware calls shouldUse() for its first passing guard: the last one with guards wins.
  const authEntries = chain.flatMap((entry) => {
    const guards = authGuardsOf(entry);
    return guards ? [{ entry, guards }] : [];
  });
  const explicit = [...authEntries].reverse().find((a) => a.guards.length > 0);
  let effectiveGuard: EffectiveGuard;
  if (explicit) {
    const drivers = explicit.guards.map((g) => guardDriver(settings, g));
    const index = drivers.findIndex((d) => !d || !BEARER_ONLY_DRIVERS.has(d));
    const name = explicit.guards[index < 0 ? 0 : index]!;
    const entry = explicit.entry;
    effectiveGuard = lazy({ name, driver: guardDriver(settings, name), middleware: entry, selectedByMiddleware: true }, 'explanation', () => describeEntry(root, entry));
  } else {
    const name = settings.defaultGuard.value;
    const first = authEntries[0]?.entry;
    effectiveGuard = lazy({ name, driver: guardDriver(settings, name), middleware: first, selectedByMiddleware: false }, 'explanation', () => {
      const prefix = first ? `${describeEntry(root, first)}, i.e. the default guard` : 'the route has no auth middleware, so the default guard applies';
      return `${prefix} (${name ?? 'unknown'}, ${settings.defaultGuard.source})`;
    });
  }
  // Subclasses count too: BookStack's StartSessionExtended, Firefly III's StartFireflyIIISession.
  const starts = chain.find((e) => /^start\w*session/.test(shortName(splitName(e.resolved).base)));
  const stateful = chain.find((e) => splitName(e.resolved).base.toLowerCase() === STATEFUL_MIDDLEWARE.toLowerCase() || shortName(splitName(e.resolved).base).includes('ensurefrontendrequestsarestateful'));
  const unresolved = chain.find((e) => isUnresolved(table, e));
  const session: SessionAvailability = starts ? 'yes' : stateful ? 'stateful' : unresolved ? 'unknown' : 'no';
  return { chain, effectiveGuard, session, starts, stateful, unresolved };
}

/** Adds a string property computed on first read (and then kept). */
function lazy<T extends object, K extends string>(target: T, key: K, compute: () => string): T & Record<K, string> {
  let value: string | undefined;
  Object.defineProperty(target, key, { enumerable: true, get: () => (value ??= compute()) });
  return target as T & Record<K, string>;
}

/** The structured chain behind a route's findings, for the language server's related locations and hover. */
export interface RouteExplanation {
  route: { file: string; line: number; verbs: string[]; uri: string };
  /** Expanded middleware in order; `file`/`line` say where the route got it, `groupEntry` where a group lists it. */
  middleware: { name: string; resolved: string; file: string | undefined; line: number | undefined; via: string | undefined; group: string | undefined; groupEntry: { file: string; line: number } | undefined }[];
  effectiveGuard: { name: string | undefined; driver: string | undefined; file: string | undefined; line: number | undefined; selectedByMiddleware: boolean; explanation: string };
  session: { available: SessionAvailability; explanation: string };
  sessionDriver: Setting<string>;
  frameworkVersion: Setting<string>;
}

export function explainContext(settings: ProjectSettings, context: RouteContext): RouteExplanation {
  const at = (ref: MiddlewareRef | undefined) => (ref?.file ? { file: ref.file, line: ref.line } : undefined);
  const guardAt = at(context.effectiveGuard.middleware?.declaredAt);
  return {
    route: { file: context.route.file, line: context.route.line, verbs: context.route.verbs, uri: context.route.uri },
    middleware: context.chain.map((entry) => ({
      name: entry.name,
      resolved: entry.resolved,
      file: at(entry.declaredAt)?.file,
      line: at(entry.declaredAt)?.line,
      via: entry.declaredAt.via,
      group: entry.group?.name,
      groupEntry: at(entry.group?.source),
    })),
    effectiveGuard: {
      name: context.effectiveGuard.name,
      driver: context.effectiveGuard.driver,
      file: guardAt?.file,
      line: guardAt?.line,
      selectedByMiddleware: context.effectiveGuard.selectedByMiddleware,
      explanation: context.effectiveGuard.explanation,
    },
    session: { available: context.session, explanation: context.sessionExplanation },
    sessionDriver: settings.sessionDriver,
    frameworkVersion: settings.frameworkVersion,
  };
}
