import type { PhpNode, PhpProgram } from '../../languages/php/php-ast';
import { phpVisitorKeys } from '../../languages/php/visitor-keys';
import { evaluate, type EvalContext } from './config-values';
import { FileScope } from './file-scope';
import { methodCall, nameOf, stringValue, variableName, walk } from './php-syntax';
import type { MiddlewareRef } from './routes';

/**
 * Middleware group contents and aliases: `app/Http/Kernel.php` (≤ 10) or the
 * `->withMiddleware(fn (Middleware $m) => …)` callback of `bootstrap/app.php` (11+).
 */
export interface MiddlewareSetup {
  /** Group name → its entries, in order. Only groups the file defines or changes. */
  groups: Map<string, MiddlewareRef[]>;
  /** Alias → class (with the alias's source). */
  aliases: Map<string, MiddlewareRef>;
  /** 11+: changes applied on top of the framework's default groups, in source order. */
  edits: GroupEdit[];
  /** Where the file was read from: "kernel" (groups replace the defaults) or "bootstrap" (edits on the defaults). */
  style: 'kernel' | 'bootstrap';
  /** The Kernel's global `$middleware`: runs on every route (an app that starts the session there has one everywhere). */
  global?: MiddlewareRef[];
}

export interface GroupEdit {
  group: string;
  op: 'append' | 'prepend' | 'remove' | 'replace' | 'define';
  entries: MiddlewareRef[];
  /** For `replace`: the entry being replaced. */
  replaces?: string;
}

export const STATEFUL_MIDDLEWARE = 'Laravel\\Sanctum\\Http\\Middleware\\EnsureFrontendRequestsAreStateful';

/** `protected $middlewareGroups = [...]`, `$middlewareAliases`, `$routeMiddleware` of an HTTP Kernel class. */
export function extractKernel(program: PhpProgram, file: string): MiddlewareSetup {
  const scope = new FileScope(program);
  const ctx: EvalContext = { scope };
  const setup: MiddlewareSetup = { groups: new Map(), aliases: new Map(), edits: [], style: 'kernel' };
  for (const cls of scope.classes) {
    for (const member of (cls.node['body'] as PhpNode[]) ?? []) {
      if (member.kind !== 'propertystatement') continue;
      for (const prop of (member['properties'] as PhpNode[]) ?? []) {
        const name = nameOf(prop['name']);
        const value = prop['value'] as PhpNode | null;
        if (!value || value.kind !== 'array') continue;
        if (name === 'middleware') {
          setup.global = refs(value, ctx, file).map((ref) => ({ ...ref, via: 'global middleware ($middleware)' }));
        } else if (name === 'middlewareGroups') {
          for (const entry of entries(value)) {
            const group = entry.key && stringValue(entry.key);
            if (group && entry.value.kind === 'array') setup.groups.set(group, refs(entry.value, ctx, file));
          }
        } else if (name === 'middlewareAliases' || name === 'routeMiddleware') {
          for (const entry of entries(value)) {
            const alias = entry.key && stringValue(entry.key);
            const target = evaluate(entry.value, ctx);
            if (alias) setup.aliases.set(alias, { name: target.kind === 'string' ? target.value : '?', file, line: entry.value.loc.start.line });
          }
        }
      }
    }
  }
  return setup;
}

/** The `withMiddleware` callback of bootstrap/app.php: `statefulApi()`, `web(append: …)`, `group()`, `alias()`, … */
export function extractBootstrapMiddleware(program: PhpProgram, file: string): MiddlewareSetup {
  const scope = new FileScope(program);
  const ctx: EvalContext = { scope };
  const setup: MiddlewareSetup = { groups: new Map(), aliases: new Map(), edits: [], style: 'bootstrap' };
  walk(
    program,
    (node) => {
      const call = methodCall(node);
      if (call?.method !== 'withmiddleware') return undefined;
      const callback = call.args[0] && (call.args[0].kind === 'namedargument' ? (call.args[0]['value'] as PhpNode) : call.args[0]);
      if (!callback || (callback.kind !== 'closure' && callback.kind !== 'arrowfunc')) return 'skip';
      const param = nameOf(((callback['arguments'] as PhpNode[]) ?? [])[0]?.['name']) ?? 'middleware';
      readCallback(callback, param, ctx, file, setup);
      return 'skip';
    },
    phpVisitorKeys,
  );
  return setup;
}

