import * as path from 'node:path';
import type { ControllerMiddleware } from '../../facts/laravel/middleware-controller';
import { extractRouteFile, type MiddlewareRef, type RouteItem } from '../../facts/laravel/routes';
import { realPathOf } from '../file-admission';
import type { ProjectFiles } from '../project-files';
import { WalkBudget } from '../walk-budget';
import type { ConfigLookup } from './app-config';
import { controllerMiddleware, resolveMethod, type ClassLookup } from './controller-classes';
import { applyNamespace, mergeAttrs, type InheritedAttrs } from './route-composition';
import type { HandlerRef, ResolvedRoute, UnanalysedRoute } from './route-context';
import { routeFilesIn } from './route-folders';
import { knownVendorAction, unresolvedReason } from './vendor-actions';

/** Route files loading route files: deeper than any real app, shallow enough to stop a runaway. */
const MAX_ROUTE_FILE_DEPTH = 16;
/** Route files entered per build in total: includes that fan out (each file twice per level) stop here. */
const MAX_ROUTE_FILE_EXPANSIONS = 2_000;

const LOGOUT_LIKE = /log_?out|sign_?out|destroy|session/i;

/**
 * Route items per route file, kept from build to build: a file is extracted again only when it
 * or a config file (or .env) it consulted changed.
 */
export class RouteFileItems {
  readonly #byFile = new Map<string, { hash: string; consulted: [string, string][]; items: RouteItem[] }>();

  constructor(
    private readonly root: string,
    private readonly files: ProjectFiles,
  ) {}

  /** A route file's items; the config files it consulted go into `deps` (read or not this time). */
  of(file: string, config: ConfigLookup, deps: Set<string>): RouteItem[] {
    const hash = this.files.hash(file);
    const cached = this.#byFile.get(file);
    if (cached && cached.hash === hash && cached.consulted.every(([f, h]) => this.files.hash(f) === h)) {
      for (const [f] of cached.consulted) deps.add(f);
      return cached.items;
    }
    const consulted = new Map<string, string>();
    const program = this.files.parse(file, this.files.text(file));
    let items: RouteItem[] = [];
    try {
      items = program ? extractRouteFile(program, { file, root: this.root, config: (key) => config(key, consulted) }) : [];
    } catch {
      // Half-typed code can leave shapes the extractor does not expect: the file contributes no routes.
      items = [];
    }
    this.#byFile.set(file, { hash, consulted: [...consulted], items });
    return items;
  }
}

/**
 * One build's walk from the files that load the routes down to each route: groups and includes
 * nested, namespaces applied, the handler found (class method through traits and parents, route
 * closure, or a known vendor action) with the middleware its controller adds.
 */
export class RouteWalk {
  /** Routes whose handler could not be read (vendor code not modelled, macros, missing files), in the order met. */
  readonly unanalysed: UnanalysedRoute[] = [];
  readonly #includes = new WalkBudget(MAX_ROUTE_FILE_DEPTH, MAX_ROUTE_FILE_EXPANSIONS);
  readonly #start: InheritedAttrs = { middleware: [], withoutMiddleware: [], loading: [] };

  constructor(
    private readonly root: string,
    private readonly files: ProjectFiles,
    private readonly routeFiles: RouteFileItems,
    private readonly config: ConfigLookup,
    private readonly classes: ClassLookup,
    /** The build's dependencies: every route file entered or looked for. */
    private readonly deps: Set<string>,
  ) {}

  /** What loads the route files: bootstrap/app.php withRouting (11+), a RouteServiceProvider (≤ 10), else the conventional files. */
  entryItems(bootstrapFile: string, bootstrapText: string | undefined): RouteItem[] {
    const fromFile = (file: string): RouteItem[] => {
      this.deps.add(file);
      return this.#routeFile(file);
    };
    if (bootstrapText && /withRouting/.test(bootstrapText)) {
      const items = fromFile(bootstrapFile).filter((i) => i.type === 'include');
      if (items.length) return items;
    }
    const provider = path.join(this.root, 'app/Providers/RouteServiceProvider.php');
    this.deps.add(provider);
    if (this.files.exists(provider)) {
      const items = fromFile(provider);
      if (items.length) return items;
    }
    const conventional = (rel: string, group: 'web' | 'api'): RouteItem => {
      const ref: MiddlewareRef = { name: group, file: '', line: 0, via: `Laravel's default loading of routes/${group}.php` };
      return { type: 'include', target: path.join(this.root, rel), attrs: { middleware: [ref], withoutMiddleware: [], ...(group === 'api' ? { prefix: 'api' } : {}) }, file: this.root, line: 0 };
    };
    return [conventional('routes/web.php', 'web'), conventional('routes/api.php', 'api')];
  }

