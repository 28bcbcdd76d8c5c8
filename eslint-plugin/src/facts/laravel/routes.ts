import * as path from 'node:path';
import { isPhpNode, type PhpNode, type PhpProgram } from '../../languages/php/php-ast';
import { evaluate, type EvalContext, type StaticValue } from './config-values';
import { FileScope } from './file-scope';
import { functionCall, nameOf, staticCall, stringValue, variableName } from './php-syntax';
import { API_RESOURCE_METHODS, RESOURCE_METHODS, VERBS, hasStringKeys, joinUri, stringsOf, type ActionRef, type MiddlewareRef, type RouteAttrs, type RouteDecl, type RouteFileOptions, type RouteInclude, type RouteItem } from './routes-model';

/**
 * Route declarations of one PHP file (routes/*.php, bootstrap/app.php, a RouteServiceProvider),
 * context-free: groups, includes and attributes as written. The project model composes them
 * (implicit groups, nesting, namespaces) into routes with their full middleware lists.
 */

export type { MiddlewareRef, ActionRef, RouteAttrs, RouteDecl, RouteGroup, RouteInclude, RouteItem, RouteMacro, RouteFileOptions } from './routes-model';

const ATTRIBUTE_LINKS = new Set(['middleware', 'withoutmiddleware', 'prefix', 'namespace', 'controller', 'name', 'as', 'domain', 'where', 'can', 'scopebindings']);
const AUTH_MACRO = /auth|log(in|out)|session|account|user/i;
const KNOWN_REGISTRAR = new Set([...ATTRIBUTE_LINKS, 'auth']);

interface Link {
  method: string;
  args: PhpNode[];
  node: PhpNode;
}

const emptyAttrs = (): RouteAttrs => ({ middleware: [], withoutMiddleware: [] });

export function extractRouteFile(program: PhpProgram, options: RouteFileOptions): RouteItem[] {
  return new RouteFileReader(program, options).read();
}

class RouteFileReader {
  readonly scope: FileScope;
  readonly ctx: EvalContext;
  /** Top-level and group-closure variables, in source order (Jetstream: `$authMiddleware = 'auth:'.config(…)`). */
  readonly variables = new Map<string, StaticValue>();
  /** `$route = Route::middleware('web');` (Laravel 5.x providers): the attribute links a variable holds. */
  readonly registrars = new Map<string, Link[]>();

  constructor(private readonly program: PhpProgram, private readonly options: RouteFileOptions) {
    this.scope = new FileScope(program);
    const properties = new Map<string, StaticValue>();
    this.ctx = {
      scope: this.scope,
      dir: path.dirname(options.file),
      properties,
      config: options.config,
      variables: this.variables,
      helperPath: (helper, arg) => {
        const base = { base_path: '', app_path: 'app', config_path: 'config', database_path: 'database', resource_path: 'resources', storage_path: 'storage' }[helper];
        return base === undefined ? undefined : path.join(options.root, base, arg);
      },
    };
    // `$this->namespace` in a RouteServiceProvider.
    for (const cls of this.scope.classes) {
      for (const member of (cls.node['body'] as PhpNode[]) ?? []) {
        if (member.kind !== 'propertystatement') continue;
        for (const prop of (member['properties'] as PhpNode[]) ?? []) {
          const name = nameOf(prop['name']);
          if (name && prop['value']) properties.set(name, evaluate(prop['value'] as PhpNode, this.ctx));
        }
      }
    }
  }

  read(): RouteItem[] {
    const items = this.statements(this.program.children);
    // RouteServiceProvider: route loading lives in methods (boot, map, mapWebRoutes, …).
    for (const cls of this.scope.classes) {
      for (const [, method] of cls.methods) {
        const body = method['body'] as PhpNode | null;
        if (body) items.push(...this.statements((body['children'] as PhpNode[]) ?? []));
      }
    }
    return items;
  }

  statements(list: PhpNode[]): RouteItem[] {
    return list.flatMap((statement) => this.statement(statement));
  }

  statement(node: PhpNode | null | undefined): RouteItem[] {
    if (!node) return [];
    switch (node.kind) {
      case 'expressionstatement':
        return this.expression(node['expression'] as PhpNode);
      case 'return':
        return node['expr'] ? this.expression(node['expr'] as PhpNode) : [];
      case 'namespace':
      case 'declare':
      case 'block':
        return this.statements((node['children'] as PhpNode[]) ?? []);
      case 'if':
        return [...this.statement(node['body'] as PhpNode), ...this.statement(node['alternate'] as PhpNode)];
      case 'foreach':
      case 'for':
      case 'while':
        return this.statement(node['body'] as PhpNode);
      default:
        return [];
    }
  }

