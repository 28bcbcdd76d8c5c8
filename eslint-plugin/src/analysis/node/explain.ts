import * as path from 'node:path';
import { isTokenMechanism, isTokenOnly } from '../../facts/node/auth-chain';
import { fromText } from '../../project/node/modules';
import { projectFor } from '../../project/node/node-project';
import { librariesOf } from '../../project/node/libraries';
import { mountLocations, routeContextOf } from '../../project/node/routes';
import { callPathsTo, incompleteCaller, routesReaching, type IncompleteCaller } from './call-paths';
import type { FileContext } from './finding';
import { logoutSites, siteHandler } from '../../facts/node/sites';

// The editor-facing half of the JS facts (this module is the package's `./node` entry): hovers,
// and what an editor needs to re-check open files when another module changes.
export { dependsOn, fileChangedOnDisk, recordDependencies, refusedNodeFiles, setEditorText, type JsDependencies } from '../../project/node/dependencies';
// What the JS/TS analysis could not see, and why: for the route hover and the workspace-scan summary (SPEC §2.3).
export { unanalysedNodeRoutes, type UnanalysedRoute } from '../../project/node/unanalysed';
// An editor's workspace folders: the Node project model reads nothing outside them.
export { stayInsideFolder } from '../../project/node/node-project';

/** Libraries whose versions change a JS finding or its fix (SPEC §3). */
const VERSIONED = ['passport', 'express-session', 'cookie-session', 'koa-passport', 'koa-session', '@fastify/passport', '@fastify/session', '@fastify/secure-session', '@adonisjs/auth', '@adonisjs/session', '@nestjs/passport'];

export interface JsLibraryVersion {
  name: string;
  /** `0.7.0` from the lock file, or the package.json range. */
  version: string;
  origin: 'lock file' | 'package.json range' | 'package.json (no readable version)';
}

/** A line of a project file (1-based), for an editor's related locations. */
export interface JsSourceLine {
  filePath: string;
  line: number;
}

export interface JsFindingExplanation {
  /** The project root (nearest package.json). */
  projectRoot: string;
  libraries: JsLibraryVersion[];
  /** The route that reaches the handler, when one was found (possibly in another module). */
  route: {
    filePath: string;
    line: number;
    /** Auth mechanisms in order: passport strategies, guard names, hand-written middleware kinds. */
    mechanisms: { name: string; kind: 'token' | 'session or other' }[];
    /** A gate on the way admits token-authenticated requests only: no session findings there. */
    tokenOnly: boolean;
    /** The `use()` / `register()` calls in other modules that mount the route's module, nearest first. */
    mountedAt: JsSourceLine[];
  } | null;
  /**
   * A logout in a helper: the call, in the caller that leaves it incomplete, named by the finding's
   * message (SPEC §2.3); `route` is then that caller's route. Null for a logout judged in its handler.
   */
  incompleteCaller: JsSourceLine | null;
}

/**
 * What a JS/TS finding on `line` rests on, for an editor hover and related locations: the library
 * versions read from package.json / the lock file, the route (with its auth chain and the mounts in
 * front of it) that reaches the handler, and for a helper the caller `message` names as incomplete.
 * Reads the given text (an unsaved buffer is fine); null when the line has no logout handler.
 */
export function explainJsFinding(filePath: string, text: string, line: number, message?: string): JsFindingExplanation | null {
  const project = projectFor(filePath);
  const module = project ? fromText(filePath, text) : null;
  if (!project || !module) return null;
  const sites = logoutSites(module.program);
  const site = sites.find((s) => (s.kind === 'session-unset' ? s.node : s.call).loc.start.line === line) ?? sites.find((s) => {
    const handler = siteHandler(s);
    return handler && handler.loc.start.line <= line && line <= handler.loc.end.line;
  });
  const handler = site ? siteHandler(site) : null;
  if (!handler) return null;
  const libraries: JsLibraryVersion[] = [];
  for (const name of VERSIONED) {
    const dep = project.dependency(name);
    if (!dep) continue;
    libraries.push({
      name,
      version: dep.source === 'lock' && dep.version ? dep.version.join('.') : dep.declared,
      origin: dep.source === 'lock' ? 'lock file' : dep.source === 'range' ? 'package.json range' : 'package.json (no readable version)',
    });
  }
  const ctx: FileContext = { module, project, libs: librariesOf(project), typescript: /\.[cm]?tsx?$/.test(filePath) };
  const caller = message ? callerNamedIn(ctx, handler, message) : null;
  // A helper has no route of its own: its incomplete caller's, else the first route reaching it through its callers (SPEC §2.3).
  const context = caller ? caller.route : routeContextOf(handler, module, project) ?? routesReaching(ctx, handler)[0] ?? null;
  return {
    projectRoot: project.root,
    libraries,
    route: context
      ? {
          filePath: path.resolve(context.routeFile),
          line: context.routeLine,
          mechanisms: context.chain.mechanisms.map((name) => ({ name, kind: isTokenMechanism(name) ? 'token' : 'session or other' })),
          tokenOnly: isTokenOnly(context.chain),
          mountedAt: mountLocations(project, path.resolve(context.routeFile)).map((mount) => ({ filePath: path.resolve(mount.file), line: mount.line })),
        }
      : null,
    incompleteCaller: caller ? { filePath: path.resolve(caller.file), line: caller.line } : null,
  };
}

/** The caller on a path to `handler` that `message` names as leaving the logout incomplete (the analysis's own label). */
function callerNamedIn(ctx: FileContext, handler: NonNullable<ReturnType<typeof siteHandler>>, message: string): IncompleteCaller | null {
  const { paths, routeOf } = callPathsTo(ctx, handler);
  for (const p of paths) {
    if (p.calls.length === 0) continue;
    const caller = incompleteCaller(ctx, p, routeOf(p.entry));
    if (message.includes(`when called from ${caller.label}`)) return caller;
  }
  return null;
}
