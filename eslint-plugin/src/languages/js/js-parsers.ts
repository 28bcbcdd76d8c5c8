import { createRequire } from 'node:module';
import type * as TypescriptEslintParserModule from '@typescript-eslint/parser';
import type { parse as parseTypeScript } from '@typescript-eslint/typescript-estree';
import type * as Espree from 'espree';

/**
 * Which parser reads a JS/TS file, for ESLint (typescript-parser.ts) and for the Node project
 * model alike: espree — ESLint's own parser, a dependency of ESLint itself — for plain JS, then
 * typescript-eslint (with `typescript`, both optional peers) for TypeScript and for the JS that
 * espree rejects.
 * Our analysis reads only ESTree shapes on JS files (decorators, type annotations and `TS*`
 * wrappers exist only in TypeScript), so both give the same findings there
 * (tests/languages/js-parsers.test.ts). TypeScript files need typescript-eslint.
 */
export type TypescriptEslintParser = typeof TypescriptEslintParserModule;
type TypescriptEstree = { parse: typeof parseTypeScript };

export const TYPESCRIPT_FILE = /\.(?:[cm]?ts|tsx)$/i;

/** The reasons `parse-error` gives for a file no parser could read. */
export const TYPESCRIPT_NOT_INSTALLED = 'install typescript and @typescript-eslint/parser to analyse TypeScript';
export const NESTING_TOO_DEEP = 'expression nesting too deep for the parser';

/**
 * ESLint's scope analysis and traversal, and our own walks, recurse once per AST level: a fluent
 * chain of 1,000 calls is 2,000 levels; eslint-scope overflows the default stack near 3,900.
 * typescript-estree itself overflows near 780 (a 390-call chain), espree on some shapes near 800
 * (nested arrays); those throw a RangeError, caught below.
 */
export const MAX_NESTING = 2_500;

let typescriptEslint: TypescriptEslintParser | null | undefined;
let estree: TypescriptEstree | undefined;
let espree: typeof Espree | undefined;

/** undefined when `@typescript-eslint/parser` or the `typescript` it requires is not installed. */
export function typescriptEslintParser(): TypescriptEslintParser | undefined {
  if (typescriptEslint === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first JS/TS file, never in a PHP-only run
      typescriptEslint = require('@typescript-eslint/parser') as TypescriptEslintParser;
    } catch (error) {
      if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND' || !/'(typescript|@typescript-eslint\/[a-z-]+)'/.test(String((error as Error).message))) throw error;
      typescriptEslint = null;
    }
  }
  return typescriptEslint ?? undefined;
}

/**
 * typescript-estree, which the installed parser depends on: hoisted next to it by npm and yarn (and
 * bundled by the editor's build), found through the parser's own location under pnpm.
 */
function typescriptEstree(): TypescriptEstree {
  if (!estree) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      estree = require('@typescript-eslint/typescript-estree') as TypescriptEstree;
    } catch (error) {
      if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
      // A name in a variable: bundlers leave this pnpm-only path alone (the literal require above is bundled).
      const parserName = '@typescript-eslint/parser';
      estree = createRequire(require.resolve(parserName))('@typescript-eslint/typescript-estree') as TypescriptEstree;
    }
  }
  return estree;
}

function loadEspree(): typeof Espree {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (espree ??= require('espree') as typeof Espree);
}

/**
 * `SECURE_LOGOUT_JS_PARSER=espree` makes a run behave as if typescript-eslint were absent,
 * `=typescript-eslint` reads every JS file with it; only the parser equivalence test sets it.
 */
