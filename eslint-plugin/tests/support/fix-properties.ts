import * as assert from 'node:assert/strict';
import { parse as parseJs } from '@typescript-eslint/typescript-estree';
import type { ESLint, Linter } from 'eslint';
import { Engine } from 'php-parser';
import { LintEngine } from '../../../server/src/lint-engine';
import { parsePhp } from '../../src/languages/php/parse-php';
import { guardEngine } from '../../src/languages/php/parser-guard';
import { isPhpNode, type PhpNode } from '../../src/languages/php/php-ast';
import { phpVisitorKeys } from '../../src/languages/php/visitor-keys';

/**
 * The fix properties of SPEC §4, for any file: every autofix and suggestion parses (when the
 * file did), removes its finding, and changes nothing outside the handler it is about (the
 * statements it edits, inserts or replaces — a flush(); regenerate(); pair included); and the
 * editor's "fix all" applied twice equals applying it once.
 */
// Guarded like the plugin's own engine: a fuzz survivor can end in a half-typed `#[`, on which bare php-parser loops.
const strictPhp = guardEngine(new Engine({ parser: { suppressErrors: false, version: '8.4' }, ast: { withPositions: false } }));
const fixAll = new LintEngine();

type Range = readonly [number, number];

function parses(text: string, filePath: string): boolean {
  try {
    if (filePath.endsWith('.php')) strictPhp.parseCode(text, 'fixed.php');
    else parseJs(text, { jsx: /\.[jt]sx$/.test(filePath), loc: false, range: false });
    return true;
  } catch {
    return false;
  }
}

const PHP_SCOPES = new Set(['method', 'function', 'closure', 'arrowfunc']);
const PHP_STATEMENTS = new Set(['expressionstatement', 'return', 'throw', 'if', 'try', 'foreach', 'for', 'while', 'do', 'switch', 'echo', 'unset', 'global', 'static']);
const JS_SCOPES = /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression|MethodDefinition)$/;

/** Ranges of the handlers (functions, methods, closures) and of the statements of the file. */
function scopesAndStatements(text: string, filePath: string): { scopes: Range[]; statements: Range[] } {
  const scopes: Range[] = [];
  const statements: Range[] = [];
  if (filePath.endsWith('.php')) {
    const walk = (node: PhpNode): void => {
      const range: Range = [node.loc.start.offset, node.loc.end.offset];
      if (PHP_SCOPES.has(node.kind)) scopes.push(range);
      if (PHP_STATEMENTS.has(node.kind)) statements.push(range);
      for (const key of phpVisitorKeys[node.kind] ?? []) for (const child of [node[key]].flat()) if (isPhpNode(child)) walk(child);
    };
    for (const child of parsePhp(text, filePath, { phpVersion: '8.4', maxFileBytes: 2_000_000, prefilter: false }).children) walk(child);
    return { scopes, statements };
  }
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const estree = node as { type?: string; range?: Range };
    if (typeof estree.type === 'string' && estree.range) {
      if (JS_SCOPES.test(estree.type)) scopes.push(estree.range);
      else if (/Statement$/.test(estree.type) && estree.type !== 'BlockStatement') statements.push(estree.range);
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'parent' && key !== 'loc' && key !== 'range') walk(value);
  };
  walk(parseJs(text, { range: true, jsx: /\.[jt]sx$/.test(filePath) }));
  return { scopes, statements };
}

/**
 * What a fix may edit: the handler around the finding (the outermost function, method or closure
 * containing it — its statements, and its parameters when a fix needs one more), or, for a
 * finding outside any function, the statement it is in. Everything else must stay as it was.
 */
function editableScope({ scopes, statements }: { scopes: Range[]; statements: Range[] }, finding: number, text: string): Range {
  const containing = (ranges: Range[]) => ranges.filter(([s, e]) => s <= finding && finding < e).sort((x, y) => x[1] - x[0] - (y[1] - y[0]));
  // The outermost function is the handler (a callback inside it is part of it); else the innermost statement.
  return containing(scopes).at(-1) ?? containing(statements)[0] ?? [0, text.length];
}

/** An import a fix may add at the top of the file (`use Foo\\Bar;`, `import … from '…'`). */
const IMPORT_LINE = /^\s*(use\s+[\w\\]+(\s+as\s+\w+)?;|import\s.+)\s*$/;

/**
 * The lines a fix removes (as original offsets) and inserts (with the original offset they go
 * to), by a line LCS over the lines the fix spans: a fix that rewrites a wide range but keeps
 * most of it (an import added above the class, the rest retyped) only counts what differs.
 */
