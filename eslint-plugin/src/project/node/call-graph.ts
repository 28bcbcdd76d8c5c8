import type { TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, isFunction, memberPath, stringValue, unwrap, walk, type FunctionNode, type Node } from '../../facts/node/ast';
import { exportedValue, moduleAt, moduleBindings, resolveModule, type ParsedModule } from './modules';
import type { NodeProject } from './node-project';
import { classMethod, resolveExpression } from './resolve';

/** A function of the project and the module it was parsed from. */
export interface FunctionRef {
  fn: FunctionNode;
  module: ParsedModule;
}

/** A call of a project function, and the function that makes it. */
export interface CallerRef {
  caller: FunctionRef;
  call: TSESTree.CallExpression;
}

/**
 * A handler's identity across parses: its class and method, or its declared name. Positions
 * would break as soon as the editor buffer differs from the file on disk.
 */
export function functionIdentity(file: string, fn: Node): string {
  const owner = fn.parent;
  if (owner?.type === 'MethodDefinition' || owner?.type === 'PropertyDefinition') {
    const cls = owner.parent?.parent;
    const className = (cls?.type === 'ClassDeclaration' || cls?.type === 'ClassExpression') && cls.id ? cls.id.name : 'default';
    const key = owner.key.type === 'Identifier' ? owner.key.name : stringValue(owner.key) ?? `@${fn.range[0]}`;
    return `${file}#${className}.${key}`;
  }
  if (fn.type === 'FunctionDeclaration' && fn.id) return `${file}#${fn.id.name}`;
  if (owner?.type === 'VariableDeclarator' && owner.id.type === 'Identifier') return `${file}#${owner.id.name}`;
  if (owner?.type === 'Property' && owner.key.type === 'Identifier') return `${file}#.${owner.key.name}`;
  return `${file}@${fn.range[0]}`;
}

/** Identity of a function across parses, also of different texts (an unsaved buffer and the disk). */
export function functionKey(ref: FunctionRef): string {
  return functionIdentity(ref.module.file, ref.fn);
}

const functionsByKey = new WeakMap<TSESTree.Program, Map<string, FunctionNode>>();

/** The function with the same identity in another parse of its module (the linted buffer). */
export function sameFunctionIn(module: ParsedModule, ref: FunctionRef): FunctionRef | null {
  let index = functionsByKey.get(module.program);
  if (!index) {
    const byKey = new Map<string, FunctionNode>();
    walk(module.program, (node) => {
      if (isFunction(node)) {
        const key = functionIdentity(module.file, node);
        if (!byKey.has(key)) byKey.set(key, node);
      }
    });
    functionsByKey.set(module.program, (index = byKey));
  }
  const fn = index.get(functionKey(ref));
  return fn ? { fn, module } : null;
}

/**
 * The project function a call runs, when the source says so without guessing (SPEC §2.3:
 * unknown receivers stay unknown): imported or local functions, members of imported objects and
 * instances (`new Service()`), `this.method()`, and `this.service.method()` on a property whose
 * declared type is a project class — NestJS providers injected by type in the constructor.
 */
export function calleeOf(call: TSESTree.CallExpression, module: ParsedModule, project: NodeProject | null): FunctionRef | null {
  const callee = unwrap(call.callee);
  const path = memberPath(callee);
  if (!path) return null;
  if (path[0] === 'this') return thisCallee(call, path, module, project);
  // Also `authService.logout()` where `authService` is `new AuthService()` (here or exported elsewhere).
  const resolved = resolveExpression(callee, module, project);
  return resolved && isFunction(resolved.node) ? { fn: resolved.node, module: resolved.module } : null;
}

interface ClassRef {
  cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression;
  module: ParsedModule;
}

function classAt(name: Node, module: ParsedModule, project: NodeProject | null): ClassRef | null {
  const n = unwrap(name);
  if (n.type === 'ClassExpression') return { cls: n, module };
  const resolved = resolveExpression(n, module, project);
  const target = resolved ? unwrap(resolved.node) : null;
  return target && (target.type === 'ClassDeclaration' || target.type === 'ClassExpression') ? { cls: target, module: resolved!.module } : null;
}

/** A method of a class or, bounded, of its project superclasses. */
function methodOf(ref: ClassRef, name: string, project: NodeProject | null, depth = 0): FunctionRef | null {
  const method = classMethod(ref.cls, name);
  if (method && isFunction(method)) return { fn: method, module: ref.module };
  if (!ref.cls.superClass || depth >= 3) return null;
  const parent = classAt(ref.cls.superClass, ref.module, project);
  return parent ? methodOf(parent, name, project, depth + 1) : null;
}

function enclosingClass(node: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  let current = node.parent;
  while (current) {
    if (current.type === 'ClassDeclaration' || current.type === 'ClassExpression') return current;
    current = current.parent;
  }
  return null;
}

function thisCallee(call: TSESTree.CallExpression, path: string[], module: ParsedModule, project: NodeProject | null): FunctionRef | null {
  const cls = enclosingClass(call);
  if (!cls) return null;
  if (path.length === 2) return methodOf({ cls, module }, path[1]!, project);
  if (path.length !== 3) return null;
  const type = propertyClass(cls, path[1]!);
  const target = type ? classAt(type, module, project) : null;
  return target ? methodOf(target, path[2]!, project) : null;
}

