import type { PhpNode, PhpProgram } from '../../languages/php/php-ast';
import { segments } from '../../languages/php/php-text';
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

/**
 * Class facts from the text alone, for the common file that declares no controller middleware
 * (no `middleware`, no attribute): namespace, imports, one class/trait, its parent, traits and
 * method names. Returns undefined when the file needs a real parse (middleware, attributes,
 * several classes, heredocs, grouped or braced `use`). A big app's controllers are mostly such
 * files, and the project model reads hundreds of them.
 */
export function outlineClassFacts(text: string): ClassFacts[] | undefined {
  if (/middleware|#\[|<<<|\?>[\s\S]*<\?php/i.test(text)) return undefined;
  const code = stripCommentsAndStrings(text);
  if (code === undefined) return undefined;
  const declarations = [...code.matchAll(/\b(class|trait|interface|enum)\s+([A-Za-z_]\w*)/g)].filter((m) => !/(::|->)\s*$/.test(code.slice(Math.max(0, m.index! - 3), m.index!)));
  if (declarations.length !== 1 || /\bnew\s+class\b/.test(code)) return undefined;
  const declaration = declarations[0]!;
  const head = code.slice(0, declaration.index!);
  const body = code.slice(declaration.index!);
  const namespace = /\bnamespace\s+([\w\\]+)\s*;/.exec(head)?.[1] ?? '';
  const uses = new Map<string, string>();
  for (const use of head.matchAll(/\buse\s+([^;]+);/g)) {
    const clause = use[1]!.trim();
    if (/[{}]/.test(clause) || /^(function|const)\s/i.test(clause)) {
      if (/[{}]/.test(clause)) return undefined;
      continue;
    }
    for (const part of clause.split(',')) {
      const match = /^\\?([\w\\]+)(?:\s+as\s+(\w+))?$/i.exec(part.trim());
      if (!match) return undefined;
      uses.set((match[2] ?? match[1]!.split('\\').pop()!).toLowerCase(), match[1]!);
    }
  }
  const resolve = (written: string): string => {
    if (written.startsWith('\\')) return written.slice(1);
    const [first, ...rest] = written.split('\\');
    const imported = uses.get(first!.toLowerCase());
    if (imported) return [imported, ...rest].join('\\');
    return namespace ? `${namespace}\\${written}` : written;
  };
  const header = /^(?:class|trait|interface|enum)\s+\w+([^{]*)\{/.exec(body);
  if (!header) return undefined;
  const parent = /\bextends\s+(\\?[\w\\]+)/.exec(header[1]!)?.[1];
  const inside = body.slice(header[0].length);
  const traits: string[] = [];
  // Trait imports only: a closure's `use ($x)` starts with a parenthesis.
  for (const use of inside.matchAll(/\buse\s+(\\?[A-Za-z_][\w\\]*(?:\s*,\s*\\?[A-Za-z_][\w\\]*)*)\s*([;{])/g)) {
    if (use[2] === '{') return undefined;
    for (const name of use[1]!.split(',')) traits.push(resolve(name.trim()));
  }
  const methods = new Set([...inside.matchAll(/\bfunction\s+&?\s*([A-Za-z_]\w*)\s*\(/g)].map((m) => m[1]!.toLowerCase()));
  const shortName = declaration[2]!;
  return [
    {
      fqn: namespace ? `${namespace}\\${shortName}` : shortName,
      kind: declaration[1] as ClassFacts['kind'],
      extends: parent && declaration[1] === 'class' ? resolve(parent) : null,
      traits,
      methods,
      middleware: [],
    },
  ];
}

/** The text with comments removed and string contents emptied (quotes kept), or undefined when unbalanced. */
function stripCommentsAndStrings(text: string): string | undefined {
  const parts = segments(text, { hashAttributes: false });
  if (parts === undefined) return undefined;
  return parts.map((p) => (p.kind === 'code' ? text.slice(p.start, p.end) : p.kind === 'comment' ? ' ' : text[p.start]!.repeat(2))).join('');
}
