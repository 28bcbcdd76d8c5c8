import type { PhpNode, PhpProgram } from '../../languages/php/php-ast';
import { phpVisitorKeys } from '../../languages/php/visitor-keys';
import { evaluate, type EvalContext, type StaticValue } from './config-values';
import { FileScope } from './file-scope';
import { methodCall, nameOf, walk } from './php-syntax';
import type { MiddlewareRef } from './routes';

/** Middleware a controller class declares for its own actions. */
export interface ControllerMiddleware {
  ref: MiddlewareRef;
  /** Lower-cased method names; undefined = every action. */
  only?: string[];
  except?: string[];
  /** `#[WithoutMiddleware]`: removes instead of adds. */
  exclude?: boolean;
}

/** What the project model needs of a class file: inheritance, methods and controller middleware. */
export interface ClassFacts {
  fqn: string;
  kind: 'class' | 'trait' | 'enum' | 'interface';
  extends: string | null;
  traits: string[];
  /** Lower-cased names of the methods declared in this class (not inherited). */
  methods: Set<string>;
  middleware: ControllerMiddleware[];
}

const MIDDLEWARE_ATTRIBUTES = new Set(['illuminate\\routing\\attributes\\controllers\\middleware', 'spatie\\routeattributes\\attributes\\middleware']);
const WITHOUT_MIDDLEWARE_ATTRIBUTE = 'illuminate\\routing\\attributes\\controllers\\withoutmiddleware';
const MIDDLEWARE_OBJECT = 'illuminate\\routing\\controllers\\middleware';

export function extractClassFacts(program: PhpProgram, file: string): ClassFacts[] {
  const scope = new FileScope(program);
  const ctx: EvalContext = { scope };
  return scope.classes.map((cls) => {
    const middleware: ControllerMiddleware[] = [];
    middleware.push(...attributeMiddleware(cls.node, scope, ctx, file, undefined));
    for (const [name, method] of cls.methods) {
      if (name === '__construct') middleware.push(...constructorMiddleware(method, ctx, file));
      if (name === 'middleware' && method['isStatic']) middleware.push(...hasMiddleware(method, scope, ctx, file));
      middleware.push(...attributeMiddleware(method, scope, ctx, file, name));
    }
    return { fqn: cls.fqn, kind: cls.kind, extends: cls.extends, traits: cls.traits, methods: new Set(cls.methods.keys()), middleware };
  });
}

function methodNames(value: StaticValue | undefined): string[] {
  if (!value) return [];
  if (value.kind === 'string') return [value.value.toLowerCase()];
  if (value.kind === 'array') return value.entries.flatMap((e) => (e.value.kind === 'string' ? [e.value.value.toLowerCase()] : []));
  return [];
}

function refsOf(node: PhpNode | undefined, ctx: EvalContext, file: string, via: string): MiddlewareRef[] {
  if (!node) return [];
  if (node.kind === 'namedargument') return refsOf(node['value'] as PhpNode, ctx, file, via);
  if (node.kind === 'array') {
    return ((node['items'] as PhpNode[]) ?? []).flatMap((item) => (item ? refsOf(item.kind === 'entry' ? (item['value'] as PhpNode) : item, ctx, file, via) : []));
  }
  // Closure middleware never authenticates; it is kept out of the chain.
  if (node.kind === 'closure' || node.kind === 'arrowfunc') return [];
  const value = evaluate(node, ctx);
  const ref: MiddlewareRef = { name: value.kind === 'string' ? value.value : '?', file, line: node.loc.start.line, via };
  if (node.kind === 'string') ref.literal = { start: node.loc.start.offset, end: node.loc.end.offset };
  return [ref];
}

/** `$this->middleware('auth:sanctum')->only('logout')`, `->except([...])`, `$this->middleware('x', ['only' => [...]])`. */
function constructorMiddleware(method: PhpNode, ctx: EvalContext, file: string): ControllerMiddleware[] {
  const found: ControllerMiddleware[] = [];
  walk(
    method,
    (node) => {
      if (node.kind !== 'expressionstatement') return undefined;
      let current = node['expression'] as PhpNode;
      let only: string[] | undefined;
      let except: string[] | undefined;
      for (;;) {
        const call = methodCall(current);
        if (!call) return 'skip';
        if (call.method === 'only') only = call.args.flatMap((a) => methodNames(evaluate(a, ctx)));
        else if (call.method === 'except') except = call.args.flatMap((a) => methodNames(evaluate(a, ctx)));
        else if (call.method === 'middleware' && call.object.kind === 'variable' && call.object['name'] === 'this') {
          const options = call.args[1] ? evaluate(call.args[1], ctx) : undefined;
          if (options?.kind === 'array') {
            for (const entry of options.entries) {
              if (entry.key === 'only') only = methodNames(entry.value);
              if (entry.key === 'except') except = methodNames(entry.value);
            }
          }
          for (const ref of refsOf(call.args[0], ctx, file, 'controller constructor')) found.push({ ref, only, except });
          return 'skip';
        }
        current = call.object;
      }
    },
    phpVisitorKeys,
  );
  return found;
}

