import * as path from 'node:path';
import { lookup, returnedValue, type StaticValue } from '../../facts/laravel/config-values';
import { parseDotEnv, readAuthConfig, type DotEnv, readComposerJson, readComposerLock, readSanctumConfig, readSessionDriver, type ComposerJson } from '../../facts/laravel/config';
import { extractClassFacts, outlineClassFacts, type ClassFacts, type ControllerMiddleware } from '../../facts/laravel/middleware-controller';
import { classSkeleton, withOriginalOffsets } from '../../facts/laravel/class-skeleton';
import { extractBootstrapMiddleware, extractKernel, type MiddlewareSetup } from '../../facts/laravel/middleware-groups';
import { extractRouteFile, type MiddlewareRef, type RouteItem } from '../../facts/laravel/routes';
import { realPathOf } from '../file-admission';
import { ProjectFiles } from '../project-files';
import { CallGraph, type CallSite, type FunctionRef } from './call-graph';
import { ClassIndex } from './class-index';
import { VerdictReads } from './verdict-reads';
import { DEFAULT_SETTINGS, type SecureLogoutSettings } from '../../settings';
import { knownVendorAction, unresolvedReason } from './vendor-actions';
import { fortifyLogoutRoute, fortifySetup, type FortifySetup } from './fortify-routes';
import { routeFilesIn } from './route-folders';
import { WalkBudget } from '../walk-budget';
import { applyNamespace, closureKey, handlerKey, mergeAttrs, methodKey, type InheritedAttrs } from './route-composition';
import { computeContext, explainContext, middlewareTable, type RouteExplanation, relative, type HandlerRef, type UnanalysedRoute, type MiddlewareTable, type ProjectSettings, type ResolvedRoute, type RouteContext } from './route-context';


export { methodKey, closureKey } from './route-composition';
/** Route files loading route files: deeper than any real app, shallow enough to stop a runaway. */
const MAX_ROUTE_FILE_DEPTH = 16;
/** Route files entered per build in total: includes that fan out (each file twice per level) stop here. */
const MAX_ROUTE_FILE_EXPANSIONS = 2_000;

const LOGOUT_LIKE = /log_?out|sign_?out|destroy|session/i;

export interface ModelState {
  settings: ProjectSettings;
  table: MiddlewareTable;
  routes: ResolvedRoute[];
  byHandler: Map<string, RouteContext[]>;
  /** Every file the build looked at, including missing ones (creating them changes the model). */
  deps: Set<string>;
  /** Files read only as classes (controllers, traits, parents), with a digest of their facts. */
  classOnly: Map<string, string>;
  /** Per handler file: a digest of its routes' contexts, to tell which files' findings may change. */
  signatures: Map<string, string>;
  /** Routes whose handler could not be read (vendor code not modelled, macros, missing files): explained, never reported. */
  unanalysed: UnanalysedRoute[];
  /** laravel/fortify as the app configures it (its guard, whether it registers its own routes), when installed or configured. */
  fortify: FortifySetup | undefined;
  settingsSignature: string;
}

export interface UpdateResult {
  /** Handler files whose findings may change (always includes the changed file itself). */
  affectedFiles: string[];
  /** Project-wide settings changed (default guard, session driver, version): every PHP file may change. */
  settingsChanged: boolean;
}

/**
 * The Laravel application around a set of PHP files: where its routes are, what middleware
 * reaches each handler, its guards, session driver and framework version. Built once, then
 * updated per changed file; every file is read and parsed at most once per content.
 */
export class LaravelProjectModel {
  readonly files = new ProjectFiles();
  builds = 0;
  #state: ModelState | undefined;
  #lastFreshnessCheck = 0;
  /** Route items per file, with the content hashes of the config files (and .env) they consulted. */
  readonly #routeItems = new Map<string, { hash: string; consulted: [string, string][]; items: RouteItem[] }>();
  /** The config() resolver of the build in progress. */
  #config: ((key: string) => StaticValue | undefined) | undefined;
  #consulted: Map<string, string> | undefined;
  #buildDeps: Set<string> | undefined;
  #classDeps: Set<string> | undefined;
  #classIndex: ClassIndex | undefined;
  #vendorRoutes = new WeakMap<ModelState, Map<string, RouteContext[]>>();
  #unanalysed: UnanalysedRoute[] | undefined;
  #callGraph: CallGraph | undefined;
  /** Which app files each linted file's verdicts read: their changes re-check it (SPEC §2.3). */
  readonly verdictReads = new VerdictReads(() => this.classes, this.files);

