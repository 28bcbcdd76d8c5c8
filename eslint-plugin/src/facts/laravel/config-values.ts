import type { PhpNode, PhpProgram } from '../../languages/php/php-ast';
import type { FileScope } from './file-scope';
import { functionCall, nameOf, staticCall } from './php-syntax';

/**
 * A PHP expression evaluated without running it: literals, arrays, `X::class`, string
 * concatenation and `env('KEY', default)` are known; everything else is `unknown`.
 * Every value keeps its line so findings can say where a setting came from.
 */
export type StaticValue =
  | { kind: 'string'; value: string; line: number; node: PhpNode }
  | { kind: 'number'; value: number; line: number; node: PhpNode }
  | { kind: 'bool'; value: boolean; line: number; node: PhpNode }
  | { kind: 'null'; line: number; node: PhpNode }
  | { kind: 'array'; entries: { key: string | number | null; value: StaticValue }[]; line: number; node: PhpNode }
  | { kind: 'env'; name: string; fallback: StaticValue | undefined; line: number; node: PhpNode }
  | { kind: 'unknown'; line: number; node: PhpNode };

export interface EvalContext {
  scope?: FileScope;
  /** Value of `__DIR__` in the file, for path expressions. */
  dir?: string;
  /** Resolves `base_path('x')`, `app_path('x')`, …: returns the absolute path or undefined. */
  helperPath?: (helper: string, argument: string) => string | undefined;
  /** Known variables, e.g. `$this->namespace` in a RouteServiceProvider. */
  properties?: Map<string, StaticValue>;
  /** Values of local variables assigned earlier in the file (`$auth = 'auth:'.config('x.guard');`). */
  variables?: Map<string, StaticValue>;
  /** Resolves `config('file.key')` (env() already applied), or undefined when the key is not set. */
  config?: (key: string) => StaticValue | undefined;
}

export function evaluate(node: PhpNode | undefined | null, ctx: EvalContext = {}): StaticValue {
  if (!node) return { kind: 'unknown', line: 0, node: node as never };
  const line = node.loc?.start.line ?? 0;
  switch (node.kind) {
    case 'namedargument':
      return evaluate(node['value'] as PhpNode, ctx);
    case 'string':
    case 'nowdoc':
      return { kind: 'string', value: String(node['value']), line, node };
    case 'number':
      return { kind: 'number', value: Number(node['value']), line, node };
    case 'boolean':
      return { kind: 'bool', value: Boolean(node['value']), line, node };
    case 'nullkeyword':
      return { kind: 'null', line, node };
    case 'name': {
      const name = String(node['name']).replace(/^\\/, '').toLowerCase();
      if (name === 'true' || name === 'false') return { kind: 'bool', value: name === 'true', line, node };
      if (name === 'null') return { kind: 'null', line, node };
      return { kind: 'unknown', line, node };
    }
    case 'magic':
      if (node['value'] === '__DIR__' && ctx.dir !== undefined) return { kind: 'string', value: ctx.dir, line, node };
      return { kind: 'unknown', line, node };
    case 'cast':
      return evaluate(node['expr'] as PhpNode, ctx);
    case 'array': {
      const entries: { key: string | number | null; value: StaticValue }[] = [];
      for (const item of (node['items'] as PhpNode[]) ?? []) {
        if (!item) continue;
        const entry = item.kind === 'entry' ? item : { kind: 'entry', key: null, value: item, loc: item.loc };
        const keyValue = entry['key'] ? evaluate(entry['key'] as PhpNode, ctx) : undefined;
        const key = keyValue?.kind === 'string' || keyValue?.kind === 'number' ? keyValue.value : null;
        entries.push({ key, value: evaluate(entry['value'] as PhpNode, ctx) });
      }
      return { kind: 'array', entries, line, node };
    }
    case 'staticlookup': {
      const offset = nameOf(node['offset']);
      const what = node['what'] as PhpNode;
      if (offset?.toLowerCase() === 'class' && what.kind === 'name') {
        const written = String(what['name']);
        return { kind: 'string', value: ctx.scope ? ctx.scope.resolveClass(written) : written.replace(/^\\/, ''), line, node };
      }
      return { kind: 'unknown', line, node };
    }
    case 'bin': {
      if (node['type'] !== '.') return { kind: 'unknown', line, node };
      const left = evaluate(node['left'] as PhpNode, ctx);
      const right = evaluate(node['right'] as PhpNode, ctx);
      if (left.kind === 'string' && right.kind === 'string') return { kind: 'string', value: left.value + right.value, line, node };
      return { kind: 'unknown', line, node };
    }
    case 'variable': {
      const known = typeof node['name'] === 'string' ? ctx.variables?.get(node['name'] as string) : undefined;
      return known ?? { kind: 'unknown', line, node };
    }
    case 'propertylookup': {
      const owner = node['what'] as PhpNode;
      const prop = nameOf(node['offset']);
      if (owner.kind === 'variable' && owner['name'] === 'this' && prop) return ctx.properties?.get(prop) ?? { kind: 'unknown', line, node };
      return { kind: 'unknown', line, node };
    }
    case 'call':
      return evaluateCall(node, ctx, line);
    default:
      return { kind: 'unknown', line, node };
  }
}

