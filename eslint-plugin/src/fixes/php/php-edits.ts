import type { PhpNode } from '../../languages/php/php-ast';
import type { PhpSourceCode } from '../../languages/php/php-source-code';

/** A text edit in the form ESLint's fixer takes. */
export interface TextEdit {
  range: [number, number];
  text: string;
}

const STATEMENT_LIST_PARENTS = new Set(['block', 'program', 'namespace', 'case', 'declare']);

const FUNCTION_BOUNDARIES = new Set(['closure', 'arrowfunc', 'function', 'method']);

/**
 * The statement that contains `node` and sits directly in a statement list (where lines can be
 * inserted) inside the same function. Undefined when there is none, e.g. in an arrow function body.
 */
export function enclosingStatement(sourceCode: PhpSourceCode, node: PhpNode): PhpNode | undefined {
  let current = node;
  for (let parent = sourceCode.getParent(current); parent; parent = sourceCode.getParent(current)) {
    if (STATEMENT_LIST_PARENTS.has(parent.kind) || (parent.kind === 'if' && current !== parent['test']) || parent.kind === 'try' || parent.kind === 'catch') {
      return current;
    }
    if (FUNCTION_BOUNDARIES.has(parent.kind)) return undefined;
    current = parent;
  }
  return undefined;
}

export function lineEnding(sourceCode: PhpSourceCode): string {
  return sourceCode.text.includes('\r\n') ? '\r\n' : '\n';
}

/** The whitespace that starts the line of `node`. */
export function indentationOf(sourceCode: PhpSourceCode, node: PhpNode): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/.exec(line)![0];
}

/** End offset of a statement including its `;` (php-parser sometimes stops before it). */
export function statementEnd(sourceCode: PhpSourceCode, statement: PhpNode): number {
  const end = statement.loc.end.offset;
  const rest = sourceCode.text.slice(end);
  const semicolon = /^\s*;/.exec(rest);
  return semicolon && sourceCode.text[end - 1] !== ';' ? end + semicolon[0].length : end;
}

/** Inserts whole statements on new lines after `statement`, at its indentation. */
export function insertStatementsAfter(sourceCode: PhpSourceCode, statement: PhpNode, statements: string[]): TextEdit {
  const eol = lineEnding(sourceCode);
  const indent = indentationOf(sourceCode, statement);
  const end = statementEnd(sourceCode, statement);
  return { range: [end, end], text: statements.map((s) => `${eol}${indent}${s}`).join('') };
}

/** Inserts whole statements on new lines before `statement`, at its indentation. */
export function insertStatementsBefore(sourceCode: PhpSourceCode, statement: PhpNode, statements: string[]): TextEdit {
  const eol = lineEnding(sourceCode);
  const indent = indentationOf(sourceCode, statement);
  const start = statement.loc.start.offset;
  return { range: [start, start], text: statements.map((s) => `${s}${eol}${indent}`).join('') };
}

/**
 * Adds `use <fqn>;` unless the file already imports it: after the last `use` statement, or
 * after the namespace declaration. Returns null when nothing is needed.
 */
export function ensureImport(sourceCode: PhpSourceCode, useStatements: readonly PhpNode[], fqn: string, alreadyImported: boolean): TextEdit | null {
  if (alreadyImported) return null;
  const eol = lineEnding(sourceCode);
  const last = useStatements[useStatements.length - 1];
  if (last) {
    const end = statementEnd(sourceCode, last);
    return { range: [end, end], text: `${eol}use ${fqn};` };
  }
  const namespace = /^namespace\s+[^;{]+;[^\n]*\n/m.exec(sourceCode.text);
  if (namespace) {
    const end = namespace.index + namespace[0].length;
    return { range: [end, end], text: `${eol}use ${fqn};${eol}` };
  }
  const open = /^<\?php[^\n]*\n/.exec(sourceCode.text);
  const at = open ? open[0].length : 0;
  return { range: [at, at], text: `${eol}use ${fqn};${eol}` };
}