/**
 * What a class property holds, as a node naming its class: the declared type of a constructor
 * parameter property (`private readonly authService: AuthService`) or a property
 * (`authService: AuthService`), or `this.authService = new AuthService()` in the constructor.
 */
function propertyClass(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, property: string): Node | null {
  for (const element of cls.body.body) {
    if (element.type === 'PropertyDefinition' && !element.computed && element.key.type === 'Identifier' && element.key.name === property) {
      const typed = typeName(element.typeAnnotation);
      if (typed) return typed;
      if (element.value && unwrap(element.value).type === 'NewExpression') return (unwrap(element.value) as TSESTree.NewExpression).callee;
    }
    if (element.type !== 'MethodDefinition' || element.kind !== 'constructor') continue;
    for (const param of element.value.params) {
      if (param.type === 'TSParameterProperty' && param.parameter.type === 'Identifier' && param.parameter.name === property) return typeName(param.parameter.typeAnnotation);
    }
    let assigned: Node | null = null;
    walk(element.value.body ?? element.value, (node) => {
      if (assigned || node.type !== 'AssignmentExpression') return undefined;
      const target = memberPath(node.left);
      const value = unwrap(node.right);
      if (target?.length === 2 && target[0] === 'this' && target[1] === property && value.type === 'NewExpression') assigned = value.callee;
      return undefined;
    });
    if (assigned) return assigned;
  }
  return null;
}

function typeName(annotation: TSESTree.TSTypeAnnotation | undefined): Node | null {
  const type = annotation?.typeAnnotation;
  return type?.type === 'TSTypeReference' && type.typeName.type === 'Identifier' ? type.typeName : null;
}

/** The names a function is called by: its declared name, variable, method or property key. */
export function functionName(fn: FunctionNode): string | null {
  if (fn.type === 'FunctionDeclaration' && fn.id) return fn.id.name;
  const owner = fn.parent;
  if (owner?.type === 'VariableDeclarator' && owner.id.type === 'Identifier') return owner.id.name;
  if ((owner?.type === 'MethodDefinition' || owner?.type === 'PropertyDefinition' || owner?.type === 'Property') && !owner.computed) {
    return owner.key.type === 'Identifier' ? owner.key.name : stringValue(owner.key);
  }
  if (owner?.type === 'AssignmentExpression') {
    const target = memberPath(owner.left);
    return target ? target[target.length - 1]! : null;
  }
  return null;
}

/** Calls of a module by the last name of their callee (`a.b.logout()` → 'logout'), indexed once per AST. */
const callIndex = new WeakMap<TSESTree.Program, Map<string, TSESTree.CallExpression[]>>();

function callsNamed(module: ParsedModule, name: string): TSESTree.CallExpression[] {
  let index = callIndex.get(module.program);
  if (!index) {
    index = new Map();
    const calls = index;
    walk(module.program, (node) => {
      if (node.type !== 'CallExpression') return;
      const path = memberPath(node.callee);
      const last = path?.[path.length - 1];
      if (last) calls.set(last, [...(calls.get(last) ?? []), node]);
    });
    callIndex.set(module.program, index);
  }
  return index.get(name) ?? [];
}

/**
 * The calls of `target` from functions of the project: only modules whose text names the target's
 * file (and, for a named function, calls its name) are parsed. A default export
 * (`module.exports = function …`, `export default …`) is found under the names its importers give it.
 * `moduleOf` gives the module to read a file from (the linted AST for the linted file).
 */
export function callersOf(target: FunctionRef, project: NodeProject, moduleOf: (file: string) => ParsedModule | null = (file) => moduleAt(file, project.root)): CallerRef[] {
  const own = functionName(target.fn);
  const names = own && own !== 'exports' && /^[\w$]+$/.test(own) ? [own] : [];
  const isDefault = exportedValue(target.module.program, 'default') === target.fn;
  if (names.length === 0 && !isDefault) return [];
  const key = functionKey(target);
  const callers: CallerRef[] = [];
  const seen = new Set<TSESTree.CallExpression>();
  const calling = names.length > 0 && !isDefault ? new RegExp(`\\b${names[0]!.replace(/\$/g, '\\$')}\\s*\\(`) : undefined;
  for (const file of project.filesMentioning(target.module.file, calling)) {
    const module = file === target.module.file ? target.module : moduleOf(file);
    if (!module) continue;
    const local = isDefault && module !== target.module ? importedAs(module, target.module.file, project) : [];
    for (const name of new Set([...names, ...local])) {
      for (const call of callsNamed(module, name)) {
        if (seen.has(call)) continue;
        seen.add(call);
        const callee = calleeOf(call, module, project);
        if (!callee || functionKey(callee) !== key) continue;
        const caller = enclosingFunction(call);
        if (caller) callers.push({ caller: { fn: caller, module }, call });
      }
    }
  }
  return callers;
}

/** Local names under which `module` imports the default export (or the whole CommonJS module) of `file`. */
function importedAs(module: ParsedModule, file: string, project: NodeProject): string[] {
  const names: string[] = [];
  for (const [local, binding] of moduleBindings(module.program)) {
    if (binding.kind === 'import' && (binding.imported === 'default' || binding.imported === '*') && resolveModule(module.file, binding.source, project) === file) names.push(local);
  }
  return names;
}
