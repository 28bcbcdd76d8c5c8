import type { FunctionNode, Node } from '../../facts/node/ast';

/** A replacement of `range` (offsets into the file) by `text`. */
export interface TextEdit {
  range: [number, number];
  text: string;
}

/** The whitespace at the start of the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

export function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** One level of indentation as the file writes it (tab, 2 or 4 spaces), from the handler's own body. */
export function indentUnit(text: string, fn: FunctionNode): string {
  if (fn.body.type === 'BlockStatement' && fn.body.body.length > 0) {
    const outer = lineIndent(text, fn.body.range[0]);
    const inner = lineIndent(text, fn.body.body[0]!.range[0]);
    if (inner.startsWith(outer) && inner.length > outer.length) return inner.slice(outer.length);
  }
  return /^\t/m.test(text) ? '\t' : '  ';
}

/** Whether the file ends statements with `;` (judged by the statement at hand). */
export function usesSemicolons(text: string, statement: Node): boolean {
  return text.slice(statement.range[0], statement.range[1]).trimEnd().endsWith(';');
}

/** Re-indents a multi-line slice: every line after the first gets `extra` in front. */
export function indentMore(slice: string, extra: string): string {
  return slice
    .split('\n')
    .map((line, i) => (i === 0 || line.trim() === '' ? line : extra + line))
    .join('\n');
}


/** The name of a handler parameter, or null when that position is unnamed or destructured. */
export function paramName(fn: FunctionNode, index: number): string | null {
  let param: Node | undefined = fn.params[index];
  if (param?.type === 'AssignmentPattern') param = param.left;
  if (param?.type === 'TSParameterProperty') param = param.parameter;
  return param?.type === 'Identifier' ? param.name : null;
}

export { followingStatements } from '../../facts/node/ast';