  /** The route-file walk of the build in progress. */
  #includes: WalkBudget | undefined;
  /** `settings['secure-logout']` of the lint run: guard drivers the files do not say. */
  #user: SecureLogoutSettings = DEFAULT_SETTINGS;

  constructor(readonly root: string) {
    this.files.confineTo(root);
  }

  /** The current model, built on first use. */
  get state(): ModelState {
    this.#state ??= this.#build();
    return this.#state;
  }

  get settings(): ProjectSettings {
    return this.state.settings;
  }

  /**
   * Applies a lint run's `settings['secure-logout']`. Other settings than the model was built with
   * rebuild it (from the cached file facts), so two configurations never share a route context.
   */
  configure(user: SecureLogoutSettings): void {
    if (user.key === this.#user.key) return;
    this.#user = user;
    if (this.#state) this.#state = this.#build(false);
  }

  /** The `settings['secure-logout']` the current model was built with. */
  get userSettings(): SecureLogoutSettings {
    return this.#user;
  }

  get routes(): readonly ResolvedRoute[] {
    return this.state.routes;
  }

  /** Re-checks the files the model depends on (at most every `maxAgeMs`) and rebuilds from cache when one changed. */
  ensureFresh(maxAgeMs = 1000): void {
    const now = Date.now();
    if (!this.#state || now - this.#lastFreshnessCheck < maxAgeMs) {
      this.#lastFreshnessCheck = this.#state ? this.#lastFreshnessCheck : now;
      return;
    }
    this.#lastFreshnessCheck = now;
    const state = this.#state;
    this.files.beginPass();
    const stale = [...state.deps].filter((file) => this.files.isStale(file));
    if (stale.some((file) => state.classOnly.get(file) !== this.#classDigest(file))) this.#state = this.#build(false);
  }

  /**
   * Tells the model that a file changed (with its unsaved text, or undefined to use the disk
   * version) and returns the handler files whose findings may change.
   */
  update(filePath: string, unsavedText?: string): UpdateResult {
    const file = path.resolve(filePath);
    this.files.setOverride(file, unsavedText);
    this.files.recheck(file);
    this.#classIndex?.fileChanged(file);
    // Files whose verdicts followed calls into this one (a service, a trait, a new caller).
    const readers = this.verdictReads.dependents(file);
    const before = this.state;
    // A file the model never looked at (a model, a view, an unrouted class) changes no routes.
    if (!before.deps.has(file)) return { affectedFiles: [file, ...readers], settingsChanged: false };
    // Typing inside a controller's method body leaves its class facts (methods, middleware) as they were.
    if (before.classOnly.get(file) === this.#classDigest(file)) return { affectedFiles: [file, ...readers], settingsChanged: false };
    const after = (this.#state = this.#build(false));
    const affected = new Set<string>([file, ...readers]);
    for (const handlerFile of new Set([...before.signatures.keys(), ...after.signatures.keys()])) {
      if (before.signatures.get(handlerFile) !== after.signatures.get(handlerFile)) affected.add(handlerFile);
    }
    return { affectedFiles: [...affected], settingsChanged: before.settingsSignature !== after.settingsSignature };
  }

  /** Whether the model read (or looked for) this file: a route, config, kernel or controller file. */
  dependsOn(filePath: string): boolean {
    return this.state.deps.has(path.resolve(filePath));
  }

  /** Every route reaching a class method (the class or trait that declares it, as in the file being linted). */
  routesForMethod(file: string, className: string, method: string): RouteContext[] {
    return this.state.byHandler.get(methodKey(file, className, method)) ?? [];
  }

  /** Every route whose action is the closure starting at this position of a route file. */
  routesForClosure(file: string, line: number, column: number): RouteContext[] {
    return this.state.byHandler.get(closureKey(file, line, column)) ?? [];
  }

  /**
   * For the language server: every route reaching a handler — a class method (`{ className, method }`,
   * the class or trait that declares it) or a route closure (`{ line, column }` of its start) —
   * with the ordered middleware chain and where each entry came from, the effective guard and its
   * driver, whether a session exists, the session driver and the framework version.
   */
  explainHandler(file: string, target: { className: string; method: string } | { line: number; column: number }): RouteExplanation[] {
    const contexts = 'className' in target ? this.routesForMethod(file, target.className, target.method) : this.routesForClosure(file, target.line, target.column);
    return contexts.map((context) => explainContext(this.settings, context));
  }

  /**
   * The cross-file edit behind "move this route to `auth:web`": replaces the literal that
   * applies the auth middleware. For the language server (ESLint suggestions cannot edit other files).
   */
  routeMiddlewareEdit(context: RouteContext, guard = this.settings.sessionGuardName): { file: string; range: [number, number]; text: string; title: string } | undefined {
    const at = context.effectiveGuard.middleware?.declaredAt;
    if (!at?.literal || !at.file) return undefined;
    const text = this.files.text(at.file);
    if (text === undefined) return undefined;
    const quote = text[at.literal.start] === '"' ? '"' : "'";
    return {
      file: at.file,
      range: [at.literal.start, at.literal.end],
      text: `${quote}auth:${guard}${quote}`,
      title: `Change ${at.name} to auth:${guard} in ${relative(this.root, at.file)}:${at.line}`,
    };
  }

  /**
   * What the model could not analyse and why (SPEC §2.3, explainable silence): routes to vendor
   * controllers it does not model, route macros, handlers whose class file is missing or
   * unreadable. For the route hover and the workspace-scan summary; `file` narrows to one route file.
   */
  unanalysedRoutes(file?: string): UnanalysedRoute[] {
    const all = this.state.unanalysed;
    return file ? all.filter((r) => path.resolve(r.file) === path.resolve(file)) : all;
  }

  /** Routes to known vendor actions declared in `file` (laravel/ui, Fortify): judged at the route line. */
  vendorRoutes(file: string): RouteContext[] {
    // Asked for every linted PHP file: indexed once per build, not a scan of every route per file.
    const state = this.state;
    let byFile = this.#vendorRoutes.get(state);
    if (!byFile) {
      byFile = new Map();
      for (const c of [...state.byHandler.values()].flat()) {
        if (c.route.handler.kind !== 'vendor') continue;
        const key = path.resolve(c.route.file);
        byFile.set(key, [...(byFile.get(key) ?? []), c]);
      }
      this.#vendorRoutes.set(state, byFile);
    }
    return byFile.get(path.resolve(file)) ?? [];
  }

  /** laravel/fortify as the app configures it, when installed or configured: the guard its logout uses and where that is set. */
  get fortify(): FortifySetup | undefined {
    return this.state.fortify;
  }

  /** The app's classes (PSR-4), their members and the container bindings: for following calls across files. */
  get classes(): ClassIndex {
    this.#classIndex ??= new ClassIndex(this.root, this.files, () => this.files.derived(this.#abs('composer.json'), 'composer', (t) => readComposerJson(t)).psr4);
    return this.#classIndex;
  }

  /** Which routed handlers run a helper, through which calls (SPEC §2.3). */
  get callGraph(): CallGraph {
    this.#callGraph ??= new CallGraph(this.classes, this);
    return this.#callGraph;
  }

  /**
   * For the language server: the call paths from routed handlers (or outermost callers) down to
   * a method that no route reaches directly, each with the routes of its root. Empty when the
   * method is routed itself or nobody calls it.
   */
  callPathsTo(file: string, className: string, method: string): { chain: CallSite[]; routes: RouteContext[] }[] {
    const record = this.classes.find(className);
    const fn = record?.cls.methods.get(method.toLowerCase());
    if (!record || !fn || path.resolve(record.file) !== path.resolve(file)) return [];
    const ref: FunctionRef = { file: record.file, fn, scope: record.scope, cls: record.cls, thisClass: record.cls.fqn };
    return this.callGraph.invocations(ref).filter((i) => i.chain.length > 0).map((i) => ({ chain: i.chain, routes: i.routes }));
  }

  #abs(rel: string): string {
    return path.join(this.root, rel);
  }

  /** `newPass`: re-check every file against the disk (a first build); update() and ensureFresh() checked already. */
  #build(newPass = true): ModelState {
    this.builds++;
    if (newPass) this.files.beginPass();
    const deps = new Set<string>();
    const classDeps = new Set<string>();
    this.#buildDeps = deps;
    this.#classDeps = classDeps;
    const text = (file: string): string | undefined => {
      deps.add(file);
      return this.files.text(file);
    };
    const program = (file: string) => {
      deps.add(file);
      return this.files.program(file);
    };
    const composer = this.files.derived(this.#abs('composer.json'), 'composer', (t) => readComposerJson(t));
    deps.add(this.#abs('composer.json'));
    const lock = readComposerLock(text(this.#abs('composer.lock')));
    const envText = text(this.#abs('.env'));
    const dotEnv = envText === undefined ? undefined : parseDotEnv(envText);
    const auth = readAuthConfig(program(this.#abs('config/auth.php')), dotEnv);
    const sanctum = readSanctumConfig(program(this.#abs('config/sanctum.php')));
    this.#config = (key) => this.#configValue(key, dotEnv, deps);
    const framework = lock?.get('laravel/framework');
    const user = this.#user;
    // Guards declared in settings win over config/auth.php: they say what the files cannot (a package's guard, computed config).
    for (const [name, driver] of user.guards) auth.guards.set(name, { name, driver, line: auth.guards.get(name)?.line ?? 0 });
    const firstSessionGuard = [...auth.guards.values()].find((g) => g.driver === 'session' || user.sessionDrivers.has(g.driver ?? ''))?.name;
    const settings: ProjectSettings = {
      root: this.root,
      defaultGuard: auth.defaultGuard,
      guards: auth.guards,
      sessionDriver: readSessionDriver(program(this.#abs('config/session.php')), dotEnv),
      frameworkVersion: framework ? { value: framework, source: 'composer.lock' } : { value: undefined, source: lock ? 'composer.lock has no laravel/framework' : 'no composer.lock' },
      sessionGuardName: sanctum?.guards?.[0] ?? (auth.guards.has('web') ? 'web' : firstSessionGuard ?? 'web'),
      sanctumInstalled: !!lock?.has('laravel/sanctum') || sanctum !== undefined,
      requestGuardDrivers: new Set([...this.#requestGuardDrivers(text), ...user.tokenDrivers]),
      sessionDrivers: user.sessionDrivers,
    };

    const bootstrapFile = this.#abs('bootstrap/app.php');
    const bootstrapText = text(bootstrapFile);
    const kernelFile = this.#abs('app/Http/Kernel.php');
    let setup: MiddlewareSetup | undefined;
    if (bootstrapText && /withMiddleware|withRouting/.test(bootstrapText)) {
      setup = this.files.facts(bootstrapFile, 'middleware', (p) => extractBootstrapMiddleware(p, bootstrapFile), undefined);
    } else if (text(kernelFile) !== undefined) {
      deps.add(kernelFile);
      setup = this.files.facts(kernelFile, 'middleware', (p) => extractKernel(p, kernelFile), undefined);
    }
    const table = middlewareTable(setup);

    const routes: ResolvedRoute[] = [];
    const composer2 = composer as ComposerJson;
    const classCache = new Map<string, { file: string; facts: ClassFacts } | undefined>();
    const classes = (fqn: string): { file: string; facts: ClassFacts } | undefined => {
      const key = fqn.toLowerCase();
      if (!classCache.has(key)) classCache.set(key, this.#classFacts(fqn, composer2));
      return classCache.get(key);
    };
    const start: InheritedAttrs = { middleware: [], withoutMiddleware: [], loading: [] };
    this.#includes = new WalkBudget(MAX_ROUTE_FILE_DEPTH, MAX_ROUTE_FILE_EXPANSIONS);
    const unanalysed: UnanalysedRoute[] = [];
    this.#unanalysed = unanalysed;
    for (const item of this.#entryItems(bootstrapFile, bootstrapText, deps)) this.#walk(item, start, routes, classes, deps);
    // laravel/fortify's own POST /logout (SPEC §2.3). App routes load after package routes: one with the same verb and URI replaces it.
    const fortifyInputs = { root: this.root, text, lock, config: this.#config };
    const fortify = fortifySetup(fortifyInputs);
    if (fortify) {
      const own = fortifyLogoutRoute(fortify, fortifyInputs);
      unanalysed.push(...own.unanalysed);
      const fortifyRoutes: ResolvedRoute[] = [];
      for (const item of own.items) this.#walk(item, start, fortifyRoutes, classes, deps);
      routes.push(...fortifyRoutes.filter((r) => !routes.some((app) => app.uri === r.uri && app.verbs.some((v) => v === 'ANY' || r.verbs.includes(v)))));
    }
    this.#unanalysed = undefined;

    const byHandler = new Map<string, RouteContext[]>();
    const signatures = new Map<string, string[]>();
    // Routes with the same middleware list share one analysis, within this build.
    const memo = new Map();
    for (const route of routes) {
      const context = computeContext(settings, table, route, memo);
      const key = handlerKey(route.handler);
      byHandler.set(key, [...(byHandler.get(key) ?? []), context]);
      const digest = `${key}>${route.file}:${route.line}:${context.chain.map((c) => c.resolved).join(',')}:${context.effectiveGuard.name}:${context.session}`;
      signatures.set(route.handler.file, [...(signatures.get(route.handler.file) ?? []), digest]);
    }
    const settingsSignature = JSON.stringify([settings.defaultGuard.value, settings.sessionDriver.value, settings.frameworkVersion.value, settings.sessionGuardName, [...settings.guards.values()], [...settings.requestGuardDrivers], this.#user.key]);
    const classOnly = new Map<string, string>();
    for (const file of classDeps) {
      if (!deps.has(file)) classOnly.set(file, this.#classDigest(file));
    }
    for (const file of classDeps) deps.add(file);
    return { settings, table, routes, byHandler, deps, classOnly, signatures: new Map([...signatures].map(([f, d]) => [f, d.sort().join('\n')])), settingsSignature, unanalysed, fortify };
  }

  /** What loads the route files: bootstrap/app.php withRouting (11+), a RouteServiceProvider (≤ 10), else the conventional files. */
  #entryItems(bootstrapFile: string, bootstrapText: string | undefined, deps: Set<string>): RouteItem[] {
    const fromFile = (file: string): RouteItem[] => {
      deps.add(file);
      return this.#routeFile(file);
    };
    if (bootstrapText && /withRouting/.test(bootstrapText)) {
      const items = fromFile(bootstrapFile).filter((i) => i.type === 'include');
      if (items.length) return items;
    }
    const provider = this.#abs('app/Providers/RouteServiceProvider.php');
    deps.add(provider);
    if (this.files.exists(provider)) {
      const items = fromFile(provider);
      if (items.length) return items;
    }
    const conventional = (rel: string, group: 'web' | 'api'): RouteItem => {
      const ref: MiddlewareRef = { name: group, file: '', line: 0, via: `Laravel's default loading of routes/${group}.php` };
      return { type: 'include', target: this.#abs(rel), attrs: { middleware: [ref], withoutMiddleware: [], ...(group === 'api' ? { prefix: 'api' } : {}) }, file: this.root, line: 0 };
    };
    return [conventional('routes/web.php', 'web'), conventional('routes/api.php', 'api')];
  }

  #walk(item: RouteItem, inherited: InheritedAttrs, routes: ResolvedRoute[], classes: (fqn: string) => { file: string; facts: ClassFacts } | undefined, deps: Set<string>): void {
    if (item.type === 'macro') {
      this.#unanalysed?.push({ file: item.file, line: item.line, target: item.name, reason: `${item.name} is a route macro: the routes it registers are not analysed` });
      return;
    }
    const attrs = mergeAttrs(inherited, item.attrs);
    if (item.type === 'group') {
      for (const child of item.children) this.#walk(child, attrs, routes, classes, deps);
      return;
    }
    if (item.type === 'include') {
      if (!item.target) return;
      if (item.directory) {
        for (const file of routeFilesIn(item.target)) this.#walk({ ...item, target: file, directory: false }, inherited, routes, classes, deps);
        return;
      }
      // Loops are found on real paths: through a symlinked folder (`routes/loop -> .`) every
      // spelling of a file looks new, and two requires per level doubled the work per level.
      const target = item.target;
      const real = realPathOf(target);
      if (!this.#includes?.enter(inherited.loading, real)) return;
      deps.add(target);
      const children = this.#routeFile(target);
      for (const child of children) this.#walk(child, { ...attrs, loading: [...inherited.loading, real] }, routes, classes, deps);
      return;
    }
    const action = item.action;
    let handler: HandlerRef | undefined;
    let controllerMiddleware: ControllerMiddleware[] = [];
    if (action.kind === 'closure') {
      handler = { kind: 'closure', file: item.file, line: action.line, column: action.column };
    } else if (action.kind === 'controller' || action.kind === 'method') {
      const className = action.kind === 'method' ? attrs.controller : action.relative ? applyNamespace(attrs.namespace, action.className) : action.className.replace(/^\\/, '');
      if (!className) return;
      const method = action.method.toLowerCase();
      const resolved = this.#resolveMethod(className, method, classes);
      const vendor = resolved ? undefined : knownVendorAction(className, method, classes);
      // Only logout-looking routes are worth explaining: the rest end no session either way.
      if (!resolved && !vendor && LOGOUT_LIKE.test(`${item.uri} ${action.method}`)) {
        this.#unanalysed?.push({ file: item.file, line: item.line, target: `${className}@${action.method}`, reason: unresolvedReason(className, method, classes) });
        return;
      }
      if (!resolved && !vendor) return;
      handler = resolved
        ? { kind: 'method', file: resolved.file, className: resolved.fqn, method, routedClass: className }
        : { kind: 'vendor', vendor: vendor!, file: item.file, className, method, routedClass: className };
      controllerMiddleware = this.#controllerMiddleware(className, action.method.toLowerCase(), classes);
    }
    if (!handler) return;
    const applies = (m: ControllerMiddleware) => (!m.only || m.only.includes(handler.kind !== 'closure' ? handler.method : '')) && !(m.except ?? []).includes(handler.kind !== 'closure' ? handler.method : '');
    const fromController = controllerMiddleware.filter(applies);
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

  /** `Auth::viaRequest('driver', …)` in the usual service providers (read as text: one call shape). */
  #requestGuardDrivers(text: (file: string) => string | undefined): Set<string> {
    const drivers = new Set<string>();
    for (const rel of ['app/Providers/AuthServiceProvider.php', 'app/Providers/AppServiceProvider.php']) {
      for (const match of (text(this.#abs(rel)) ?? '').matchAll(/viaRequest\s*\(\s*['"]([^'"]+)['"]/g)) drivers.add(match[1]!);
    }
    return drivers;
  }

  /** A route file's items; re-extracted when the file or a config value it used changed. */
  #routeFile(file: string): RouteItem[] {
    const hash = this.files.hash(file);
    const cached = this.#routeItems.get(file);
    if (cached && cached.hash === hash && cached.consulted.every(([f, h]) => this.files.hash(f) === h)) {
      for (const [f] of cached.consulted) this.#buildDeps?.add(f);
      return cached.items;
    }
    const consulted = new Map<string, string>();
    this.#consulted = consulted;
    const program = this.files.parse(file, this.files.text(file));
    let items: RouteItem[] = [];
    try {
      items = program ? extractRouteFile(program, { file, root: this.root, config: this.#config }) : [];
    } catch {
      // Half-typed code can leave shapes the extractor does not expect: the file contributes no routes.
      items = [];
    }
    this.#consulted = undefined;
    this.#routeItems.set(file, { hash, consulted: [...consulted], items });
    return items;
  }

  /** `config('file.key')` from config/file.php, env() resolved through .env. */
  #configValue(key: string, dotEnv: DotEnv | undefined, deps: Set<string>): StaticValue | undefined {
    const [name, ...rest] = key.split('.');
    const file = this.#abs(`config/${name}.php`);
    const envFile = this.#abs('.env');
    deps.add(file);
    this.#consulted?.set(file, this.files.hash(file));
    this.#consulted?.set(envFile, this.files.hash(envFile));
    const root = this.files.derivedFromFacts(file, 'returned', () => {
      const program = this.files.program(file);
      return program ? returnedValue(program) : undefined;
    });
    const value = rest.length ? lookup(root, rest.join('.')) : root;
    if (value?.kind !== 'env') return value;
    const fromEnv = dotEnv?.get(value.name);
    return fromEnv ? { kind: 'string', value: fromEnv.value, line: value.line, node: value.node } : value.fallback;
  }

  /** A class file's facts: from its text when it declares no middleware (most controllers), else from a parse. */
  #classFactsOf(file: string): ClassFacts[] {
    return this.files.derived(file, 'classes', (text) => {
      if (text === undefined) return [];
      const outline = outlineClassFacts(text);
      if (outline) return outline;
      // Method bodies other than the constructor's and middleware()'s hold no class facts.
      const skeleton = classSkeleton(text);
      const program = this.files.parse(file, skeleton?.text ?? text);
      try {
        if (!program) return [];
        return skeleton ? withOriginalOffsets(extractClassFacts(program, file), skeleton) : extractClassFacts(program, file);
      } catch {
        // Half-typed code the extractor does not expect: the file contributes nothing.
        return [];
      }
    });
  }

  /** What the model uses of a class file, as a string: equal digests give equal routes. */
  #classDigest(file: string): string {
    return this.files.derivedFromFacts(file, 'class-digest', () => {
      const facts = this.#classFactsOf(file);
      return JSON.stringify(facts.map((f) => ({ ...f, methods: [...f.methods] })));
    });
  }

  /** Class facts by fully qualified name, through composer.json PSR-4. */
  #classFacts(fqn: string, composer: ComposerJson): { file: string; facts: ClassFacts } | undefined {
    const name = fqn.replace(/^\\/, '');
    for (const [prefix, dirs] of composer.psr4) {
      if (!name.toLowerCase().startsWith(prefix.toLowerCase())) continue;
      for (const dir of dirs) {
        const file = path.join(this.root, dir, `${name.slice(prefix.length).split('\\').join('/')}.php`);
        this.#classDeps?.add(file);
        const all = this.#classFactsOf(file);
        const facts = all.find((c) => c.fqn.toLowerCase() === name.toLowerCase());
        if (facts) return { file, facts };
      }
    }
    return undefined;
  }

  /** The class or trait that declares `method` for `className`: the class, its traits, then its parents. */
  #resolveMethod(className: string, method: string, classes: (fqn: string) => { file: string; facts: ClassFacts } | undefined, depth = 0): { file: string; fqn: string } | undefined {
    if (depth > 8) return undefined;
    const found = classes(className);
    if (!found) return undefined;
    if (found.facts.methods.has(method)) return { file: found.file, fqn: found.facts.fqn };
    for (const trait of found.facts.traits) {
      const inTrait = this.#resolveMethod(trait, method, classes, depth + 1);
      if (inTrait) return inTrait;
    }
    return found.facts.extends ? this.#resolveMethod(found.facts.extends, method, classes, depth + 1) : undefined;
  }

  /** Constructor / HasMiddleware / attribute middleware of the routed class and the parents it inherits them from. */
  #controllerMiddleware(className: string, method: string, classes: (fqn: string) => { file: string; facts: ClassFacts } | undefined): ControllerMiddleware[] {
    const result: ControllerMiddleware[] = [];
    let current = classes(className);
    let hasConstructor = false;
    let hasStaticMiddleware = false;
    for (let depth = 0; current && depth < 8; depth++) {
      const { facts } = current;
      for (const m of facts.middleware) {
        const via = m.ref.via ?? '';
        if (via === 'controller constructor' && hasConstructor) continue;
        if (via.startsWith('HasMiddleware') && hasStaticMiddleware) continue;
        if (via.includes(' on ') && !via.endsWith('the class') && !facts.methods.has(method)) continue;
        result.push(m);
      }
      hasConstructor ||= facts.methods.has('__construct');
      hasStaticMiddleware ||= facts.methods.has('middleware');
      current = facts.extends ? classes(facts.extends) : undefined;
    }
    return result;
  }
}
