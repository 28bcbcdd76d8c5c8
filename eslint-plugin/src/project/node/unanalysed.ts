import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { isFunction, memberPath, objectProperty, propertyName, stringValue, unwrap, walk, type Node } from '../../facts/node/ast';
import { RELEVANT_TEXT } from '../../facts/node/relevant-text';
import { logoutSites, type LogoutSite } from '../../facts/node/sites';
import { isInside } from '../file-admission';
import type { UnanalysedRoute } from '../laravel/route-context';
import { admitRead, DependentCache, fileStamp, noteFile, noteSearch, readText } from './dependencies';
import { hasServerAuth, librariesOf } from './libraries';
import { MAX_MODULE_BYTES, moduleAt, moduleBindings, requireSource, resolveModule, type ParsedModule } from './modules';
import { findRoot, NodeProject, projectAboveFolder, projectFor } from './node-project';
import { isRouteCall } from './routes';

export type { UnanalysedRoute } from '../laravel/route-context';

/**
 * What the JS/TS analysis cannot see, and why (SPEC §2.3, explainable silence), in the shape the
 * Laravel model gives: a project whose package.json is missing, unreadable or names no server
 * auth library (its logouts are not judged: which library and version they call is unknown), a
 * logout route whose handler comes from an installed package or from a module that cannot be
 * resolved, read or parsed, and a router mounted from such a module. No finding is reported for
 * any of them; an editor names them on the route's hover and in the workspace-scan summary.
 * `onlyThisFile`: those of `filePath` (a hover); else those of the projects in and below the
 * folder of `filePath` (a scan of a workspace folder, which may be a monorepo).
 */
export function unanalysedNodeRoutes(filePath: string, onlyThisFile: boolean): UnanalysedRoute[] {
  const file = path.resolve(filePath);
  if (onlyThisFile) return projectRoutes(file, true);
  const dir = path.dirname(file);
  // A folder inside a bigger project lists what lies in the folder.
  const own = projectRoutes(file, false).filter((r) => isInside(r.file, dir));
  return [own, ...nestedProjectDirs(dir).map((nested) => projectRoutes(path.join(nested, 'package.json'), false))].flat();
}

const NOT_PROJECT_DIRS = new Set(['node_modules', 'vendor', 'dist', 'build', 'coverage', 'out', 'tmp', 'public', 'storage']);
/** Folders of a workspace deeper than this are not searched for nested projects. */
const MAX_NESTING = 4;

/** Folders below `dir` with a package.json of their own (workspace packages, an `api/` next to a `web/`). */
function nestedProjectDirs(dir: string, depth = 0): string[] {
  if (depth >= MAX_NESTING) return [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || NOT_PROJECT_DIRS.has(entry.name)) continue;
    const child = path.join(dir, entry.name);
    if (fs.existsSync(path.join(child, 'package.json'))) found.push(child);
    found.push(...nestedProjectDirs(child, depth + 1));
  }
  return found;
}

/** The project of `file` (its nearest package.json, or the folder when there is none). */
function projectRoutes(file: string, onlyThisFile: boolean): UnanalysedRoute[] {
  const problem = manifestProblem(file);
  if (problem) return (onlyThisFile ? [file] : filesUnder(problem.dir)).flatMap((f) => sitesNotJudged(f, problem.dir, problem.reason));
  const project = projectFor(file);
  if (!project) return [];
  if (!hasServerAuth(librariesOf(project))) {
    // A package that is no server (a front end, a library, tooling) has no request logout to judge.
    if (!SERVER_FRAMEWORKS.some((name) => project.has(name))) return [];
    const reason = "package.json declares no server auth library this analysis knows (passport, express-session, cookie-session, koa-passport, @fastify/passport, @adonisjs/auth): the logout's library is unknown, so it is not judged";
    return (onlyThisFile ? [file] : filesUnder(project.root, project)).flatMap((f) => sitesNotJudged(f, project.root, reason));
  }
  // A hover needs the routes of its own file only (asked on every check of an open file).
  if (onlyThisFile) {
    const module = mayDeclare(project.textOf(file) ?? '') ? moduleAt(file, project.root) : null;
    return module ? routesOf(module, project) : [];
  }
  return routesNotFollowed(project);
}

/** Server frameworks: a project declaring one but no auth library the analysis knows has logouts it cannot judge. */
const SERVER_FRAMEWORKS = ['express', 'koa', 'fastify', '@nestjs/core', '@adonisjs/core', '@hapi/hapi', 'restify', 'polka', 'hono', 'h3'];

