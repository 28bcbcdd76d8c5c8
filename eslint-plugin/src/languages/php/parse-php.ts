import type { Engine } from 'php-parser';
import { phpCodeText } from './code-text';
import { guardEngine, PhpParseAborted } from './parser-guard';
import type { PhpComment, PhpNode, PhpProgram } from './php-ast';

export interface PhpParseOptions {
  /** PHP version php-parser targets (newer syntax parses with a newer value). */
  phpVersion: string;
  /** Files larger than this are skipped with a message instead of parsed. */
  maxFileBytes: number;
  /**
   * Skip files without logout/session words (default true). The project model turns it off:
   * route, config and kernel files matter without containing any of those words.
   */
  prefilter?: boolean;
}

export const defaultPhpParseOptions: PhpParseOptions = { phpVersion: '8.4', maxFileBytes: 2_000_000 };

/**
 * Words every PHP finding needs in its file: a logout, a session call or an access-token
 * delete. A file without any of them cannot produce a finding, so it is not parsed at all.
 */
export const RELEVANT_TEXT = /logout|session|currentaccesstoken/i;

/** laravel/ui's `Auth::routes()` / `Route::auth()`: a route file whose logout route is judged at that line. */
const REGISTERS_LOGOUT_ROUTE = /\b(Auth::routes|Route::auth)\s*\(/i;

/** A method or static call, property or constant access: where a word in a string can name a method or a route action. */
const CALL_SHAPE = /->|::/;

/**
 * Whether a rule can report in this file. Its words must be in code, not only in strings and
 * comments (translation arrays, messages) — unless the file calls anything, where a string can
 * name a method (`[Controller::class, 'logout']`). `SECURE_LOGOUT_PHP_CODE_PREFILTER=0` drops
 * that refinement (any word anywhere passes): the equivalence test runs the suites both ways.
 */
export function mayMatter(text: string): boolean {
  if (REGISTERS_LOGOUT_ROUTE.test(text)) return true;
  if (!RELEVANT_TEXT.test(text)) return false;
  if (process.env['SECURE_LOGOUT_PHP_CODE_PREFILTER'] === '0') return true;
  const code = phpCodeText(text);
  return code === undefined || RELEVANT_TEXT.test(code) || CALL_SHAPE.test(code);
}

/** config/fortify.php: laravel/fortify's own logout route has no route line, so it is judged at the config's `guard` entry. */
export function declaresPackageRoutes(fileName: string): boolean {
  return /(^|[\\/])config[\\/]fortify\.php$/.test(fileName);
}

/** UTF-8 size over `max`, without encoding files that are clearly under it (a UTF-16 unit is at most 3 bytes). */
function exceedsBytes(text: string, max: number): boolean {
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;
  return Buffer.byteLength(text, 'utf8') > max;
}

const engines = new Map<string, Engine>();

function engineFor(version: string): Engine {
  let engine = engines.get(version);
  if (!engine) {
    // Loaded on the first PHP parse: a JS-only run never pays for php-parser's modules.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Engine: PhpEngine } = require('php-parser') as typeof import('php-parser');
    engine = guardEngine(
      new PhpEngine({
        parser: { extractDoc: true, suppressErrors: true, version },
        ast: { withPositions: true, withSource: false },
        lexer: { short_tags: true },
      }),
    );
    engines.set(version, engine);
  }
  return engine;
}

function emptyProgram(text: string): PhpProgram {
  const lines = text.split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1] ?? '';
  return {
    kind: 'program',
    loc: {
      start: { line: 1, column: 0, offset: 0 },
      end: { line: lines.length, column: last.length, offset: text.length },
    },
    children: [],
    errors: [],
    comments: [],
    sourceText: text,
  };
}

