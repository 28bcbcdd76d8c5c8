import { isPhpNode, type PhpNode, type PhpProgram } from '../../languages/php/php-ast';
import { phpVisitorKeys } from '../../languages/php/visitor-keys';
import { classConstant, instantiatedClass, type HandlerEnv } from './calls';
import type { DeclaredClass, FileScope } from './file-scope';
import { methodCall, nameOf, nodesIn, variableName, walk } from './php-syntax';

const cached = new WeakMap<PhpNode, Map<string, string>>();

/** `propertyTypes`, computed once per class declaration. */
export function declaredPropertyTypes(scope: FileScope, cls: DeclaredClass): Map<string, string> {
  let types = cached.get(cls.node);
  if (!types) {
    types = propertyTypes(scope, cls);
    cached.set(cls.node, types);
  }
  return types;
}

/**
 * The class a property holds, as the class declares it: a typed property (`private AuthService
 * $auth;`), a promoted constructor parameter (`public function __construct(private AuthService
 * $auth)`), or a constructor assignment from a typed parameter, `app(X::class)` or `new X`.
 * Lower-cased property name → fully qualified class name.
 */
export function propertyTypes(scope: FileScope, cls: DeclaredClass): Map<string, string> {
  const types = new Map<string, string>();
  const env: HandlerEnv = { scope, cls, vars: new Map() };
  for (const member of nodesIn(cls.node['body'])) {
    if (member.kind !== 'propertystatement') continue;
    for (const property of nodesIn(member['properties'])) {
      const type = classType(scope, property['type']);
      const name = nameOf(property['name']);
      if (type && name) types.set(name.toLowerCase(), type);
    }
  }
  const constructor = cls.methods.get('__construct');
  if (!constructor) return types;
  const params = new Map<string, string>();
  for (const param of nodesIn(constructor['arguments'])) {
    const type = classType(scope, param['type']);
    const name = nameOf(param['name']);
    if (!type || !name) continue;
    params.set(name, type);
    if (param['flags']) types.set(name.toLowerCase(), type);
  }
  if (!isPhpNode(constructor['body'])) return types;
  walk(
    constructor['body'] as PhpNode,
    (node) => {
      if (node.kind !== 'assign') return undefined;
      const left = node['left'] as PhpNode;
      if (!isPhpNode(left) || left.kind !== 'propertylookup' || variableName(left['what'] as PhpNode) !== 'this') return undefined;
      const name = nameOf(left['offset']);
      const right = node['right'] as PhpNode;
      const type = (variableName(right) && params.get(variableName(right)!)) || (isPhpNode(right) ? instantiatedClass(env, right) : undefined);
      if (name && type) types.set(name.toLowerCase(), type);
      return undefined;
    },
    phpVisitorKeys,
  );
  return types;
}

/** A class type as written on a parameter or property (`?Foo` included), resolved; scalars and unions give undefined. */
export function classType(scope: FileScope, type: unknown): string | undefined {
  if (!isPhpNode(type) || type.kind !== 'name') return undefined;
  return scope.resolveClass(String(type['name']));
}

/** Container bindings a service provider declares: abstract → concrete, globally or for one consuming class. */
export interface ContainerBinding {
  abstract: string;
  concrete: string;
  /** `when(A::class)->needs(I::class)->give(C::class)`: only inside these classes. */
  when?: string[];
  file: string;
  line: number;
}

const BIND_METHODS = new Set(['bind', 'singleton', 'scoped', 'bindif', 'singletonif', 'scopedif']);

/**
 * `$this->app->bind(I::class, C::class)` (and `singleton`, `scoped`, closures returning `new C` or
 * `make(C::class)`), `when(A::class)->needs(I::class)->give(C::class)`, and the `$bindings` /
 * `$singletons` properties of a provider.
 */
export function extractBindings(program: PhpProgram, scope: FileScope, file: string): ContainerBinding[] {
  const env: HandlerEnv = { scope, cls: undefined, vars: new Map() };
  const found: ContainerBinding[] = [];
  for (const child of program.children) {
    walk(
      child,
      (node) => {
        if (node.kind === 'propertystatement') {
          for (const property of nodesIn(node['properties'])) {
            if (!/^(bindings|singletons)$/.test(nameOf(property['name']) ?? '')) continue;
            const value = property['value'] as PhpNode;
            for (const entry of isPhpNode(value) && value.kind === 'array' ? nodesIn(value['items']) : []) {
              const abstract = classConstant(env, entry['key'] as PhpNode);
              const concrete = classConstant(env, entry['value'] as PhpNode);
              if (abstract && concrete) found.push({ abstract, concrete, file, line: entry.loc.start.line });
            }
          }
          return 'skip';
        }
        const call = methodCall(node);
        if (!call) return undefined;
        if (BIND_METHODS.has(call.method)) {
          const abstract = classConstant(env, call.args[0]);
          const concrete = call.args[1] ? concreteOf(env, call.args[1]) : abstract;
          if (abstract && concrete) found.push({ abstract, concrete, file, line: node.loc.start.line });
        }
        if (call.method === 'give') {
          const needs = methodCall(call.object);
          const when = needs?.method === 'needs' ? methodCall(needs.object) : undefined;
          const abstract = needs && classConstant(env, needs.args[0]);
          const concrete = call.args[0] && concreteOf(env, call.args[0]);
          const consumers = when?.method === 'when' ? classList(env, when.args[0]) : [];
          if (abstract && concrete && consumers.length) found.push({ abstract, concrete, when: consumers, file, line: node.loc.start.line });
        }
        return undefined;
      },
      phpVisitorKeys,
    );
  }
  return found;
}

function classList(env: HandlerEnv, node: PhpNode | undefined): string[] {
  if (!node) return [];
  if (node.kind === 'array') return nodesIn(node['items']).flatMap((item) => classList(env, (item.kind === 'entry' ? item['value'] : item) as PhpNode));
  const one = classConstant(env, node);
  return one ? [one] : [];
}

/** `C::class`, or a closure whose returned value is `new C(…)` / `app(C::class)` / `$app->make(C::class)`. */
function concreteOf(env: HandlerEnv, node: PhpNode): string | undefined {
  const direct = classConstant(env, node);
  if (direct) return direct;
  if (node.kind !== 'closure' && node.kind !== 'arrowfunc') return undefined;
  const returned: PhpNode[] = [];
  const body = node['body'] as PhpNode;
  if (node.kind === 'arrowfunc') returned.push(body);
  else
    walk(
      body,
      (inner) => {
        if (inner.kind === 'closure' || inner.kind === 'arrowfunc') return 'skip';
        if (inner.kind === 'return' && isPhpNode(inner['expr'])) returned.push(inner['expr'] as PhpNode);
        return undefined;
      },
      phpVisitorKeys,
    );
  const classes = new Set(
    returned.map((value) => {
      const made = methodCall(value);
      if (made && made.method === 'make') return classConstant(env, made.args[0]);
      return instantiatedClass(env, value);
    }),
  );
  // Two different concretes (or an unknown one) behind one binding: unknown, never a guess.
  return classes.size === 1 ? [...classes][0] : undefined;
}