function evaluateCall(node: PhpNode, ctx: EvalContext, line: number): StaticValue {
  const fn = functionCall(node);
  if (fn) {
    const first = fn.args[0] ? evaluate(fn.args[0], ctx) : undefined;
    if (fn.name === 'env' && first?.kind === 'string') {
      return { kind: 'env', name: first.value, fallback: fn.args[1] ? evaluate(fn.args[1], ctx) : undefined, line, node };
    }
    // config('fortify.guard', 'web'): the configured value, else the default given here.
    if (fn.name === 'config' && first?.kind === 'string' && ctx.config) {
      const configured = ctx.config(first.value);
      if (configured && configured.kind !== 'unknown' && configured.kind !== 'null') return { ...configured, line, node };
      if (fn.args[1]) return evaluate(fn.args[1], ctx);
      return { kind: 'unknown', line, node };
    }
    if (fn.name === 'dirname' && first?.kind === 'string') {
      const levels = fn.args[1] ? evaluate(fn.args[1], ctx) : undefined;
      let dir = first.value;
      for (let i = 0; i < (levels?.kind === 'number' ? levels.value : 1); i++) dir = dir.replace(/[\\/][^\\/]*$/, '') || '/';
      return { kind: 'string', value: dir, line, node };
    }
    if (/_path$/.test(fn.name) && ctx.helperPath) {
      const arg = first?.kind === 'string' ? first.value : fn.args.length === 0 ? '' : undefined;
      const resolved = arg !== undefined ? ctx.helperPath(fn.name, arg) : undefined;
      if (resolved) return { kind: 'string', value: resolved, line, node };
    }
    return { kind: 'unknown', line, node };
  }
  // `Authenticate::using('sanctum', 'web')` → 'Illuminate\Auth\Middleware\Authenticate:sanctum,web'
  const st = staticCall(node);
  if (st?.method === 'using' && ctx.scope) {
    const guards = st.args.map((a) => evaluate(a, ctx));
    if (guards.every((g) => g.kind === 'string')) {
      const fqn = ctx.scope.resolveClass(st.className);
      return { kind: 'string', value: `${fqn}:${guards.map((g) => (g as { value: string }).value).join(',')}`, line, node };
    }
  }
  return { kind: 'unknown', line, node };
}

/** Looks up `a.b.c` in an evaluated array. */
export function lookup(value: StaticValue | undefined, path: string): StaticValue | undefined {
  let current = value;
  for (const part of path.split('.')) {
    if (current?.kind !== 'array') return undefined;
    current = current.entries.find((e) => String(e.key) === part)?.value;
  }
  return current;
}

/** Strings of a string or a list of strings (unknown entries dropped). */
export function stringList(value: StaticValue | undefined): string[] {
  if (!value) return [];
  if (value.kind === 'string') return [value.value];
  if (value.kind === 'array') return value.entries.flatMap((e) => (e.value.kind === 'string' ? [e.value.value] : []));
  return [];
}

/** The value a config file returns (`return [ … ];`). */
export function returnedValue(program: PhpProgram, ctx: EvalContext = {}): StaticValue | undefined {
  for (const child of program.children) {
    if (child.kind === 'return') return evaluate(child['expr'] as PhpNode, ctx);
  }
  return undefined;
}