function readCallback(callback: PhpNode, param: string, ctx: EvalContext, file: string, setup: MiddlewareSetup): void {
  walk(
    callback['body'] as PhpNode,
    (node) => {
      const call = methodCall(node);
      if (!call || !rootsAt(call.object, param)) return undefined;
      const line = node.loc.start.line;
      const named = new Map<string, PhpNode>();
      call.args.forEach((arg) => {
        if (arg.kind === 'namedargument') named.set(String(arg['name']), arg['value'] as PhpNode);
      });
      switch (call.method) {
        case 'statefulapi':
          setup.edits.push({ group: 'api', op: 'prepend', entries: [{ name: STATEFUL_MIDDLEWARE, file, line, via: 'statefulApi()' }] });
          break;
        case 'web':
        case 'api': {
          for (const op of ['prepend', 'append', 'remove'] as const) {
            const value = named.get(op);
            if (value) setup.edits.push({ group: call.method, op, entries: refs(value, ctx, file) });
          }
          const replace = named.get('replace');
          if (replace?.kind === 'array') {
            for (const entry of entries(replace)) {
              const from = entry.key ? evaluate(entry.key, ctx) : undefined;
              if (from?.kind === 'string') setup.edits.push({ group: call.method, op: 'replace', replaces: from.value, entries: refs(entry.value, ctx, file) });
            }
          }
          // Positional form: web(['a', 'b']) appends.
          const positional = call.args.find((a) => a.kind !== 'namedargument');
          if (positional) setup.edits.push({ group: call.method, op: 'append', entries: refs(positional, ctx, file) });
          break;
        }
        case 'group': {
          const name = stringValue(call.args[0]);
          if (name && call.args[1]) setup.edits.push({ group: name, op: 'define', entries: refs(call.args[1], ctx, file) });
          break;
        }
        case 'appendtogroup':
        case 'prependtogroup': {
          const name = stringValue(call.args[0]);
          if (name && call.args[1]) setup.edits.push({ group: name, op: call.method === 'appendtogroup' ? 'append' : 'prepend', entries: refs(call.args[1], ctx, file) });
          break;
        }
        case 'alias': {
          const value = call.args[0];
          if (value?.kind === 'array') {
            for (const entry of entries(value)) {
              const alias = entry.key && stringValue(entry.key);
              const target = evaluate(entry.value, ctx);
              if (alias) setup.aliases.set(alias, { name: target.kind === 'string' ? target.value : '?', file, line: entry.value.loc.start.line });
            }
          }
          break;
        }
        default:
          break;
      }
      return undefined;
    },
    phpVisitorKeys,
  );
}

/** `$middleware->x()` or a chain starting at `$middleware`. */
function rootsAt(node: PhpNode, param: string): boolean {
  if (variableName(node) === param) return true;
  const inner = methodCall(node);
  return !!inner && rootsAt(inner.object, param);
}

function entries(array: PhpNode): { key: PhpNode | null; value: PhpNode }[] {
  return ((array['items'] as PhpNode[]) ?? [])
    .filter(Boolean)
    .map((item) => (item.kind === 'entry' ? { key: (item['key'] as PhpNode) ?? null, value: item['value'] as PhpNode } : { key: null, value: item }));
}

function refs(node: PhpNode, ctx: EvalContext, file: string): MiddlewareRef[] {
  const list = node.kind === 'array' ? entries(node).map((e) => e.value) : [node];
  return list.map((value) => {
    const evaluated = evaluate(value, ctx);
    return { name: evaluated.kind === 'string' ? evaluated.value : '?', file, line: value.loc.start.line };
  });
}
