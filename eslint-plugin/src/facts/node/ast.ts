import type { TSESTree } from '@typescript-eslint/utils';

export type Node = TSESTree.Node;
export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

const SKIP_KEYS = new Set(['parent', 'loc', 'range', 'tokens', 'comments', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments']);

/** The child nodes of `node` in source order (type annotations skipped: they hold no calls). */
export function childNodes(node: Node): Node[] {
  const children: Node[] = [];
  for (const key of Object.keys(node)) {
    if (SKIP_KEYS.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Depth-first walk; `enter` returning false skips the node's children. Sets `parent` where the parser did not. */
export function walk(node: Node, enter: (node: Node, parent: Node | null) => boolean | void, parent: Node | null = null): void {
  if (enter(node, parent) === false) return;
  for (const child of childNodes(node)) {
    if (!(child as { parent?: Node }).parent) (child as { parent?: Node }).parent = node;
    walk(child, enter, node);
  }
}

export function isFunction(node: Node | null | undefined): node is FunctionNode {
  return !!node && (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration');
}

/** `a.b.c` → 'c'; computed string keys too. */
export function propertyName(member: TSESTree.MemberExpression): string | null {
  if (!member.computed && member.property.type === 'Identifier') return member.property.name;
  if (member.property.type === 'Literal' && typeof member.property.value === 'string') return member.property.value;
  return null;
}

/** Strips `x!`, `x as T`, `<T>x`, `(x satisfies T)` wrappers. */
export function unwrap(node: Node): Node {
  let current = node;
  while (current.type === 'TSNonNullExpression' || current.type === 'TSAsExpression' || current.type === 'TSTypeAssertion' || current.type === 'TSSatisfiesExpression' || current.type === 'ChainExpression') {
    current = current.expression;
  }
  return current;
}

/** `req.session.destroy` → ['req', 'session', 'destroy']; null when the chain is not plain names. */
export function memberPath(node: Node): string[] | null {
  const n = unwrap(node);
  if (n.type === 'Identifier') return [n.name];
  if (n.type === 'ThisExpression') return ['this'];
  if (n.type === 'MemberExpression') {
    const name = propertyName(n);
    const head = memberPath(n.object);
    return name !== null && head ? [...head, name] : null;
  }
  return null;
}

/** The callee path of a call: `req.logout(...)` → ['req','logout']. */
export function calleePath(call: TSESTree.CallExpression): string[] | null {
  return memberPath(call.callee);
}

export function stringValue(node: Node | undefined | null): string | null {
  if (!node) return null;
  const n = unwrap(node);
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0]?.value.cooked ?? null;
  return null;
}

/** String elements of `'a'` or `['a', 'b']`. */
export function stringList(node: Node | undefined | null): string[] | null {
  if (!node) return null;
  const n = unwrap(node);
  const single = stringValue(n);
  if (single !== null) return [single];
  if (n.type !== 'ArrayExpression') return null;
  const values = n.elements.map((e) => (e ? stringValue(e) : null));
  return values.every((v): v is string => v !== null) ? values : null;
}

/** The value of `key` in an object literal (`{ key: value }`), if present. */
export function objectProperty(node: Node | undefined | null, key: string): Node | null {
  if (!node) return null;
  const n = unwrap(node);
  if (n.type !== 'ObjectExpression') return null;
  for (const prop of n.properties) {
    if (prop.type !== 'Property') continue;
    const name = prop.key.type === 'Identifier' && !prop.computed ? prop.key.name : stringValue(prop.key);
    if (name === key) return prop.value;
  }
  return null;
}

/** Names a function binds from its parameters: `(req, res)`, `({ auth, session })`, `@Req() req: Request`. */
export function parameterNames(fn: FunctionNode | TSESTree.TSEmptyBodyFunctionExpression): string[] {
  return fn.params.map((param) => bindingName(param)).filter((n): n is string => n !== null);
}

export function bindingName(param: Node): string | null {
  if (param.type === 'Identifier') return param.name;
  if (param.type === 'AssignmentPattern') return bindingName(param.left);
  if (param.type === 'TSParameterProperty') return bindingName(param.parameter);
  return null;
}

/** The nearest enclosing function of a node (not the node itself). */
export function enclosingFunction(node: Node): FunctionNode | null {
  let current = node.parent;
  while (current) {
    if (isFunction(current)) return current;
    current = current.parent;
  }
  return null;
}

export function isAwaited(call: Node): boolean {
  let current: Node = call;
  let parent = current.parent;
  while (parent && (parent.type === 'TSAsExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'ChainExpression')) {
    current = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  if (parent.type === 'AwaitExpression' || parent.type === 'YieldExpression') return true;
  // Returned promises are awaited by the framework (async handlers, Koa middleware).
  if (parent.type === 'ReturnStatement') return true;
  if (parent.type === 'ArrowFunctionExpression' && parent.body === current) return true;
  // `logout().then(...)` / `.catch(...)`: the caller handles the promise.
  if (parent.type === 'MemberExpression' && parent.object === current) {
    const name = propertyName(parent);
    return name === 'then' || name === 'catch' || name === 'finally';
  }
  return false;
}

/** The statement that contains `node` directly inside a block or program body. */
export function enclosingStatement(node: Node): TSESTree.Statement | null {
  let current: Node = node;
  while (current.parent) {
    const parent = current.parent;
    if (parent.type === 'BlockStatement' || parent.type === 'Program' || parent.type === 'SwitchCase' || parent.type === 'StaticBlock') return current as TSESTree.Statement;
    if (isFunction(parent)) return null;
    current = parent;
  }
  return null;
}

/** The statements after `statement` in its block (the code that runs after it on the normal path). */
export function followingStatements(statement: TSESTree.Statement): TSESTree.Statement[] {
  const parent = statement.parent;
  const body = parent?.type === 'BlockStatement' || parent?.type === 'Program' ? (parent.body as TSESTree.Statement[]) : parent?.type === 'SwitchCase' ? parent.consequent : null;
  if (!body) return [];
  return body.slice(body.indexOf(statement) + 1);
}
