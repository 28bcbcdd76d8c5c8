import { dirname } from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { memberPath, unwrap, type Node } from '../../facts/node/ast';
import { exportedValue, moduleAt, moduleBindings, resolveModule, type ParsedModule } from './modules';
import type { NodeProject } from './node-project';

/** A definition found for a name, with the module it lives in. */
export interface Resolved {
  node: Node;
  module: ParsedModule;
}

/**
 * Follows a name or `a.b` member to its definition: same-module bindings, relative imports and
 * `require`s, and package.json `#aliases` (depth-limited; packages are never read).
 */
export function resolveExpression(node: Node, module: ParsedModule, project: NodeProject | null, depth = 0): Resolved | null {
  if (depth > 5) return null;
  const n = unwrap(node);
  const path = memberPath(n);
  if (!path || path.length === 0 || path[0] === 'this') return null;
  const [head, ...members] = path;
  const binding = moduleBindings(module.program).get(head!);
  if (!binding) return null;
  let current: Resolved | null;
  if (binding.kind === 'value') {
    current = { node: binding.node, module };
  } else {
    const file = resolveModule(module.file, binding.source, project);
    // Without a package.json, nothing outside the module's own folder is read.
    const target = file ? moduleAt(file, project?.root ?? dirname(module.file)) : null;
    if (!target) return null;
    if (binding.imported === '*') {
      const [first, ...rest] = members;
      if (first === undefined) {
        // `const sessions = require('./sessions')`: the module's `module.exports` value.
        const whole = exportedValue(target.program, 'default');
        return whole ? { node: whole, module: target } : null;
      }
      const whole = exportedValue(target.program, 'default');
      const value = exportedValue(target.program, first) ?? (whole ? memberOf(whole, first) : null);
      current = value ? { node: value, module: target } : whole ? instanceMethod(whole, first, target, project, depth) : null;
      return current ? followMembers(current, rest, project, depth) : null;
    }
    const value = exportedValue(target.program, binding.imported);
    current = value ? { node: value, module: target } : null;
  }
  return current ? followMembers(current, members, project, depth) : null;
}

function followMembers(start: Resolved, members: string[], project: NodeProject | null, depth: number): Resolved | null {
  let current: Resolved = start;
  for (const member of members) {
    let target = current.node;
    if (target.type === 'Identifier') {
      const resolved = resolveExpression(target, current.module, project, depth + 1);
      if (!resolved) return null;
      current = resolved;
      target = resolved.node;
    }
    const value = memberOf(target, member);
    if (value) {
      current = { node: value, module: current.module };
      continue;
    }
    // `module.exports = new AuthController()`: the method of the instance's class.
    const method = instanceMethod(target, member, current.module, project, depth);
    if (!method) return null;
    current = method;
  }
  if (current.node.type === 'Identifier' && current.node !== start.node) {
    return resolveExpression(current.node, current.module, project, depth + 1) ?? current;
  }
  return current;
}

/** A method of the class `new X()` instantiates, when X is a project class. */
function instanceMethod(node: Node, name: string, module: ParsedModule, project: NodeProject | null, depth: number): Resolved | null {
  const instance = unwrap(node);
  if (instance.type !== 'NewExpression') return null;
  const cls = resolveExpression(instance.callee, module, project, depth + 1);
  const target = cls ? unwrap(cls.node) : null;
  if (!cls || (target?.type !== 'ClassDeclaration' && target?.type !== 'ClassExpression')) return null;
  const method = classMethod(target, name);
  return method ? { node: method, module: cls.module } : null;
}

/** `{ logout }` / `{ logout: fn }` object members, class methods (static or not). */
export function memberOf(node: Node, name: string): Node | null {
  const n = unwrap(node);
  if (n.type === 'ObjectExpression') {
    for (const prop of n.properties) {
      if (prop.type === 'Property' && !prop.computed && prop.key.type === 'Identifier' && prop.key.name === name) return prop.value;
    }
  }
  if (n.type === 'ClassDeclaration' || n.type === 'ClassExpression') return classMethod(n, name);
  if (n.type === 'NewExpression' && n.callee.type === 'Identifier') return null;
  return null;
}

export function classMethod(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): Node | null {
  for (const element of cls.body.body) {
    if ((element.type === 'MethodDefinition' || element.type === 'PropertyDefinition') && !element.computed && element.key.type === 'Identifier' && element.key.name === name) {
      return element.value;
    }
  }
  return null;
}