  expression(node: PhpNode | null | undefined): RouteItem[] {
    if (!isPhpNode(node)) return [];
    if (node.kind === 'include') {
      const target = evaluate(node['target'] as PhpNode, this.ctx);
      return [this.include(target, emptyAttrs(), node)];
    }
    if (node.kind === 'assign') {
      const name = variableName(node['left'] as PhpNode);
      if (name && node['operator'] === '=') this.variables.set(name, evaluate(node['right'] as PhpNode, this.ctx));
      const right = node['right'] as PhpNode;
      const registrar = isPhpNode(right) && right.kind === 'call' ? this.chain(right) : undefined;
      // A registrar kept for later (`->group(...)` on the variable): its attributes, no routes yet.
      if (name && registrar?.rootIsRegistrar && registrar.links.every((l) => ATTRIBUTE_LINKS.has(l.method))) {
        this.registrars.set(name, registrar.links);
        return [];
      }
      return this.expression(right);
    }
    if (node.kind !== 'call') return [];
    // `includeRouteFiles(__DIR__.'/frontend/')` (a common app helper): every route file of the folder.
    const fn = functionCall(node);
    if (fn && /^include_?route_?files$/i.test(fn.name) && fn.args[0]) return [{ ...this.include(evaluate(fn.args[0], this.ctx), emptyAttrs(), node), directory: true }];
    // laravel/ui: Auth::routes() registers POST /logout → Auth\LoginController@logout.
    const st = staticCall(node);
    if (st?.method === 'routes' && /^(illuminate\\support\\facades\\)?auth$/i.test(this.scope.resolveClass(st.className))) return [this.uiLogoutRoute(node, emptyAttrs())];
    const chain = this.chain(node);
    if (chain) return this.routeChain(chain.links, chain.rootIsRegistrar);
    // Unknown call: closures passed to it (`$this->routes(function () { … })`) are read in place.
    return ((node['arguments'] as PhpNode[]) ?? []).flatMap((arg) => this.closureBody(arg));
  }

  closureBody(node: PhpNode | null | undefined): RouteItem[] {
    if (!isPhpNode(node)) return [];
    if (node.kind === 'namedargument') return this.closureBody(node['value'] as PhpNode);
    if (node.kind !== 'closure' && node.kind !== 'arrowfunc') return [];
    const body = node['body'] as PhpNode | null;
    if (!isPhpNode(body)) return [];
    return body.kind === 'block' ? this.statements((body['children'] as PhpNode[]) ?? []) : this.expression(body);
  }

  /** Flattens `Route::a(…)->b(…)->c(…)` into links; the root is the Route facade, `$router` or another call chain. */
  chain(node: PhpNode): { links: Link[]; rootIsRegistrar: boolean } | undefined {
    const links: Link[] = [];
    let current: PhpNode = node;
    for (;;) {
      if (current.kind !== 'call') break;
      const what = current['what'] as PhpNode;
      if (what.kind === 'propertylookup' || what.kind === 'nullsafepropertylookup') {
        const method = nameOf(what['offset']);
        if (!method) return undefined;
        links.unshift({ method: method.toLowerCase(), args: ((current['arguments'] as PhpNode[]) ?? []).filter(isPhpNode), node: current });
        current = what['what'] as PhpNode;
        continue;
      }
      const st = staticCall(current);
      if (st && this.isRouteFacade(st.className)) {
        links.unshift({ method: st.method, args: st.args.filter(isPhpNode), node: current });
        return { links, rootIsRegistrar: true };
      }
      if (st && links.some((l) => l.method === 'withrouting')) {
        // Application::configure(...)->withRouting(...)
        return { links, rootIsRegistrar: false };
      }
      return undefined;
    }
    const variable = variableName(current);
    const held = variable ? this.registrars.get(variable) : undefined;
    if (held && links.length) return { links: [...held, ...links], rootIsRegistrar: true };
    if (variable && /^(router|route)$/i.test(variable) && links.length) return { links, rootIsRegistrar: true };
    return undefined;
  }

  isRouteFacade(written: string): boolean {
    const fqn = this.scope.resolveClass(written).toLowerCase();
    return fqn === 'illuminate\\support\\facades\\route' || fqn === 'route';
  }

