import { DependentCache } from './dependencies';
import { moduleBindings, type ParsedModule } from './modules';
import type { NodeProject } from './node-project';
import { compareVersions, type Version } from '../../facts/node/versions';

/** The auth/session libraries a project declares, with the version thresholds SPEC §3 depends on. */
export interface NodeLibraries {
  project: NodeProject;
  passport: boolean;
  /** passport ≥ 0.6 (callback logout that regenerates); null = version unknown. */
  passportRegenerates: boolean | null;
  expressSession: boolean;
  cookieSession: boolean;
  /** koa-passport, declared or only installed by another dependency (lock file). */
  koaPassport: boolean;
  /** koa-passport ≥ 6 returns a Promise from ctx.logout(); false = an older, synchronous one (passport < 0.6); null = unknown. */
  koaPassportPromise: boolean | null;
  fastifyPassport: boolean;
  /** @fastify/session (a store-backed session; secure-session is a stateless cookie). */
  fastifySession: boolean;
  /** @fastify/session ≤ 11.1.2: regenerate() keeps the old store record. */
  fastifySessionKeepsOldRow: boolean;
  adonisAuth: boolean;
  nestPassport: boolean;
}

const PASSPORT_REGENERATES: Version = [0, 6, 0];
const KOA_PASSPORT_PROMISE: Version = [6, 0, 0];
/** The first @fastify/session after 11.1.2 destroys the previous id on regenerate (PR #348). */
const FASTIFY_SESSION_FIXED: Version = [11, 1, 3];

const cache = new WeakMap<NodeProject, NodeLibraries>();

export function librariesOf(project: NodeProject): NodeLibraries {
  let libs = cache.get(project);
  if (libs) return libs;
  const fastifySessionFixed = project.atLeast('@fastify/session', FASTIFY_SESSION_FIXED);
  libs = {
    project,
    passport: project.has('passport') || project.has('@nestjs/passport'),
    passportRegenerates: project.atLeast('passport', PASSPORT_REGENERATES),
    expressSession: project.has('express-session'),
    cookieSession: project.has('cookie-session'),
    koaPassport: project.has('koa-passport') || project.lockedVersion('koa-passport') !== null,
    koaPassportPromise: project.atLeast('koa-passport', KOA_PASSPORT_PROMISE) ?? transitiveAtLeast(project, 'koa-passport', KOA_PASSPORT_PROMISE),
    fastifyPassport: project.has('@fastify/passport'),
    fastifySession: project.has('@fastify/session'),
    fastifySessionKeepsOldRow: fastifySessionFixed === false,
    adonisAuth: project.has('@adonisjs/auth'),
    nestPassport: project.has('@nestjs/passport'),
  };
  cache.set(project, libs);
  return libs;
}

/** A package another dependency installs (e.g. a framework's auth wrapper around koa-passport), by its locked version. */
function transitiveAtLeast(project: NodeProject, name: string, minimum: Version): boolean | null {
  const locked = project.has(name) ? null : project.lockedVersion(name);
  return locked ? compareVersions(locked, minimum) >= 0 : null;
}

/** Whether the project has any server-side library whose logout we analyse (front ends have none). */
export function hasServerAuth(libs: NodeLibraries): boolean {
  return libs.passport || libs.koaPassport || libs.fastifyPassport || libs.adonisAuth || libs.expressSession || libs.cookieSession;
}

export type SessionLibrary = 'express-session' | 'cookie-session';

/** The session middleware an Express module runs under; with both declared, the one the module imports decides. */
export function sessionLibraryOf(libs: NodeLibraries, module: ParsedModule): SessionLibrary | null {
  if (libs.cookieSession && !libs.expressSession) return 'cookie-session';
  if (libs.expressSession && !libs.cookieSession) return 'express-session';
  if (libs.cookieSession && libs.expressSession) {
    const imports = [...moduleBindings(module.program).values()].some((b) => b.kind === 'import' && b.source === 'cookie-session');
    if (imports) return 'cookie-session';
    // Both declared: the one the project's sources load (often in a middleware module of its own).
    const loaded = (name: string) => libs.project.firstFileMatching(new RegExp(`(?:require\\(|from\\s*)['"\`]${name}['"\`]`)) !== null;
    return loaded('cookie-session') && !loaded('express-session') ? 'cookie-session' : 'express-session';
  }
  return null;
}

const UNSET_DESTROY = /unset\s*:\s*['"`]destroy['"`]/;
const unsetDestroyCache = new DependentCache<boolean>();
/** Per module: asked once per handler, a text search per handler was quadratic in a file of thousands of routes. */
const unsetDestroyInModule = new WeakMap<ParsedModule, boolean>();

function moduleSetsUnsetDestroy(module: ParsedModule): boolean {
  let found = unsetDestroyInModule.get(module);
  if (found === undefined) unsetDestroyInModule.set(module, (found = UNSET_DESTROY.test(module.text)));
  return found;
}

/** express-session `unset: 'destroy'` in this module or anywhere in the project (then `= null` destroys the row). */
export function sessionUnsetDestroys(project: NodeProject, module: ParsedModule): boolean {
  if (moduleSetsUnsetDestroy(module)) return true;
  return unsetDestroyCache.get(project, 'unset-destroy', '', () => project.firstFileMatching(UNSET_DESTROY) !== null);
}

/** The newest major of each versioned library whose behaviour SPEC §3 describes. */
const NEWEST_KNOWN_MAJOR: Record<string, { major: number; label: string }> = {
  passport: { major: 0, label: '0.7' },
  '@adonisjs/auth': { major: 9, label: '9 (AdonisJS 6)' },
  'koa-passport': { major: 6, label: '6' },
};

/**
 * How a message names the library version it relied on. A major newer than the newest known is
 * judged as the newest known (SPEC §3, decided 2026-12-04), and the message says so.
 */
export function libraryLabel(project: NodeProject, name: string): string {
  const described = project.describe(name);
  const newest = NEWEST_KNOWN_MAJOR[name];
  const version = project.dependency(name)?.version;
  const newer = newest && version && (newest.major === 0 ? version[0] >= 1 : version[0] > newest.major);
  return newer ? `${described}, newer than the newest known ${newest.label} and assumed to behave like it` : described;
}

const SESSION_LOGIN = /passport\.session\s*\(|\.authenticate\(\s*['"`]session['"`]/;
const SESSIONLESS_LOGIN = /\b(?:logIn|login)\s*\([^()]*\{[^{}]*\bsession\s*:\s*false/;
const sessionLoginCache = new DependentCache<boolean>();

/**
 * Whether passport keeps its login in the session. False only on evidence: logins are made with
 * `{ session: false }` and no `passport.session()` / `authenticate('session')` restores one anywhere
 * (a JWT app that mounts express-session for OAuth state): a logout there ends no session login.
 */
export function passportLoginInSession(project: NodeProject, module: ParsedModule): boolean {
  if (SESSION_LOGIN.test(module.text)) return true;
  return sessionLoginCache.get(project, 'passport-session-login', '', () => project.firstFileMatching(SESSION_LOGIN) !== null || project.firstFileMatching(SESSIONLESS_LOGIN) === null);
}
