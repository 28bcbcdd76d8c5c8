import type { PhpNode, PhpProgram } from '../../languages/php/php-ast';
import { phpVisitorKeys } from '../../languages/php/visitor-keys';
import { parameterKind, type HandlerEnv, type VariableKind } from './calls';
import { FileScope, type DeclaredClass } from './file-scope';
import { HandlerFlowBuilder, type HandlerBody } from './handler-flow';
import { FUNCTION_KINDS, methodCall, nameOf, staticCall, variableName, walk } from './php-syntax';

/** A function body that may be a route handler: a controller/trait method, a route closure or a function. */
export interface LaravelHandler extends HandlerBody {
  node: PhpNode;
  kind: 'method' | 'closure' | 'function';
  /** Declaring class or trait (fully qualified), for methods. */
  owner: DeclaredClass | undefined;
  /** Lower-cased method or function name. */
  name: string | undefined;
  /** Name of the handler's `Request $x` parameter, without `$`. */
  requestVariable: string | undefined;
}

export interface LaravelFileFacts {
  scope: FileScope;
  handlers: LaravelHandler[];
}

const cache = new WeakMap<PhpProgram, LaravelFileFacts>();

/** The Laravel facts of one parsed file, computed once per AST and shared by every rule. */
export function laravelFileFacts(program: PhpProgram): LaravelFileFacts {
  let facts = cache.get(program);
  if (!facts) {
    facts = extract(program);
    cache.set(program, facts);
  }
  return facts;
}

function extract(program: PhpProgram): LaravelFileFacts {
  const scope = new FileScope(program);
  const handlers: LaravelHandler[] = [];
  for (const cls of scope.classes) {
    const helpers = helperMethodNames(cls);
    for (const [name, method] of cls.methods) {
      if (!method['body'] || helpers.has(name)) continue;
      handlers.push(buildHandler(scope, cls, method, 'method', name));
    }
  }
  // Route closures and plain functions: the outermost function-like nodes outside classes.
  for (const child of program.children) {
    walk(
      child,
      (node) => {
        if (node.kind === 'class' || node.kind === 'trait' || node.kind === 'enum' || node.kind === 'interface') return 'skip';
        if (node.kind === 'closure' || node.kind === 'arrowfunc' || node.kind === 'function') {
          handlers.push(buildHandler(scope, undefined, node, node.kind === 'function' ? 'function' : 'closure', nameOf(node['name'])?.toLowerCase()));
          return 'skip';
        }
        return undefined;
      },
      phpVisitorKeys,
    );
  }
  return { scope, handlers };
}

function buildHandler(scope: FileScope, cls: DeclaredClass | undefined, node: PhpNode, kind: LaravelHandler['kind'], name: string | undefined): LaravelHandler {
  const vars = new Map<string, VariableKind>();
  const env: HandlerEnv = { scope, cls, vars };
  let requestVariable: string | undefined;
  for (const param of (node['arguments'] as PhpNode[]) ?? []) {
    const paramName = nameOf(param['name']);
    const paramKind = paramName ? parameterKind(env, param) : undefined;
    if (!paramName || !paramKind) continue;
    vars.set(paramName, paramKind);
    if (paramKind.kind === 'request') requestVariable ??= paramName;
  }
  const body = new HandlerFlowBuilder(env).build(node);
  return { ...body, node, kind, owner: cls, name, requestVariable };
}

/** Methods other methods of the class call as `$this->x()` / `self::x()`: helpers, not route actions. */
function helperMethodNames(cls: DeclaredClass): Set<string> {
  const names = new Set<string>();
  for (const [, method] of cls.methods) {
    walk(
      method,
      (node) => {
        if (node !== method && FUNCTION_KINDS.has(node.kind) && node.kind === 'method') return 'skip';
        const call = methodCall(node);
        if (call && variableName(call.object) === 'this') names.add(call.method);
        const st = staticCall(node);
        if (st && (st.className === 'self' || st.className === 'static')) names.add(st.method);
        return undefined;
      },
      phpVisitorKeys,
    );
  }
  return names;
}