  routeChain(links: Link[], rootIsRegistrar: boolean): RouteItem[] {
    if (!rootIsRegistrar) {
      const routing = links.find((l) => l.method === 'withrouting');
      return routing ? this.withRouting(routing) : [];
    }
    const attrs = emptyAttrs();
    for (let i = 0; i < links.length; i++) {
      const link = links[i]!;
      const after = links.slice(i + 1);
      if (link.method === 'group') return [this.group(link, attrs)];
      if (VERBS[link.method] || link.method === 'match') return [this.route(link, attrs, after)];
      if (link.method === 'resource' || link.method === 'apiresource') return this.resource(link, attrs, after);
      if (link.method === 'resources' || link.method === 'apiresources') return this.resources(link, attrs);
      if (link.method === 'auth' && i === 0) return [this.uiLogoutRoute(link.node, attrs)];
      // An auth-looking registrar method Laravel does not have is a macro: its routes are unseen.
      if (i === 0 && AUTH_MACRO.test(link.method) && !KNOWN_REGISTRAR.has(link.method)) return [{ type: 'macro', name: `Route::${link.method}()`, file: this.options.file, line: link.node.loc.start.line }];
      this.attribute(link, attrs);
    }
    return [];
  }

  /** Registrar / route attribute methods: middleware, withoutMiddleware, prefix, namespace, controller, can. */
  attribute(link: Link, attrs: RouteAttrs): void {
    switch (link.method) {
      case 'middleware':
        attrs.middleware.push(...this.middlewareArgs(link.args));
        break;
      case 'withoutmiddleware':
        attrs.withoutMiddleware.push(...this.middlewareArgs(link.args));
        break;
      case 'can': {
        const ability = stringValue(link.args[0]);
        if (ability) attrs.middleware.push({ name: `can:${ability}`, file: this.options.file, line: link.node.loc.start.line });
        break;
      }
      case 'prefix':
        attrs.prefix = joinUri(attrs.prefix, stringValue(link.args[0]) ?? '');
        break;
      case 'namespace': {
        const ns = evaluate(link.args[0], this.ctx);
        if (ns.kind === 'string') attrs.namespace = ns.value;
        break;
      }
      case 'controller': {
        const cls = evaluate(link.args[0], this.ctx);
        if (cls.kind === 'string') attrs.controller = cls.value;
        break;
      }
      default:
        break;
    }
  }

  /** `middleware('a')`, `middleware('a', 'b')`, `middleware(['a', X::class.':p'])`. */
  middlewareArgs(args: PhpNode[]): MiddlewareRef[] {
    return args.flatMap((arg) => this.middlewareValue(arg));
  }

  middlewareValue(node: PhpNode): MiddlewareRef[] {
    if (node.kind === 'namedargument') return this.middlewareValue(node['value'] as PhpNode);
    if (node.kind === 'array') {
      return ((node['items'] as PhpNode[]) ?? []).flatMap((item) => (item ? this.middlewareValue(item.kind === 'entry' ? (item['value'] as PhpNode) : item) : []));
    }
    const value = evaluate(node, this.ctx);
    const line = node.loc.start.line;
    // A computed list, e.g. config('fortify.middleware', ['web']).
    if (value.kind === 'array') return value.entries.map((e) => ({ name: e.value.kind === 'string' ? e.value.value : '?', file: this.options.file, line }));
    const ref: MiddlewareRef = { name: value.kind === 'string' ? value.value : '?', file: this.options.file, line };
    if (node.kind === 'string') ref.literal = { start: node.loc.start.offset, end: node.loc.end.offset };
    return [ref];
  }

  group(link: Link, registrarAttrs: RouteAttrs): RouteItem {
    let attrs = registrarAttrs;
    let target = link.args[0];
    // Route::group(['middleware' => …, 'prefix' => …], closure|file)
    if (link.args.length >= 2 && link.args[0]?.kind === 'array') {
      attrs = this.arrayAttrs(link.args[0], registrarAttrs);
      target = link.args[1];
    }
    const line = link.node.loc.start.line;
    if (target && (target.kind === 'closure' || target.kind === 'arrowfunc')) {
      return { type: 'group', attrs, children: this.closureBody(target), file: this.options.file, line };
    }
    return this.include(evaluate(target, this.ctx), attrs, link.node);
  }

  include(target: StaticValue, attrs: RouteAttrs, node: PhpNode): RouteInclude {
    const file = target.kind === 'string' ? path.resolve(this.ctx.dir!, target.value) : undefined;
    return { type: 'include', target: file, attrs, file: this.options.file, line: node.loc.start.line };
  }