  /** Adds to `routes` the routes these top-level items declare, through the includes they load. */
  walk(items: RouteItem[], routes: ResolvedRoute[]): void {
    for (const item of items) this.#walk(item, this.#start, routes);
  }

  #routeFile(file: string): RouteItem[] {
    return this.routeFiles.of(file, this.config, this.deps);
  }

  #walk(item: RouteItem, inherited: InheritedAttrs, routes: ResolvedRoute[]): void {
    if (item.type === 'macro') {
      this.unanalysed.push({ file: item.file, line: item.line, target: item.name, reason: `${item.name} is a route macro: the routes it registers are not analysed` });
      return;
    }
    const attrs = mergeAttrs(inherited, item.attrs);
    if (item.type === 'group') {
      for (const child of item.children) this.#walk(child, attrs, routes);
      return;
    }
    if (item.type === 'include') {
      if (!item.target) return;
      if (item.directory) {
        for (const file of routeFilesIn(item.target)) this.#walk({ ...item, target: file, directory: false }, inherited, routes);
        return;
      }
      // Loops are found on real paths: through a symlinked folder (`routes/loop -> .`) every
      // spelling of a file looks new, and two requires per level doubled the work per level.
      const target = item.target;
      const real = realPathOf(target);
      if (!this.#includes.enter(inherited.loading, real)) return;
      this.deps.add(target);
      const children = this.#routeFile(target);
      for (const child of children) this.#walk(child, { ...attrs, loading: [...inherited.loading, real] }, routes);
      return;
    }
    const action = item.action;
    const classes = this.classes;
    let handler: HandlerRef | undefined;
    let fromClass: ControllerMiddleware[] = [];
    if (action.kind === 'closure') {
      handler = { kind: 'closure', file: item.file, line: action.line, column: action.column };
    } else if (action.kind === 'controller' || action.kind === 'method') {
      const className = action.kind === 'method' ? attrs.controller : action.relative ? applyNamespace(attrs.namespace, action.className) : action.className.replace(/^\\/, '');
      if (!className) return;
      const method = action.method.toLowerCase();
      const resolved = resolveMethod(className, method, classes);
      const vendor = resolved ? undefined : knownVendorAction(className, method, classes);
      // Only logout-looking routes are worth explaining: the rest end no session either way.
      if (!resolved && !vendor && LOGOUT_LIKE.test(`${item.uri} ${action.method}`)) {
        this.unanalysed.push({ file: item.file, line: item.line, target: `${className}@${action.method}`, reason: unresolvedReason(className, method, classes) });
        return;
      }
      if (!resolved && !vendor) return;
      handler = resolved
        ? { kind: 'method', file: resolved.file, className: resolved.fqn, method, routedClass: className }
        : { kind: 'vendor', vendor: vendor!, file: item.file, className, method, routedClass: className };
      fromClass = controllerMiddleware(className, action.method.toLowerCase(), classes);
    }
    if (!handler) return;
    const applies = (m: ControllerMiddleware) => (!m.only || m.only.includes(handler.kind !== 'closure' ? handler.method : '')) && !(m.except ?? []).includes(handler.kind !== 'closure' ? handler.method : '');
    const fromController = fromClass.filter(applies);
    routes.push({
      file: item.file,
      line: item.line,
      verbs: item.verbs,
      uri: `/${[attrs.prefix, item.uri].map((p) => (p ?? '').replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`,
      handler,
      declared: [...attrs.middleware, ...fromController.filter((m) => !m.exclude).map((m) => m.ref)],
      excluded: [...attrs.withoutMiddleware, ...fromController.filter((m) => m.exclude).map((m) => m.ref)],
    });
  }
}
