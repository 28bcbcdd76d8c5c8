import { isPhpNode, type PhpNode } from '../../languages/php/php-ast';

/** Small readers over php-parser nodes; all return undefined for shapes they do not know. */

export function nameOf(node: unknown): string | undefined {
  if (!isPhpNode(node)) return undefined;
  if ((node.kind === 'identifier' || node.kind === 'name') && typeof node['name'] === 'string') return node['name'];
  return undefined;
}

/** `$x->m(...)` / `$x?->m(...)`: the object expression and the lower-cased method name. */
export function methodCall(node: PhpNode): { object: PhpNode; method: string; args: PhpNode[] } | undefined {
  if (node.kind !== 'call') return undefined;
  const what = node['what'];
  if (!isPhpNode(what) || (what.kind !== 'propertylookup' && what.kind !== 'nullsafepropertylookup') || !isPhpNode(what['what'])) return undefined;
  const method = nameOf(what['offset']);
  if (!method) return undefined;
  return { object: what['what'], method: method.toLowerCase(), args: nodesIn(node['arguments']) };
}

/** `C::m(...)`: the class name as written and the lower-cased method name. */
export function staticCall(node: PhpNode): { className: string; classNode: PhpNode; method: string; args: PhpNode[] } | undefined {
  if (node.kind !== 'call') return undefined;
  const what = node['what'];
  if (!isPhpNode(what) || what.kind !== 'staticlookup' || !isPhpNode(what['what'])) return undefined;
  const classNode = what['what'];
  const method = nameOf(what['offset']);
  let className: string | undefined;
  if (classNode.kind === 'name') className = classNode['name'] as string;
  else if (classNode.kind === 'selfreference') className = 'self';
  else if (classNode.kind === 'staticreference') className = 'static';
  else if (classNode.kind === 'parentreference') className = 'parent';
  if (!className || !method) return undefined;
  return { className, classNode, method: method.toLowerCase(), args: nodesIn(node['arguments']) };
}

/** `f(...)` for a plain function name, lower-cased without a leading backslash. */
export function functionCall(node: PhpNode): { name: string; args: PhpNode[] } | undefined {
  if (node.kind !== 'call') return undefined;
  const what = node['what'];
  if (!isPhpNode(what) || what.kind !== 'name') return undefined;
  return { name: String(what['name']).replace(/^\\/, '').toLowerCase(), args: nodesIn(node['arguments']) };
}

/** The nodes of a list property; error recovery can leave holes or no list at all. */
export function nodesIn(value: unknown): PhpNode[] {
  return Array.isArray(value) ? value.filter(isPhpNode) : [];
}

/** The value of a string literal argument (named arguments unwrapped). */
export function stringValue(node: PhpNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'namedargument') return stringValue(node['value'] as PhpNode);
  if (node.kind === 'string') return node['value'] as string;
  if (node.kind === 'nowdoc') return node['value'] as string;
  return undefined;
}

/** true / false for boolean literals, undefined for anything else. */
export function booleanValue(node: PhpNode | undefined): boolean | undefined {
  if (!node) return undefined;
  if (node.kind === 'namedargument') return booleanValue(node['value'] as PhpNode);
  if (node.kind === 'boolean') return node['value'] as boolean;
  if (node.kind === 'name' && /^\\?(true|false)$/i.test(String(node['name']))) return /true/i.test(String(node['name']));
  return undefined;
}

export function variableName(node: PhpNode | undefined): string | undefined {
  if (!node || node.kind !== 'variable') return undefined;
  return typeof node['name'] === 'string' ? (node['name'] as string) : undefined;
}

/** Visits every node below `node` (not into nested class declarations). */
export function walk(node: PhpNode, visit: (node: PhpNode) => void | 'skip', keys: Readonly<Record<string, readonly string[]>>): void {
  if (visit(node) === 'skip') return;
  for (const key of keys[node.kind] ?? []) {
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isPhpNode(item)) walk(item, visit, keys);
    } else if (isPhpNode(value)) {
      walk(value, visit, keys);
    }
  }
}

export const FUNCTION_KINDS = new Set(['closure', 'arrowfunc', 'function', 'method']);
