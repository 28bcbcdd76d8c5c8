import { LOGOUT_SITE_TEXT, RELEVANT_TEXT } from '../../facts/node/relevant-text';
import { parseJs, parserVersions, parseWithEspree, TYPESCRIPT_NOT_INSTALLED, type TypescriptEslintParser } from './js-parsers';

type Parser = TypescriptEslintParser;
type ParserOptions = Parameters<Parser['parseForESLint']>[1] & { secureLogout?: { prefilter?: boolean } };

/** `languageOptions.parserOptions.secureLogout` of the JS/TS block. */
export interface SecureLogoutParserOptions {
  /**
   * Do not parse a file without the text of a logout site (a logout call, a session unset, an
   * access-token delete): ESLint gets an empty Program. Only for configs where our rules are the
   * only ones on these files — another plugin's rules would see the empty Program too
   * (`configs['recommended-standalone']`).
   */
  prefilter?: boolean;
}

/**
 * JS/TS documents larger than this are not parsed: a generated 5 MB file of routes took the
 * editor's server minutes and 2.9 GB. Parsing and traversing with typescript-estree alone costs
 * about 5 s of CPU and 780 MB for 1,000,000 characters (9 s and 1.3 GB for 1.9 MB), hence half
 * the PHP cap. `parse-error` names such files.
 */
export const MAX_JS_FILE_CHARACTERS = 1_000_000;

/** Set on the empty Program of a file that was not parsed for a reason worth reporting. */
export const UNANALYSED = 'secureLogoutUnanalysed';
/** Set on the empty Program of a file the prefilter skipped (no logout site): no rule can report in it. */
export const PREFILTERED = 'secureLogoutPrefiltered';

/**
 * The equivalence test runs the whole suite with the prefilter forced on and off; nothing else
 * sets this variable.
 */
function prefilterWanted(options: ParserOptions | undefined): boolean {
  const forced = process.env['SECURE_LOGOUT_JS_PREFILTER'];
  if (forced === '0' || forced === '1') return forced === '1';
  return options?.secureLogout?.prefilter === true;
}

/** What ESLint needs of a Program with nothing in it (scope analysis is ESLint's own). */
function emptyProgram(code: string, options: ParserOptions | undefined) {
  const lines = code.split(/\r\n|[\r\n\u2028\u2029]/);
  return {
    type: 'Program' as const,
    body: [],
    sourceType: options?.sourceType === 'script' || options?.sourceType === 'commonjs' ? ('script' as const) : ('module' as const),
    range: [0, code.length] as [number, number],
    loc: { start: { line: 1, column: 0 }, end: { line: lines.length, column: lines[lines.length - 1]!.length } },
    tokens: [],
    comments: [],
  };
}

/**
 * `languageOptions.parser` of the JS/TS block: typescript-eslint's parser (or, without it, espree
 * for plain JS) behind a lazy require, plus the optional prefilter. ESLint wants a parser object
 * at config time; loading the real one there would cost every PHP-only run TypeScript's start-up.
 */
export const typescriptParser = {
  meta: {
    name: 'secure-logout/typescript-parser',
    version: parserVersions(),
  },
  parseForESLint(code: string, options?: ParserOptions): ReturnType<Parser['parseForESLint']> | { ast: ReturnType<typeof emptyProgram> } {
    if (code.length > MAX_JS_FILE_CHARACTERS) return { ast: Object.assign(emptyProgram(code, options), { [UNANALYSED]: `file is larger than ${MAX_JS_FILE_CHARACTERS} characters` }) };
    if (prefilterWanted(options) && !LOGOUT_SITE_TEXT.test(code)) return { ast: Object.assign(emptyProgram(code, options), { [PREFILTERED]: true }) };
    const { secureLogout: _ours, ...theirs } = options ?? {};
    const result = parseJs(
      options?.filePath ?? '',
      (parser) => parser.parseForESLint(code, theirs),
      // ESLint runs its own scope analysis on an ESTree Program that comes without one.
      (espree) => ({ ast: parseWithEspree(espree, code, { sourceType: options?.sourceType, forESLint: true }) }) as unknown as ReturnType<Parser['parseForESLint']>,
      (parsed) => parsed.ast,
    );
    if ('parsed' in result) return result.parsed;
    const ast = emptyProgram(code, options);
    // A PHP-only app installs without TypeScript, yet may have TS files (vite.config.ts): nothing to
    // check in a file without logout words, a visible gap in one with them.
    if (result.unanalysed === TYPESCRIPT_NOT_INSTALLED && !RELEVANT_TEXT.test(code)) return { ast };
    return { ast: Object.assign(ast, { [UNANALYSED]: result.unanalysed }) };
  },
  parse(code: string, options?: ParserOptions): unknown {
    return typescriptParser.parseForESLint(code, options).ast;
  },
};