  /** Group attribute arrays and action arrays: `middleware`, `excluded_middleware`, `namespace`, `prefix`, `controller`. */
  arrayAttrs(node: PhpNode, base: RouteAttrs): RouteAttrs {
    const attrs: RouteAttrs = { ...base, middleware: [...base.middleware], withoutMiddleware: [...base.withoutMiddleware] };
    for (const item of (node['items'] as PhpNode[]) ?? []) {
      if (item?.kind !== 'entry' || !item['key']) continue;
      const key = stringValue(item['key'] as PhpNode);
      const value = item['value'] as PhpNode;
      if (key === 'middleware') attrs.middleware.push(...this.middlewareValue(value));
      else if (key === 'excluded_middleware' || key === 'withoutMiddleware') attrs.withoutMiddleware.push(...this.middlewareValue(value));
      else if (key === 'prefix') attrs.prefix = joinUri(attrs.prefix, stringValue(value) ?? '');
      else if (key === 'namespace') {
        const ns = evaluate(value, this.ctx);
        if (ns.kind === 'string') attrs.namespace = ns.value;
      } else if (key === 'controller') {
        const cls = evaluate(value, this.ctx);
        if (cls.kind === 'string') attrs.controller = cls.value;
      }
    }
    return attrs;
  }

  route(link: Link, registrarAttrs: RouteAttrs, after: Link[]): RouteDecl {
    const isMatch = link.method === 'match';
    const verbs = isMatch ? stringsOf(evaluate(link.args[0], this.ctx)).map((v) => v.toUpperCase()) : VERBS[link.method]!;
    const uriArg = link.method === 'fallback' ? undefined : link.args[isMatch ? 1 : 0];
    const actionArg = link.method === 'fallback' ? link.args[0] : link.args[isMatch ? 2 : 1];
    let attrs: RouteAttrs = { ...registrarAttrs, middleware: [...registrarAttrs.middleware], withoutMiddleware: [...registrarAttrs.withoutMiddleware] };
    let action = this.action(actionArg);
    if (actionArg?.kind === 'array' && hasStringKeys(actionArg)) {
      attrs = this.arrayAttrs(actionArg, attrs);
      action = this.actionArray(actionArg);
    }
    for (const next of after) this.attribute(next, attrs);
    return { type: 'route', verbs, uri: joinUri(undefined, stringValue(uriArg) ?? ''), action, attrs, file: this.options.file, line: link.node.loc.start.line };
  }

  action(node: PhpNode | undefined): ActionRef {
    if (!node) return { kind: 'none' };
    if (node.kind === 'closure' || node.kind === 'arrowfunc') return { kind: 'closure', line: node.loc.start.line, column: node.loc.start.column };
    if (node.kind === 'array') {
      const items = ((node['items'] as PhpNode[]) ?? []).map((i) => (i?.kind === 'entry' ? (i['value'] as PhpNode) : i));
      const cls = evaluate(items[0], this.ctx);
      const method = stringValue(items[1]);
      if (cls.kind === 'string') return { kind: 'controller', className: cls.value, relative: false, method: method ?? '__invoke' };
      return { kind: 'none' };
    }
    if (node.kind === 'staticlookup') {
      const cls = evaluate(node, this.ctx);
      if (cls.kind === 'string') return { kind: 'controller', className: cls.value, relative: false, method: '__invoke' };
    }
    const text = evaluate(node, this.ctx);
    if (text.kind === 'string') {
      const at = text.value.indexOf('@');
      if (at > 0) return { kind: 'controller', className: text.value.slice(0, at), relative: node.kind === 'string', method: text.value.slice(at + 1) };
      // A bare string: a method of `Route::controller(...)`, or an invokable class name.
      return /\\/.test(text.value) || /^[A-Z]/.test(text.value) ? { kind: 'controller', className: text.value, relative: true, method: '__invoke' } : { kind: 'method', method: text.value };
    }
    return { kind: 'none' };
  }

  /** `['uses' => 'C@m', 'middleware' => …]` or `['middleware' => 'auth', function () {…}]`. */
  actionArray(node: PhpNode): ActionRef {
    for (const item of (node['items'] as PhpNode[]) ?? []) {
      if (item?.kind !== 'entry') continue;
      const key = item['key'] ? stringValue(item['key'] as PhpNode) : undefined;
      const value = item['value'] as PhpNode;
      if (key === 'uses' || (!item['key'] && (value.kind === 'closure' || value.kind === 'arrowfunc'))) return this.action(value);
    }
    return { kind: 'none' };
  }

  /** `Route::resources(['photos' => PhotoController::class, …])` / `apiResources`: one resource per entry. */
  resources(link: Link, attrs: RouteAttrs): RouteDecl[] {
    const map = link.args[0];
    if (map?.kind !== 'array') return [];
    const single = link.method === 'apiresources' ? 'apiresource' : 'resource';
    return ((map['items'] as PhpNode[]) ?? []).flatMap((item) =>
      isPhpNode(item) && item.kind === 'entry' && isPhpNode(item['key']) ? this.resource({ method: single, args: [item['key'] as PhpNode, item['value'] as PhpNode], node: link.node }, attrs, []) : [],
    );
  }

