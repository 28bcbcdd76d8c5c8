import type { PhpNode } from '../../languages/php/php-ast';
import { instantiatedClass, parameterKind, type CallResolver, type CallTarget, type HandlerEnv, type VariableKind } from '../../facts/laravel/calls';
import { methodCall, nameOf, nodesIn, staticCall, variableName } from '../../facts/laravel/php-syntax';
import type { DeclaredClass, FileScope } from '../../facts/laravel/file-scope';
import type { ClassIndex, MethodRecord, ProgramOverrides } from './class-index';
import type { LogoutHelper } from '../../settings';

/** Words of the calls a followed body can contribute; any other body only "may throw". */
const BODY_THAT_MATTERS = /logout|session|currentaccesstoken|login|attempt|invalidate|regenerate|migrate|flush|guard\s*\(|->\s*\w+\s*\(|::\s*\w+\s*\(/i;

/**
 * Follows PHP calls across classes and files (SPEC §2.3): `$this->m()` late-bound on the class
 * `$this` is, `self::` / `static::` / `parent::`, services held in typed properties or parameters,
 * `app(X::class)` / `resolve()` / `app()->make()`, `new X`, interfaces through container bindings,
 * and static methods of app classes. A receiver whose class is unknown stays unknown.
 */
export class ProjectCallResolver implements CallResolver {
  constructor(
    private readonly index: ClassIndex,
    private readonly overrides?: ProgramOverrides,
    /** Declared in `settings['secure-logout']`: every body read through this resolver judges their calls as declared. */
    private readonly logoutHelpers?: readonly LogoutHelper[],
  ) {}

  resolve(env: HandlerEnv, call: PhpNode): CallTarget | undefined {
    const method = methodCall(call);
    if (method) {
      if (variableName(method.object) === 'this') return this.thisMethod(env, method.method);
      const receiver = this.receiverClass(env, method.object);
      return receiver ? this.#target(env, receiver, method.method, true) : undefined;
    }
    const st = staticCall(call);
    if (!st) return undefined;
    switch (st.className.toLowerCase()) {
      case 'static':
        return this.thisMethod(env, st.method);
      case 'self':
        return env.cls ? this.#at(this.index.findMethod(env.cls.fqn, st.method, this.overrides), env.thisClass ?? env.cls.fqn) : undefined;
      case 'parent': {
        const parent = env.cls?.extends;
        return parent ? this.#at(this.index.findMethod(parent, st.method, this.overrides), env.thisClass ?? env.cls?.fqn) : undefined;
      }
      default: {
        const fqn = env.scope.resolveClass(st.className);
        return this.#at(this.index.findMethod(fqn, st.method, this.overrides), fqn);
      }
    }
  }

  thisMethod(env: HandlerEnv, name: string): CallTarget | undefined {
    const self = env.thisClass ?? env.cls?.fqn;
    if (!self) return undefined;
    return this.#at(this.index.findMethod(self, name, this.overrides), self);
  }

  /** The class an expression's value has, when the code says so (a typed property or variable, a container call, `new`). */
  receiverClass(env: HandlerEnv, node: PhpNode): string | undefined {
    const name = variableName(node);
    if (name) {
      const known = env.vars.get(name);
      return known?.kind === 'instance' ? known.fqn : undefined;
    }
    if (node.kind === 'propertylookup' && variableName(node['what'] as PhpNode) === 'this') {
      const property = nameOf(node['offset']);
      const owner = env.thisClass ?? env.cls?.fqn;
      return property && owner ? this.index.propertyType(owner, property, this.overrides) : undefined;
    }
    return instantiatedClass(env, node);
  }

  /** An instance method on a value of class `declared`: through the container's binding for it. */
  #target(env: HandlerEnv, declared: string, method: string, bound: boolean): CallTarget | undefined {
    const consumer = env.thisClass ?? env.cls?.fqn;
    const concrete = bound ? this.index.concrete(declared, consumer) : declared;
    if (!concrete) return undefined;
    return this.#at(this.index.findMethod(concrete, method, this.overrides), concrete);
  }

  /** The environment a function body is read in: its typed parameters, `$this`, and this resolver for its calls. */
  envOf(scope: FileScope, cls: DeclaredClass | undefined, fn: PhpNode, thisClass: string | undefined): HandlerEnv {
    const vars = new Map<string, VariableKind>();
    const env: HandlerEnv = { scope, cls, vars, thisClass, calls: this, logoutHelpers: this.logoutHelpers };
    for (const param of nodesIn(fn['arguments'])) {
      const name = nameOf(param['name']);
      const kind = name ? parameterKind(env, param) : undefined;
      if (name && kind) vars.set(name, kind);
    }
    return env;
  }

  #at(found: MethodRecord | undefined, thisClass: string | undefined): CallTarget | undefined {
    if (!found || !found.method['body']) return undefined;
    const env = this.envOf(found.scope, found.cls, found.method, thisClass);
    const text = found.program.sourceText.slice(found.method.loc.start.offset, found.method.loc.end.offset);
    return { env, fn: found.method, file: found.file, relevant: BODY_THAT_MATTERS.test(text) };
  }
}
