import * as path from 'node:path';
import { readComposerJson } from '../../facts/laravel/config';
import { extractBootstrapMiddleware, extractKernel, type MiddlewareSetup } from '../../facts/laravel/middleware-groups';
import { DEFAULT_SETTINGS, type SecureLogoutSettings } from '../../settings';
import { ProjectFiles } from '../project-files';
import { readAppConfig, type BuildReads } from './app-config';
import { CallGraph, type CallSite, type FunctionRef } from './call-graph';
import { ClassIndex } from './class-index';
import { classDigest, classLookup } from './controller-classes';
import { fortifyLogoutRoute, fortifySetup, type FortifySetup } from './fortify-routes';
import { closureKey, handlerKey, methodKey } from './route-composition';
import { computeContext, explainContext, middlewareTable, type RouteExplanation, relative, type UnanalysedRoute, type MiddlewareTable, type ProjectSettings, type ResolvedRoute, type RouteContext } from './route-context';
import { RouteFileItems, RouteWalk } from './route-walk';
import { VerdictReads } from './verdict-reads';

export { methodKey, closureKey } from './route-composition';

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
  /** Route items per route file, kept across builds. */
  readonly #routeFiles: RouteFileItems;
  #classIndex: ClassIndex | undefined;
  #vendorRoutes = new WeakMap<ModelState, Map<string, RouteContext[]>>();
  #callGraph: CallGraph | undefined;
  /** Which app files each linted file's verdicts read: their changes re-check it (SPEC §2.3). */
  readonly verdictReads = new VerdictReads(() => this.classes, this.files);

  /** `settings['secure-logout']` of the lint run: guard drivers the files do not say. */
  #user: SecureLogoutSettings = DEFAULT_SETTINGS;

  constructor(readonly root: string) {
    this.files.confineTo(root);
    this.#routeFiles = new RouteFileItems(root, this.files);
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
    if (stale.some((file) => state.classOnly.get(file) !== classDigest(this.files, file))) this.#state = this.#build(false);
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
    if (before.classOnly.get(file) === classDigest(this.files, file)) return { affectedFiles: [file, ...readers], settingsChanged: false };
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
    const reads: BuildReads = {
      deps,
      text: (file) => {
        deps.add(file);
        return this.files.text(file);
      },
      program: (file) => {
        deps.add(file);
        return this.files.program(file);
      },
    };
    const { settings, composer, lock, config } = readAppConfig(this.root, this.files, reads, this.#user);

    const bootstrapFile = this.#abs('bootstrap/app.php');
    const bootstrapText = reads.text(bootstrapFile);
    const kernelFile = this.#abs('app/Http/Kernel.php');
    let setup: MiddlewareSetup | undefined;
    if (bootstrapText && /withMiddleware|withRouting/.test(bootstrapText)) {
      setup = this.files.facts(bootstrapFile, 'middleware', (p) => extractBootstrapMiddleware(p, bootstrapFile), undefined);
    } else if (reads.text(kernelFile) !== undefined) {
      deps.add(kernelFile);
      setup = this.files.facts(kernelFile, 'middleware', (p) => extractKernel(p, kernelFile), undefined);
    }
    const table = middlewareTable(setup);

    // Controllers, their traits and parents are looked up apart from deps: classOnly tells their digests.
    const walk = new RouteWalk(this.root, this.files, this.#routeFiles, config, classLookup(this.root, this.files, composer, classDeps), deps);
    const routes: ResolvedRoute[] = [];
    walk.walk(walk.entryItems(bootstrapFile, bootstrapText), routes);
    const unanalysed = walk.unanalysed;
    // laravel/fortify's own POST /logout (SPEC §2.3). App routes load after package routes: one with the same verb and URI replaces it.
    const fortifyInputs = { root: this.root, text: reads.text, lock, config };
    const fortify = fortifySetup(fortifyInputs);
    if (fortify) {
      const own = fortifyLogoutRoute(fortify, fortifyInputs);
      unanalysed.push(...own.unanalysed);
      const fortifyRoutes: ResolvedRoute[] = [];
      walk.walk(own.items, fortifyRoutes);
      routes.push(...fortifyRoutes.filter((r) => !routes.some((app) => app.uri === r.uri && app.verbs.some((v) => v === 'ANY' || r.verbs.includes(v)))));
    }

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
      if (!deps.has(file)) classOnly.set(file, classDigest(this.files, file));
    }
    for (const file of classDeps) deps.add(file);
    return { settings, table, routes, byHandler, deps, classOnly, signatures: new Map([...signatures].map(([f, d]) => [f, d.sort().join('\n')])), settingsSignature, unanalysed, fortify };
  }
}