  resource(link: Link, registrarAttrs: RouteAttrs, after: Link[]): RouteDecl[] {
    const name = stringValue(link.args[0]) ?? '';
    const cls = evaluate(link.args[1], this.ctx);
    if (cls.kind !== 'string') return [];
    let methods = link.method === 'apiresource' ? API_RESOURCE_METHODS : RESOURCE_METHODS;
    const shared: RouteAttrs = { ...registrarAttrs, middleware: [...registrarAttrs.middleware], withoutMiddleware: [...registrarAttrs.withoutMiddleware] };
    const perMethod = new Map<string, RouteAttrs>();
    const forMethods = (arg: PhpNode | undefined): string[] => stringsOf(evaluate(arg, this.ctx)).map((m) => m.toLowerCase());
    for (const next of after) {
      if (next.method === 'only') methods = methods.filter((m) => forMethods(next.args[0]).includes(m) || next.args.some((a) => stringValue(a)?.toLowerCase() === m));
      else if (next.method === 'except') methods = methods.filter((m) => !(forMethods(next.args[0]).includes(m) || next.args.some((a) => stringValue(a)?.toLowerCase() === m)));
      else if (next.method === 'middlewarefor' || next.method === 'withoutmiddlewarefor') {
        for (const method of forMethods(next.args[0])) {
          const own = perMethod.get(method) ?? emptyAttrs();
          perMethod.set(method, own);
          (next.method === 'middlewarefor' ? own.middleware : own.withoutMiddleware).push(...this.middlewareArgs(next.args.slice(1)));
        }
      } else this.attribute(next, shared);
    }
    return methods.map((method) => {
      const own = perMethod.get(method);
      return {
        type: 'route' as const,
        verbs: [method === 'store' ? 'POST' : method === 'update' ? 'PUT' : method === 'destroy' ? 'DELETE' : 'GET'],
        uri: joinUri(undefined, name),
        action: { kind: 'controller' as const, className: cls.value, relative: link.args[1]?.kind === 'string', method },
        attrs: {
          ...shared,
          middleware: [...shared.middleware, ...(own?.middleware ?? [])],
          withoutMiddleware: [...shared.withoutMiddleware, ...(own?.withoutMiddleware ?? [])],
        },
        file: this.options.file,
        line: link.node.loc.start.line,
      };
    });
  }

  /**
   * `Auth::routes()` / `Route::auth()` (laravel/ui): of its routes only POST /logout matters here.
   * laravel/ui puts them in the App\Http\Controllers namespace unless the group sets one.
   */
  uiLogoutRoute(node: PhpNode, attrs: RouteAttrs): RouteDecl {
    return {
      type: 'route',
      verbs: ['POST'],
      uri: '/logout',
      action: { kind: 'controller', className: 'Auth\\LoginController', relative: true, method: 'logout' },
      attrs: { ...attrs, namespace: attrs.namespace ?? 'App\\Http\\Controllers', uiDefaultNamespace: true },
      file: this.options.file,
      line: node.loc.start.line,
    };
  }

  /** bootstrap/app.php `->withRouting(web: …, api: …, apiPrefix: …, then: fn, using: fn)` (Laravel 11+). */
  withRouting(link: Link): RouteItem[] {
    const named = new Map<string, PhpNode>();
    link.args.forEach((arg, index) => {
      if (arg.kind === 'namedargument') named.set(String(arg['name']), arg['value'] as PhpNode);
      else if (index === 0) named.set('using', arg);
    });
    const using = named.get('using');
    if (using) return this.closureBody(using);
    const items: RouteItem[] = [];
    const prefix = stringValue(named.get('apiPrefix')) ?? 'api';
    for (const group of ['web', 'api'] as const) {
      const value = named.get(group);
      if (!value) continue;
      const line = value.loc.start.line;
      const attrs: RouteAttrs = { middleware: [{ name: group, file: this.options.file, line, via: `withRouting(${group}:)` }], withoutMiddleware: [], ...(group === 'api' ? { prefix } : {}) };
      const targets = value.kind === 'array' ? ((value['items'] as PhpNode[]) ?? []).map((i) => (i.kind === 'entry' ? (i['value'] as PhpNode) : i)) : [value];
      for (const target of targets) items.push(this.include(evaluate(target, this.ctx), attrs, value));
    }
    items.push(...this.closureBody(named.get('then')));
    return items;
  }
}
