import type { TSESTree } from '@typescript-eslint/utils';
import { calleePath, isFunction, objectProperty, propertyName, stringValue, unwrap, walk, type FunctionNode, type Node } from '../../facts/node/ast';
import { chainOfMiddleware, emptyChain, mergeChains, type AuthChain } from '../../facts/node/auth-chain';
import { DependentCache } from './dependencies';
import { moduleAt, moduleBindings, requireSource, resolveModule, type ParsedModule } from './modules';
import type { NodeProject } from './node-project';
import { functionIdentity } from './call-graph';
import { classMethod, resolveExpression } from './resolve';

/** The route a handler serves and what authenticates it. */
export interface RouteContext {
  chain: AuthChain;
  /** File and line of the route declaration (for messages when it is another file). */
  routeFile: string;
  routeLine: number;
}

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head', 'any']);
const FASTIFY_HOOKS = ['onRequest', 'preParsing', 'preValidation', 'preHandler'];
/** Words a file must contain to be worth parsing for route declarations. */
const ROUTE_TEXT = /\.(?:get|post|put|patch|delete|del|all|any|route)\s*\(/;

/**
 * The route context of a handler function: inline in a route call of its own module, a NestJS
 * controller method, or a function / controller method that a route in another module refers to.
 */
export function routeContextOf(handler: FunctionNode, module: ParsedModule, project: NodeProject | null): RouteContext | null {
  const inline = inlineRoute(handler, module, project);
  if (inline) return inline;
  const nest = nestRoute(handler, module, project);
  if (nest) return nest;
  if (!project) return null;
  return routesDeclaredFor(project, module).get(functionIdentity(module.file, handler)) ?? null;
}

/** `app.post('/x', mw, handler)`, `router.route('/x').post(handler)`, `wrap(handler)`, `fastify.route({ handler })`. */
function inlineRoute(handler: FunctionNode, module: ParsedModule, project: NodeProject | null): RouteContext | null {
  let arg: Node = handler;
  let parent = handler.parent;
  // One wrapper (`asyncHandler(async (req, res) => …)`).
  if (parent?.type === 'CallExpression' && parent.arguments.includes(arg as TSESTree.Expression) && !isRouteCall(parent) && parent.parent?.type === 'CallExpression') {
    arg = parent;
    parent = parent.parent;
  }
  if (parent?.type === 'CallExpression' && isRouteCall(parent) && parent.arguments.includes(arg as TSESTree.Expression)) {
    return routeOfCall(parent, parent.arguments.indexOf(arg as TSESTree.Expression), module, project);
  }
  if (parent?.type === 'Property' && parent.parent?.type === 'ObjectExpression') {
    const options = parent.parent;
    const call = options.parent;
    if (call?.type === 'CallExpression' && call.arguments[0] === options && calleeMethod(call) === 'route') {
      return { chain: mergeChains([precedingUses(call, module, project), fastifyHooks(options, module, project)]), routeFile: module.file, routeLine: call.loc.start.line };
    }
  }
  return null;
}

function calleeMethod(call: TSESTree.CallExpression): string | null {
  return call.callee.type === 'MemberExpression' ? propertyName(call.callee) : null;
}

export function isRouteCall(call: TSESTree.CallExpression): boolean {
  const method = calleeMethod(call);
  if (!method || !VERBS.has(method) || call.callee.type !== 'MemberExpression') return false;
  const object = unwrap(call.callee.object);
  // `router.route('/x').post(...)` has no path argument; everything else starts with one.
  const chained = object.type === 'CallExpression' && calleeMethod(object) === 'route';
  return chained || stringValue(call.arguments[0]) !== null || call.arguments[0]?.type === 'TemplateLiteral' || call.arguments[0]?.type === 'Identifier';
}

function routeOfCall(call: TSESTree.CallExpression, handlerIndex: number, module: ParsedModule, project: NodeProject | null): RouteContext {
  const resolve = resolverFor(module, project);
  const parts: AuthChain[] = [precedingUses(call, module, project)];
  const object = call.callee.type === 'MemberExpression' ? unwrap(call.callee.object) : null;
  const firstMiddleware = object?.type === 'CallExpression' && calleeMethod(object) === 'route' ? 0 : 1;
  for (const arg of call.arguments.slice(firstMiddleware, handlerIndex)) {
    const a = unwrap(arg);
    if (a.type === 'ObjectExpression') parts.push(fastifyHooks(a, module, project));
    else parts.push(chainOfMiddleware(a, resolve));
  }
  parts.push(adonisChainedUses(call, module, project));
  return { chain: mergeChains(parts), routeFile: module.file, routeLine: call.loc.start.line };
}

function resolverFor(module: ParsedModule, project: NodeProject | null): (n: Node) => Node | null {
  return (n) => resolveExpression(n, module, project)?.node ?? null;
}

function fastifyHooks(options: TSESTree.ObjectExpression, module: ParsedModule, project: NodeProject | null): AuthChain {
  const resolve = resolverFor(module, project);
  return mergeChains(FASTIFY_HOOKS.map((hook) => objectProperty(options, hook)).filter((v): v is Node => !!v).map((v) => chainOfMiddleware(v, resolve)));
}

/**
 * `app.use(mw)` / `fastify.addHook('preHandler', mw)` on the same object before the route (order
 * matters), in the route's own block (a `createApp()` or Fastify plugin function) and at module
 * level; then what the modules that mount this one put in front of it.
 */
function precedingUses(call: TSESTree.CallExpression, module: ParsedModule, project: NodeProject | null): AuthChain {
  const root = rootName(call.callee);
  if (!root) return emptyChain();
  const resolve = resolverFor(module, project);
  const parts: AuthChain[] = [];
  for (const use of useCallsBefore(call, module, root, PRECEDING_METHODS)) {
    const method = calleeMethod(use);
    if (method === 'use') {
      for (const arg of use.arguments) if (stringValue(arg) === null) parts.push(chainOfMiddleware(arg, resolve));
    } else if (method === 'addHook' && FASTIFY_HOOKS.includes(stringValue(use.arguments[0]) ?? '')) {
      if (use.arguments[1]) parts.push(chainOfMiddleware(use.arguments[1], resolve));
    }
  }
  if (project) parts.unshift(...mountChains(project, module.file));
  return mergeChains(parts);
}

/** Direct `root.use(...)` / `root.addHook(...)` statements before `node`, in its block and the module body. */
function useCallsBefore(node: Node, module: ParsedModule, root: string, methods?: ReadonlySet<string>): TSESTree.CallExpression[] {
  const lists: TSESTree.Statement[][] = [];
  let current: Node | undefined = node.parent;
  while (current && current.type !== 'BlockStatement' && current.type !== 'Program') current = current.parent;
  if (current?.type === 'BlockStatement') lists.push(current.body);
  lists.push(module.program.body as TSESTree.Statement[]);
  const calls: TSESTree.CallExpression[] = [];
  for (const list of lists) {
    for (const use of directUses(list, root, methods)) {
      if (use.range[0] >= node.range[0]) break;
      calls.push(use);
    }
  }
  return calls;
}

/** What precedingUses reads: the other direct calls (`app.post(...)`) need not be listed for every route. */
const PRECEDING_METHODS: ReadonlySet<string> = new Set(['use', 'addHook']);

/**
 * Direct `root.<method>(...)` calls of a statement list (all methods, or only `methods`), found once
 * per list: asked for every route, a scan per route was quadratic (a module of 25k routes took 30 s).
 */
const directUsesByList = new WeakMap<readonly TSESTree.Statement[], Map<string, TSESTree.CallExpression[]>>();

function directUses(list: readonly TSESTree.Statement[], root: string, methods?: ReadonlySet<string>): TSESTree.CallExpression[] {
  let byRoot = directUsesByList.get(list);
  if (!byRoot) directUsesByList.set(list, (byRoot = new Map()));
  const key = methods ? `${root}:${[...methods].join(',')}` : root;
  let calls = byRoot.get(key);
  if (calls) return calls;
  calls = [];
  for (const statement of list) {
    if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'CallExpression') continue;
    const use = statement.expression;
    // Only direct `app.use(...)`: `router.post(...).use(...)` (AdonisJS) belongs to that one route.
    if (use.callee.type !== 'MemberExpression' || unwrap(use.callee.object).type !== 'Identifier' || rootName(use.callee) !== root) continue;
    if (methods && !methods.has(calleeMethod(use) ?? '')) continue;
    calls.push(use);
  }
  byRoot.set(key, calls);
  return calls;
}