/** `public static function middleware(): array` of a `HasMiddleware` controller. */
function hasMiddleware(method: PhpNode, scope: FileScope, ctx: EvalContext, file: string): ControllerMiddleware[] {
  const found: ControllerMiddleware[] = [];
  walk(
    method,
    (node) => {
      if (node.kind !== 'return' || node['expr'] === null) return undefined;
      const list = node['expr'] as PhpNode;
      if (list.kind !== 'array') return 'skip';
      for (const item of (list['items'] as PhpNode[]) ?? []) {
        const value = item?.kind === 'entry' ? (item['value'] as PhpNode) : item;
        if (value) found.push(...middlewareObject(value, scope, ctx, file));
      }
      return 'skip';
    },
    phpVisitorKeys,
  );
  return found;
}

/** `'auth'`, `new Middleware('auth', only: [...])`, `(new Middleware('auth'))->only([...])`. */
function middlewareObject(node: PhpNode, scope: FileScope, ctx: EvalContext, file: string): ControllerMiddleware[] {
  const via = 'HasMiddleware::middleware()';
  const call = methodCall(node);
  if (call && (call.method === 'only' || call.method === 'except')) {
    const inner = middlewareObject(call.object, scope, ctx, file);
    const names = call.args.flatMap((a) => methodNames(evaluate(a, ctx)));
    return inner.map((m) => ({ ...m, [call.method]: names }));
  }
  if (node.kind === 'new') {
    const what = node['what'] as PhpNode;
    if (what.kind !== 'name' || scope.resolveClass(String(what['name'])).toLowerCase() !== MIDDLEWARE_OBJECT) return [];
    return withOptions(node['arguments'] as PhpNode[], ctx, file, via, false);
  }
  return refsOf(node, ctx, file, via).map((ref) => ({ ref }));
}

/** Arguments `(middleware, only, except)`, positional or named. */
function withOptions(args: PhpNode[], ctx: EvalContext, file: string, via: string, exclude: boolean): ControllerMiddleware[] {
  let middlewareArg: PhpNode | undefined;
  let only: string[] | undefined;
  let except: string[] | undefined;
  args.forEach((arg, index) => {
    const name = arg.kind === 'namedargument' ? String(arg['name']) : ['middleware', 'only', 'except'][index];
    if (name === 'middleware') middlewareArg = arg;
    else if (name === 'only') only = methodNames(evaluate(arg, ctx));
    else if (name === 'except') except = methodNames(evaluate(arg, ctx));
  });
  return refsOf(middlewareArg, ctx, file, via).map((ref) => ({ ref, only, except, ...(exclude ? { exclude } : {}) }));
}

/** `#[Middleware('auth:sanctum', only: [...])]` / `#[WithoutMiddleware(...)]` on the class (all actions) or on one method. */
function attributeMiddleware(node: PhpNode, scope: FileScope, ctx: EvalContext, file: string, method: string | undefined): ControllerMiddleware[] {
  const found: ControllerMiddleware[] = [];
  for (const group of (node['attrGroups'] as PhpNode[]) ?? []) {
    for (const attr of (group['attrs'] as PhpNode[]) ?? []) {
      const fqn = scope.resolveClass(String(attr['name'] ?? nameOf(attr['name']) ?? '')).toLowerCase();
      const isAdd = MIDDLEWARE_ATTRIBUTES.has(fqn) || fqn.endsWith('\\middleware') || fqn === 'middleware';
      const isRemove = fqn === WITHOUT_MIDDLEWARE_ATTRIBUTE || fqn.endsWith('\\withoutmiddleware') || fqn === 'withoutmiddleware';
      if (!isAdd && !isRemove) continue;
      const entries = withOptions((attr['args'] as PhpNode[]) ?? [], ctx, file, method ? `#[${isRemove ? 'WithoutMiddleware' : 'Middleware'}] on ${method}()` : `#[${isRemove ? 'WithoutMiddleware' : 'Middleware'}] on the class`, isRemove);
      for (const entry of entries) found.push(method ? { ...entry, only: [method] } : entry);
    }
  }
  return found;
}