function typescriptEslintWanted(): TypescriptEslintParser | undefined {
  return process.env['SECURE_LOGOUT_JS_PARSER'] === 'espree' ? undefined : typescriptEslintParser();
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

export type Parsed<T> = { parsed: T } | { unanalysed: string };

/**
 * espree for JS, typescript-eslint for TypeScript and for JS espree rejects, espree again when
 * typescript-estree's recursion overflows (it does on long call chains, espree does not). A TypeScript file without
 * typescript-eslint, or a stack overflow either way, is a reason, not an exception.
 */
export function parseJs<T>(
  filePath: string,
  viaTypescriptEslint: (parser: TypescriptEslintParser) => T,
  viaEspree: (espree: typeof Espree) => T,
  programOf: (parsed: T) => object,
): Parsed<T> {
  const result = parseEither(filePath, viaTypescriptEslint, viaEspree);
  return 'parsed' in result && nestedTooDeep(programOf(result.parsed)) ? { unanalysed: NESTING_TOO_DEEP } : result;
}

function parseEither<T>(filePath: string, viaTypescriptEslint: (parser: TypescriptEslintParser) => T, viaEspree: (espree: typeof Espree) => T): Parsed<T> {
  const typescriptFile = TYPESCRIPT_FILE.test(filePath);
  // Plain JS first with espree: 5–8× faster than typescript-estree, and a run whose relevant
  // files are all JS never loads TypeScript. Only syntax espree rejects (decorators, a JS file
  // holding type annotations) goes on to typescript-eslint, as before.
  if (!typescriptFile && process.env['SECURE_LOGOUT_JS_PARSER'] !== 'typescript-eslint') {
    try {
      return { parsed: viaEspree(loadEspree()) };
    } catch (error) {
      if (!(error instanceof SyntaxError) && !isStackOverflow(error)) throw error;
    }
  }
  const parser = typescriptEslintWanted();
  if (parser) {
    try {
      return { parsed: viaTypescriptEslint(parser) };
    } catch (error) {
      if (!isStackOverflow(error)) throw error;
      if (typescriptFile) return { unanalysed: NESTING_TOO_DEEP };
    }
  } else if (typescriptFile) {
    return { unanalysed: TYPESCRIPT_NOT_INSTALLED };
  }
  try {
    return { parsed: viaEspree(loadEspree()) };
  } catch (error) {
    if (isStackOverflow(error)) return { unanalysed: NESTING_TOO_DEEP };
    throw error;
  }
}

/**
 * espree with what typescript-estree accepts in a .js file: the newest syntax, JSX, and — when
 * the module parse fails — the sloppy script a CommonJS file may be (`0777`, `package` as a name,
 * a top-level `return`). `ecmaVersion` is always our espree's latest, whatever ESLint's espree
 * calls latest.
 */
export function parseWithEspree(parser: typeof Espree, code: string, options: { sourceType?: string; forESLint: boolean }): ReturnType<typeof Espree.parse> {
  const sourceType = options.sourceType === 'commonjs' || options.sourceType === 'script' ? options.sourceType : 'module';
  const espreeOptions = { ecmaVersion: 'latest', sourceType, ecmaFeatures: { jsx: true }, range: true, loc: true, tokens: options.forESLint, comment: options.forESLint } as const;
  try {
    return parser.parse(code, espreeOptions);
  } catch (error) {
    if (sourceType !== 'module' || !(error instanceof SyntaxError)) throw error;
    try {
      return parser.parse(code, { ...espreeOptions, sourceType: 'commonjs' });
    } catch {
      throw error;
    }
  }
}

/** typescript-estree for the project model: no tokens, no comments, no scope analysis. */
export function parseWithTypescriptEstree(code: string, filePath: string): ReturnType<typeof parseTypeScript> {
  return typescriptEstree().parse(code, { loc: true, range: true, comment: false, jsx: /\.[jt]sx$/.test(filePath) || /\.[cm]?js$/.test(filePath), filePath });
}

const NOT_CHILDREN = new Set(['parent', 'loc', 'range', 'tokens', 'comments']);

/** Whether any node lies deeper than MAX_NESTING below `root`; iterative, so the check cannot overflow itself. */
function nestedTooDeep(root: object): boolean {
  const nodes: object[] = [root];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop() as Record<string, unknown>;
    const depth = depths.pop()!;
    if (depth > MAX_NESTING) return true;
    for (const key in node) {
      if (NOT_CHILDREN.has(key)) continue;
      const value = node[key];
      if (typeof value !== 'object' || value === null) continue;
      if (Array.isArray(value)) {
        for (const item of value) {
          if (typeof item === 'object' && item !== null && typeof (item as { type?: unknown }).type === 'string') {
            nodes.push(item as object);
            depths.push(depth + 1);
          }
        }
      } else if (typeof (value as { type?: unknown }).type === 'string') {
        nodes.push(value);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/** Versions of the parsers this run can use, for ESLint's cache key (package.json only: nothing of the parsers loads). */
export function parserVersions(): string {
  const version = (load: () => unknown): string => {
    try {
      return (load() as { version: string }).version;
    } catch {
      return 'absent';
    }
  };
  // Literal requires, so the editor's bundler sees them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return `typescript-eslint@${version(() => require('@typescript-eslint/parser/package.json'))},espree@${version(() => require('espree/package.json'))}`;
}