interface Mount {
  module: ParsedModule;
  call: TSESTree.CallExpression;
  argIndex: number;
}
const mountCache = new DependentCache<Mount[]>();
/** Words a module must contain to mount another one. */
const MOUNT_TEXT = /\.(?:use|register)\s*\(/;

/**
 * Chains that other modules put in front of a router module: `app.use('/api', requireJwt,
 * apiRouter)` / `app.use(require('../../facts/node/routes/session'))` plus that app's earlier `use()`s (and,
 * recursively, whatever mounts the app's own module).
 */
function mountChains(project: NodeProject, file: string, depth = 0): AuthChain[] {
  if (depth > 3) return [];
  const chains: AuthChain[] = [];
  for (const { module, call, argIndex } of mountsOf(project, file)) {
    const root = rootName(call.callee);
    const resolve = resolverFor(module, project);
    chains.push(...mountChains(project, module.file, depth + 1));
    if (root) {
      for (const use of useCallsBefore(call, module, root)) {
        for (const arg of use.arguments) if (stringValue(arg) === null) chains.push(chainOfMiddleware(arg, resolve));
      }
    }
    for (const arg of call.arguments.slice(0, argIndex)) if (stringValue(arg) === null) chains.push(chainOfMiddleware(arg, resolve));
  }
  return chains;
}

/**
 * The `use()` / `register()` calls that mount `file`, from the few modules whose text names it;
 * kept until one of the modules read for them changes or another one starts naming the file.
 */
function mountsOf(project: NodeProject, file: string): Mount[] {
  return mountCache.get(project, file, file, () => {
    const mounts: Mount[] = [];
    for (const candidate of project.filesMentioning(file, MOUNT_TEXT)) {
      if (candidate === file) continue;
      const module = moduleAt(candidate, project.root);
      if (!module) continue;
      walk(module.program, (node) => {
        if (node.type !== 'CallExpression' || (calleeMethod(node) !== 'use' && calleeMethod(node) !== 'register')) return;
        node.arguments.forEach((arg, argIndex) => {
          if (mountedModule(arg, module, project) === file) mounts.push({ module, call: node, argIndex });
        });
      });
    }
    return mounts;
  });
}

/**
 * Where other modules mount `file` (`app.use('/auth', authRouter)`), nearest first, then what
 * mounts those modules: the places an editor shows as related locations of a router's finding.
 */
export function mountLocations(project: NodeProject, file: string, depth = 0): { file: string; line: number }[] {
  if (depth > 3) return [];
  return mountsOf(project, file).flatMap(({ module, call }) => [{ file: module.file, line: call.loc.start.line }, ...mountLocations(project, module.file, depth + 1)]);
}

/** The project file an argument of `use()` / `register()` brings in, when it is another module. */
function mountedModule(arg: Node, module: ParsedModule, project: NodeProject): string | null {
  const a = unwrap(arg);
  const inline = requireSource(a);
  if (inline) return resolveModule(module.file, inline.source, project);
  // Koa: `app.use(authRouter.routes())` / `.middleware()`.
  if (a.type === 'CallExpression' && a.callee.type === 'MemberExpression' && /^(routes|middleware)$/.test(propertyName(a.callee) ?? '')) {
    return mountedModule(a.callee.object, module, project);
  }
  if (a.type !== 'Identifier') return null;
  const binding = moduleBindings(module.program).get(a.name);
  return binding?.kind === 'import' ? resolveModule(module.file, binding.source, project) : null;
}

function rootName(node: Node): string | null {
  let current = unwrap(node);
  while (current.type === 'MemberExpression' || current.type === 'CallExpression') {
    current = unwrap(current.type === 'MemberExpression' ? current.object : current.callee);
  }
  return current.type === 'Identifier' ? current.name : null;
}

/** AdonisJS: `router.post(...).use(middleware.auth({ guards }))`, and `.use()` on enclosing `router.group(...)`s. */
function adonisChainedUses(call: TSESTree.CallExpression, module: ParsedModule, project: NodeProject | null): AuthChain {
  const resolve = resolverFor(module, project);
  const parts: AuthChain[] = [];
  const collectChained = (start: Node): void => {
    let current: Node = start;
    while (current.parent?.type === 'MemberExpression' && current.parent.object === current && current.parent.parent?.type === 'CallExpression') {
      const chained = current.parent.parent;
      const method = propertyName(current.parent);
      if (method === 'use' || method === 'middleware') for (const arg of chained.arguments) parts.push(chainOfMiddleware(arg, resolve));
      current = chained;
    }
  };
  collectChained(call);
  let scope: Node | undefined = call.parent;
  while (scope) {
    if (isFunction(scope) && scope.parent?.type === 'CallExpression' && calleeMethod(scope.parent) === 'group') collectChained(scope.parent);
    scope = scope.parent;
  }
  return mergeChains(parts);
}

/** NestJS: `@Post('logout')` method of a `@Controller()` class, guards from `@UseGuards` on the method and the class. */
function nestRoute(handler: FunctionNode, module: ParsedModule, project: NodeProject | null): RouteContext | null {
  const method = handler.parent;
  if (method?.type !== 'MethodDefinition') return null;
  const cls = method.parent?.parent;
  if (cls?.type !== 'ClassDeclaration' && cls?.type !== 'ClassExpression') return null;
  const decoratorNames = (decorators: TSESTree.Decorator[] | undefined): string[] => (decorators ?? []).map((d) => decoratorCallee(d)).filter((n): n is string => !!n);
  if (!decoratorNames(cls.decorators).includes('Controller')) return null;
  const verbs = ['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head'];
  if (!decoratorNames(method.decorators).some((n) => verbs.includes(n))) return null;
  const parts: AuthChain[] = [];
  for (const decorator of [...(cls.decorators ?? []), ...(method.decorators ?? [])]) {
    if (decoratorCallee(decorator) !== 'UseGuards' || decorator.expression.type !== 'CallExpression') continue;
    for (const arg of decorator.expression.arguments) parts.push(nestGuardChain(arg, module, project));
  }
  return { chain: mergeChains(parts), routeFile: module.file, routeLine: method.loc.start.line };
}

function decoratorCallee(decorator: TSESTree.Decorator): string | null {
  const expr = decorator.expression;
  const callee = expr.type === 'CallExpression' ? expr.callee : expr;
  return callee.type === 'Identifier' ? callee.name : null;
}

/** `AuthGuard(['jwt','session'])`, or a guard class that `extends AuthGuard([...])` (possibly in another file). */
function nestGuardChain(arg: Node, module: ParsedModule, project: NodeProject | null): AuthChain {
  const direct = chainOfMiddleware(arg, () => null);
  if (direct.mechanisms.length > 0) return direct;
  const resolved = resolveExpression(arg, module, project);
  const target = resolved?.node;
  if ((target?.type === 'ClassDeclaration' || target?.type === 'ClassExpression') && target.superClass) {
    return chainOfMiddleware(target.superClass, () => null);
  }
  return direct;
}

const routeCache = new DependentCache<Map<string, RouteContext>>();

/**
 * The routes whose handler is defined in `file` but declared elsewhere (an imported function, a
 * controller object member, an AdonisJS `[Controller, 'method']`, a Fastify `route({ handler })`),
 * keyed by handler identity. Only modules whose text names the file are parsed; the result is
 * kept until a module read for it changes or another module starts naming the file.
 */
function routesDeclaredFor(project: NodeProject, current: ParsedModule): Map<string, RouteContext> {
  // The file's own routes come from the text being linted, so they are not kept.
  if (ROUTE_TEXT.test(current.text)) return findRoutesDeclaredFor(project, current);
  return routeCache.get(project, current.file, current.file, () => findRoutesDeclaredFor(project, current));
}

function findRoutesDeclaredFor(project: NodeProject, current: ParsedModule): Map<string, RouteContext> {
  const file = current.file;
  const routes = new Map<string, RouteContext>();
  for (const candidate of project.filesMentioning(file, ROUTE_TEXT)) {
    if (candidate === file && !ROUTE_TEXT.test(current.text)) continue;
    const module = candidate === file ? current : moduleAt(candidate, project.root);
    if (!module) continue;
    walk(module.program, (node) => {
      if (node.type !== 'CallExpression') return;
      const options = node.arguments[0] ? unwrap(node.arguments[0]) : null;
      if (calleeMethod(node) === 'route' && options?.type === 'ObjectExpression') {
        // Fastify `fastify.route({ method, url, preHandler, handler: authController.logout })`.
        const handler = objectProperty(options, 'handler');
        const target = handler ? handlerTarget(handler, module, project) : null;
        if (target?.file === file) routes.set(functionIdentity(target.file, target.fn), { chain: mergeChains([precedingUses(node, module, project), fastifyHooks(options, module, project)]), routeFile: module.file, routeLine: node.loc.start.line });
        return;
      }
      if (!isRouteCall(node)) return;
      node.arguments.forEach((arg, index) => {
        const target = handlerTarget(arg, module, project);
        if (target?.file === file) routes.set(functionIdentity(target.file, target.fn), routeOfCall(node, index, module, project));
      });
    });
  }
  return routes;
}

/** The function a non-inline route handler argument refers to. */
function handlerTarget(arg: Node, module: ParsedModule, project: NodeProject): { file: string; fn: Node } | null {
  const a = unwrap(arg);
  if (a.type === 'ArrayExpression' && a.elements.length === 2) {
    // AdonisJS `[SessionController, 'destroy']` (eager or lazy `() => import(...)` controller).
    const method = stringValue(a.elements[1]);
    const controller = a.elements[0] ? resolveExpression(a.elements[0], module, project) : null;
    if (!method || !controller) return null;
    const cls = controller.node;
    if (cls.type === 'ArrowFunctionExpression') return null;
    if (cls.type !== 'ClassDeclaration' && cls.type !== 'ClassExpression') return null;
    const fn = classMethod(cls, method);
    return fn && isFunction(fn) ? { file: controller.module.file, fn } : null;
  }
  if (a.type === 'Identifier' || a.type === 'MemberExpression') {
    const resolved = resolveExpression(a, module, project);
    if (resolved && isFunction(resolved.node)) return { file: resolved.module.file, fn: resolved.node };
  }
  if (a.type === 'CallExpression' && a.arguments.length === 1 && calleePath(a)?.length === 1) {
    // Wrapped imported handler: `catchAsync(authController.logout)`.
    return handlerTarget(a.arguments[0]!, module, project);
  }
  return null;
}