function changedLines(text: string, fix: { range: Range; text: string }): { removed: Range[]; inserted: { at: Range; line: string }[] } {
  const from = text.lastIndexOf('\n', fix.range[0] - 1) + 1;
  const lineEnd = text.indexOf('\n', fix.range[1]);
  const to = lineEnd === -1 ? text.length : lineEnd;
  const before = text.slice(from, to).split('\n');
  const after = (text.slice(from, fix.range[0]) + fix.text + text.slice(fix.range[1], to)).split('\n');
  const starts: number[] = [];
  for (let i = 0, at = from; i < before.length; at += before[i]!.length + 1, i++) starts.push(at);
  const lcs = before.map(() => new Array<number>(after.length + 1).fill(0));
  lcs.push(new Array<number>(after.length + 1).fill(0));
  for (let i = before.length - 1; i >= 0; i--) for (let j = after.length - 1; j >= 0; j--) lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const removed: Range[] = [];
  /** Each inserted line with the original lines around its place (start of the one before, end of the one after). */
  const inserted: { at: Range; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) {
      i++;
      j++;
    } else if (j < after.length && (i === before.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      inserted.push({ at: [starts[i - 1] ?? from, i < before.length ? starts[i]! + before[i]!.length : to], line: after[j++]! });
    }
    else {
      removed.push([starts[i]!, starts[i]! + before[i]!.length]);
      i++;
    }
  }
  return { removed, inserted };
}

/** Offset of an ESLint message position (1-based line and column). */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let i = 1; i < line; i++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

const apply = (text: string, fix: { range: Range; text: string }) => text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);

/** Counts the checked properties, so a caller can assert it checked something. */
export interface FixPropertyStats {
  files: number;
  fixes: number;
  /** Files nested deeper than the reference parse can recurse (the plugin reads them with espree): not checked. */
  tooDeep?: number;
}

/** Checks every fix of one linted file; `lint` re-lints a text as that file. */
export async function assertFixProperties(
  text: string,
  filePath: string,
  root: string,
  messages: readonly Linter.LintMessage[],
  lint: (text: string) => Promise<readonly Linter.LintMessage[]>,
  stats: FixPropertyStats,
): Promise<void> {
  const withFixes = messages.filter((m) => m.fix || m.suggestions?.length);
  if (withFixes.length === 0) return;
  // ESLint lints, positions and ranges everything after a leading byte order mark.
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const lintText = lint;
  lint = (body: string) => lintText(bom + body);
  text = text.slice(bom.length);
  let structure: ReturnType<typeof scopesAndStatements>;
  try {
    structure = scopesAndStatements(text, filePath);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    stats.tooDeep = (stats.tooDeep ?? 0) + 1;
    return;
  }
  stats.files++;
  const originalParses = parses(text, filePath);
  const count = (list: readonly Linter.LintMessage[], rule: string | null) => list.filter((m) => m.ruleId === rule).length;
  for (const message of withFixes) {
    for (const [label, fix] of [...(message.fix ? [['autofix', message.fix] as const] : []), ...(message.suggestions ?? []).map((s) => [s.desc, s.fix] as const)]) {
      stats.fixes++;
      const where = `${filePath}:${message.line} ${message.ruleId} "${label}"`;
      const fixed = apply(text, fix);
      if (originalParses) assert.ok(parses(fixed, filePath), `${where} does not parse:\n${fixed}`);
      // The handler, plus the statement at a line the fix names ("Change auth:sanctum (line 17) to auth:web").
      const scopes = [editableScope(structure, offsetOf(text, message.line, message.column), text)];
      for (const [, line] of label.matchAll(/\bline (\d+)\b/g)) {
        const at = offsetOf(text, Number(line), 1);
        scopes.push(editableScope({ scopes: [], statements: structure.statements }, at + (/^\s*/.exec(text.slice(at))?.[0].length ?? 0), text));
      }
      const [start, end] = scopes[0]!;
      // A line belongs to a scope when it overlaps it (a method's first line starts with its indentation).
      const inScope = ([a, b]: Range) => scopes.some(([s, e]) => a <= e && s <= b);
      const { removed, inserted } = changedLines(text, fix);
      const outside = [
        ...removed.filter((line) => !inScope(line)).map(([a]) => `changes the line at ${a}`),
        ...inserted.filter(({ at, line }) => !inScope(at) && !IMPORT_LINE.test(line)).map(({ line }) => `inserts ${JSON.stringify(line)}`),
      ];
      assert.deepEqual(outside, [], `${where} changes code outside its handler (${start}-${end})`);
      // On text that does not parse, error recovery decides what the rules see: only "parses after" and "stays in its handler" hold there.
      if (!originalParses) continue;
      const again = await lint(fixed);
      assert.ok(count(again, message.ruleId) < count(messages, message.ruleId), `${where} leaves the finding:\n${fixed}`);
    }
  }
  const once = fixAll.fixAll(bom + text, filePath, root).output;
  const twice = fixAll.fixAll(once, filePath, root).output;
  assert.equal(twice, once, `${filePath}: fix all twice differs from once`);
}

/** Runs `assertFixProperties` over every file an ESLint run reports on. */
export async function assertFixPropertiesOfRun(eslint: ESLint, root: string, results: readonly ESLint.LintResult[], readText: (file: string) => string, stats: FixPropertyStats): Promise<void> {
  for (const result of results) {
    const text = readText(result.filePath);
    const lint = async (fixed: string) => (await eslint.lintText(fixed, { filePath: result.filePath }))[0]!.messages;
    await assertFixProperties(text, result.filePath, root, result.messages, lint, stats);
    // The project model holds the last re-linted buffer of this file: linting the saved text restores it.
    if (result.messages.some((m) => m.fix || m.suggestions?.length)) await eslint.lintText(text, { filePath: result.filePath });
  }
}
