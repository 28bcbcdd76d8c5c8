/** The slice of php-parser's AST shape the analysis relies on (php-parser's own typings are class-based). */
export interface PhpPosition {
  line: number;
  column: number;
  offset: number;
}

export interface PhpLocation {
  start: PhpPosition;
  end: PhpPosition;
}

export interface PhpNode {
  kind: string;
  loc: PhpLocation;
  [key: string]: unknown;
}

export interface PhpComment {
  type: 'Line' | 'Block';
  /** Text between the delimiters (`//`, `#`, `/*`), as ESLint directive parsing expects. */
  value: string;
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
  range: [number, number];
}

export interface PhpProgram extends PhpNode {
  kind: 'program';
  children: PhpNode[];
  /** Syntax errors php-parser recovered from. */
  errors: PhpNode[];
  comments: PhpComment[];
  /** The parsed text, so facts can cheaply skip functions whose text cannot matter. */
  sourceText: string;
  /** Path of the linted file (set by the ESLint language), so analyses can find its project (routes, config). */
  sourceFile?: string;
  /** Set when the file was not analysed at all (could not be parsed, binary, too large). */
  unanalysed?: { reason: string; line: number; column: number };
  /** Set when the text prefilter decided no rule can report in this file, so it was not parsed. */
  prefiltered?: boolean;
}

export function isPhpNode(value: unknown): value is PhpNode {
  return typeof value === 'object' && value !== null && typeof (value as PhpNode).kind === 'string' && (value as PhpNode).loc != null;
}