const JUDGED = 'so its logouts are not judged';
/** Per package.json: its problem, kept while its stamp holds (a hover asks on every check of an open file). */
const manifestProblems = new Map<string, { stamp: string; reason: string | null }>();

/** Why no project model exists above `file`: no package.json, or one that cannot be read as JSON. */
function manifestProblem(file: string): { dir: string; reason: string } | null {
  const root = findRoot(path.dirname(file));
  if (!root) {
    const where = projectAboveFolder(path.dirname(file)) ? 'inside the workspace folder (the one above the folder is not read)' : 'in this folder or above';
    return { dir: path.dirname(file), reason: `no package.json ${where}: which server libraries (passport, express-session, …) and versions this code uses is unknown, ${JUDGED}` };
  }
  const manifest = path.join(root, 'package.json');
  noteFile(manifest);
  const stamp = fileStamp(manifest);
  let known = manifestProblems.get(manifest);
  if (known?.stamp !== stamp) manifestProblems.set(manifest, (known = { stamp, reason: readManifestProblem(manifest) }));
  return known.reason ? { dir: root, reason: known.reason } : null;
}

function readManifestProblem(manifest: string): string | null {
  const root = path.dirname(manifest);
  const text = readText(manifest, root);
  if (text === null) {
    // A FIFO, a link to /dev/zero or out of the project: named, and listed as not read.
    const admission = admitRead(manifest, root);
    return `package.json could not be read (${admission.ok ? 'unreadable' : admission.reason}): its libraries and versions are unknown, ${JUDGED}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `package.json is not valid JSON (${(error as Error).message}): its libraries and versions are unknown, ${JUDGED}`;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return `package.json is not a JSON object: its libraries and versions are unknown, ${JUDGED}`;
  return null;
}

/** Source files of a folder that can hold a logout (the project's own listing, or one made for a folder without a usable package.json). */
function filesUnder(dir: string, project = new NodeProject(dir, {}, new Map())): string[] {
  noteSearch(dir, [RELEVANT_TEXT]);
  return project.sourceFiles().filter((f) => RELEVANT_TEXT.test(project.textOf(f) ?? ''));
}

/** The request logouts of a file of the folder `root` that would have been judged, each as not analysed for `reason`. */
function sitesNotJudged(file: string, root: string, reason: string): UnanalysedRoute[] {
  const module = moduleAt(file, root);
  if (!module || !RELEVANT_TEXT.test(module.text)) return [];
  return logoutSites(module.program)
    .filter(isRequestLogout)
    .map((site) => {
      const node = site.kind === 'session-unset' ? site.node : site.call;
      return { file, line: node.loc.start.line, target: sourceOf(module, node), reason };
    });
}

/** A logout on a request or context (`req.logout()`, `ctx.auth.use('web').logout()`, `req.session = null`); `props.logout()` in a component is not one. */
function isRequestLogout(site: LogoutSite): boolean {
  if (site.kind === 'request-logout') return /^(ctx|context)$|req/i.test(site.receiver);
  return site.kind === 'adonis-logout' || site.kind === 'session-unset';
}

const cache = new DependentCache<UnanalysedRoute[]>();
/** Route or mount calls, and the words a logout route has in its path or handler. */
const ROUTE_OR_MOUNT = /\.(?:get|post|put|patch|delete|del|all|any|route|use|register)\s*\(/;
const MOUNT = /\.(?:use|register)\s*\(/;
const PROJECT_IMPORT = /require\s*\(\s*['"`][.#]|from\s+['"][.#]|import\s*\(\s*['"][.#]/;

/** Whether a module's text can declare a logout route or mount a project module (most modules cannot: they are not parsed). */
function mayDeclare(text: string): boolean {
  return (LOGOUT_WORDS.test(text) && ROUTE_OR_MOUNT.test(text)) || (MOUNT.test(text) && PROJECT_IMPORT.test(text));
}
const LOGOUT_WORDS = /log_?out|sign_?out/i;

/** Logout routes and mounts of the project whose handler or router module the analysis cannot read. */
function routesNotFollowed(project: NodeProject): UnanalysedRoute[] {
  return cache.get(project, 'routes', '', () => {
    noteSearch(project.root, [ROUTE_OR_MOUNT]);
    const found: UnanalysedRoute[] = [];
    for (const file of project.sourceFiles()) {
      const text = project.textOf(file);
      if (!text || !mayDeclare(text)) continue;
      const module = moduleAt(file, project.root);
      if (module) found.push(...routesOf(module, project));
    }
    return found;
  });
}

function routesOf(module: ParsedModule, project: NodeProject): UnanalysedRoute[] {
  const found: UnanalysedRoute[] = [];
  walk(module.program, (node) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return;
    const method = propertyName(node.callee);
    if (method === 'use' || method === 'register') {
      for (const arg of node.arguments) {
        const source = requireSource(arg)?.source ?? importedSource(arg, module);
        // A package mounted as middleware (`app.use(passport.session())`) is the app's setup, not its routes.
        const why = source && isProjectSpecifier(source) ? unreadableModule(source, module, project) : null;
        if (why) found.push({ file: module.file, line: node.loc.start.line, target: sourceOf(module, node), reason: `the router module ${why}: the routes it declares are not analysed` });
      }
      return;
    }
    const route = routeParts(node);
    if (!route) return;
    const { handler, routePath } = route;
    if (!LOGOUT_WORDS.test(`${routePath} ${sourceOf(module, handler)}`)) return;
    const why = unfollowedHandler(handler, module, project);
    if (why) found.push({ file: module.file, line: node.loc.start.line, target: why.target, reason: why.reason });
  });
  return found;
}

/** A route call's path and handler: `app.post('/logout', mw, handler)`, Fastify `fastify.route({ url, handler })`. */
function routeParts(call: TSESTree.CallExpression): { routePath: string; handler: Node } | null {
  const options = call.arguments[0] ? unwrap(call.arguments[0]) : null;
  if (options?.type === 'ObjectExpression' && call.callee.type === 'MemberExpression' && propertyName(call.callee) === 'route') {
    const handler = objectProperty(options, 'handler');
    return handler ? { routePath: stringValue(objectProperty(options, 'url')) ?? '', handler } : null;
  }
  const handler = call.arguments[call.arguments.length - 1];
  if (!isRouteCall(call) || !handler || call.arguments.length < 2) return null;
  return { routePath: stringValue(call.arguments[0]) ?? '', handler };
}

/** Why a route's handler argument cannot be followed into project code, or null when it can (or is inline). */
function unfollowedHandler(arg: Node, module: ParsedModule, project: NodeProject): { target: string; reason: string } | null {
  const a = unwrap(arg);
  const only = a.type === 'CallExpression' && a.arguments.length === 1 ? unwrap(a.arguments[0]!) : null;
  // `catchAsync(sso.logout)`: the wrapped handler decides.
  if (only && a.type === 'CallExpression' && a.callee.type === 'Identifier' && (only.type === 'Identifier' || only.type === 'MemberExpression' || isFunction(only))) {
    return unfollowedHandler(only, module, project);
  }
  // AdonisJS `[SessionController, 'destroy']`; a handler made by a call (`sso.logoutHandler({ … })`) is its maker's.
  const element = a.type === 'ArrayExpression' && a.elements.length === 2 && a.elements[0] ? a.elements[0] : null;
  const reference = element ?? (a.type === 'CallExpression' ? a.callee : a);
  const source = requireSource(reference)?.source ?? importedSource(reference, module);
  if (!source) return null;
  const target = `${sourceOf(module, a)} from '${source}'`;
  if (!isProjectSpecifier(source)) {
    const name = packageName(source);
    if (project.has(name) || fs.existsSync(path.join(project.root, 'node_modules', name))) {
      return { target, reason: `the handler comes from the installed package ${name}, which this analysis does not read (vendor code)` };
    }
    return { target, reason: `'${source}' is neither a relative import nor a declared package (a path alias?): the handler is not followed` };
  }
  const why = unreadableModule(source, module, project);
  return why ? { target, reason: `the handler's module ${why}` } : null;
}

/** Why the project module `source` (relative or `#alias`) cannot be analysed, or null when it can. */
function unreadableModule(source: string, module: ParsedModule, project: NodeProject): string | null {
  const file = resolveModule(module.file, source, project);
  if (!file) return `'${source}' cannot be resolved to a file of the project`;
  const admission = admitRead(file, project.root, MAX_MODULE_BYTES);
  if (!admission.ok) return `${rel(project.root, file)} was not read (${admission.reason})`;
  return moduleAt(file, project.root) ? null : `${rel(project.root, file)} could not be parsed`;
}

/** The import a reference's first name is bound to (`sso` in `sso.logout`). */
function importedSource(node: Node, module: ParsedModule): string | null {
  const head = memberPath(node)?.[0];
  const binding = head ? moduleBindings(module.program).get(head) : undefined;
  return binding?.kind === 'import' ? binding.source : null;
}

function isProjectSpecifier(source: string): boolean {
  return source.startsWith('.') || source.startsWith('#');
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(source: string): string {
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function sourceOf(module: ParsedModule, node: TSESTree.Node): string {
  const text = module.text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function rel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