function toComment(raw: PhpNode): PhpComment {
  const text = String(raw['value'] ?? '');
  let start = raw.loc.start;
  let value: string;
  let type: PhpComment['type'];
  let length = text.length;
  if (raw.kind === 'commentblock') {
    type = 'Block';
    value = text.replace(/^\/\*/, '').replace(/\*\/$/, '');
  } else {
    type = 'Line';
    // php-parser keeps the line break in line comments; a directive comment must end on its own line.
    const body = text.replace(/\r?\n$/, '');
    length = body.length;
    value = body.replace(/^(\/\/|#)/, '');
  }
  const startOffset = typeof raw['offset'] === 'number' ? (raw['offset'] as number) : start.offset;
  const newlines = text.slice(0, length).split(/\r\n|\r|\n/);
  const endLine = start.line + newlines.length - 1;
  const endColumn = newlines.length === 1 ? start.column + length : newlines[newlines.length - 1]!.length;
  start = { ...start, offset: startOffset };
  return {
    type,
    value,
    loc: { start: { line: start.line, column: start.column }, end: { line: endLine, column: endColumn } },
    range: [startOffset, startOffset + length],
  };
}

/**
 * The last few parses, by file and text. In the editor the project model and ESLint both want
 * the buffer being typed in; the second asks for exactly the same text and shares the parsed
 * nodes instead of parsing twice. It gets a program object of its own, because analyses are
 * cached per program and may depend on other files that changed in between.
 */
const recentParses: { fileName: string; text: string; version: string; program: PhpProgram }[] = [];
const RECENT_PARSES = 4;

/**
 * Parses PHP with php-parser's error recovery. Never throws: a file that cannot be analysed
 * becomes an empty program carrying the reason, which the `parse-error` rule reports.
 */
export function parsePhp(text: string, fileName: string, options: PhpParseOptions = defaultPhpParseOptions): PhpProgram {
  if (exceedsBytes(text, options.maxFileBytes)) {
    return { ...emptyProgram(text), unanalysed: { reason: `file is larger than ${options.maxFileBytes} bytes`, line: 1, column: 0 } };
  }
  if (text.includes('\u0000')) {
    return { ...emptyProgram(text), unanalysed: { reason: 'file looks binary (contains NUL bytes)', line: 1, column: 0 } };
  }
  if (options.prefilter !== false && !mayMatter(text) && !declaresPackageRoutes(fileName)) {
    return { ...emptyProgram(text), prefiltered: true };
  }
  const recent = recentParses.find((p) => p.fileName === fileName && p.version === options.phpVersion && p.text === text);
  if (recent) return { ...recent.program };
  const program = parseWithRecovery(text, fileName, options.phpVersion);
  recentParses.unshift({ fileName, text, version: options.phpVersion, program });
  recentParses.length = Math.min(recentParses.length, RECENT_PARSES);
  return program;
}

function parseWithRecovery(text: string, fileName: string, phpVersion: string): PhpProgram {
  try {
    const raw = engineFor(phpVersion).parseCode(text, fileName) as unknown as PhpNode & {
      children?: PhpNode[];
      errors?: PhpNode[];
      comments?: PhpNode[];
    };
    const program = raw as unknown as PhpProgram;
    program.children = raw.children ?? [];
    program.errors = raw.errors ?? [];
    program.comments = (raw.comments ?? []).map(toComment);
    program.sourceText = text;
    // php-parser's program location ends at the last node; ESLint expects the whole text.
    program.loc = emptyProgram(text).loc;
    return program;
  } catch (error) {
    const err = error as { message?: string; lineNumber?: number; columnNumber?: number };
    // A parse stopped by its budget, or nesting deeper than the parser's recursion can follow.
    const reason = error instanceof PhpParseAborted ? err.message : error instanceof RangeError ? 'nesting too deep' : err.message ?? String(error);
    return {
      ...emptyProgram(text),
      unanalysed: {
        reason: `PHP parse failed: ${reason}`,
        line: err.lineNumber ?? 1,
        column: err.columnNumber ?? 0,
      },
    };
  }
}
