// Which handler (class method or closure) of a PHP file contains a position: the key the project
// model files routes under. Works on the php-parser AST the lint produced, so nothing is re-parsed.

interface PhpAstNode {
  kind: string;
  loc?: { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } };
  [key: string]: unknown;
}

export type HandlerTarget = { className: string; method: string } | { line: number; column: number };

/**
 * Candidates from the innermost outwards (a route closure can sit inside a group closure), for a
 * 1-based line and 0-based column. Method targets carry the declaring class or trait's FQN.
 */
export function handlersAt(program: unknown, line: number, column: number): HandlerTarget[] {
  const found: HandlerTarget[] = [];
  visit(program as PhpAstNode, '', undefined);
  return found.reverse();

  function visit(node: PhpAstNode, namespace: string, className: string | undefined): void {
    if (!node || typeof node !== 'object' || typeof node.kind !== 'string') return;
    if (node.loc && node.kind !== 'program' && node.kind !== 'namespace' && !contains(node.loc, line, column)) return;
    let ns = namespace;
    let owner = className;
    if (node.kind === 'namespace' && typeof node['name'] === 'string') ns = node['name'];
    if ((node.kind === 'class' || node.kind === 'trait' || node.kind === 'enum') && nameOf(node['name'])) owner = ns ? `${ns}\\${nameOf(node['name'])}` : nameOf(node['name']);
    if (node.kind === 'method' && owner && nameOf(node['name'])) found.push({ className: owner, method: nameOf(node['name'])! });
    if ((node.kind === 'closure' || node.kind === 'arrowfunc') && node.loc) found.push({ line: node.loc.start.line, column: node.loc.start.column });
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments') continue;
      if (Array.isArray(value)) for (const child of value) visit(child as PhpAstNode, ns, owner);
      else if (value && typeof value === 'object') visit(value as PhpAstNode, ns, owner);
    }
  }
}

function nameOf(name: unknown): string | undefined {
  if (typeof name === 'string') return name;
  if (name && typeof name === 'object' && typeof (name as { name?: unknown }).name === 'string') return (name as { name: string }).name;
  return undefined;
}

function contains(loc: NonNullable<PhpAstNode['loc']>, line: number, column: number): boolean {
  const afterStart = line > loc.start.line || (line === loc.start.line && column >= loc.start.column);
  const beforeEnd = line < loc.end.line || (line === loc.end.line && column <= loc.end.column);
  return afterStart && beforeEnd;
}
