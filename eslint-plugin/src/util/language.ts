import type { TSESLint } from '@typescript-eslint/utils';
import { PREFILTERED } from '../languages/js/typescript-parser';
import type { PhpNode, PhpProgram } from '../languages/php/php-ast';
import type { PhpSourceCode } from '../languages/php/php-source-code';
import { mentionsLogoutHelper, readSettings } from '../settings';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export type PhpListeners = Record<string, (node: PhpNode) => void>;

/** What the rules' PHP halves use of the Laravel analysis. */
export type LaravelAnalysis = typeof import('../rules/laravel/analysis');
/** What the rules' JS/TS halves use of the Node analysis. */
export type NodeAnalysis = typeof import('../rules/js/analysis');

/**
 * Each language's analysis, loaded on the first file of that language: a PHP-only run never
 * loads the Node analysis (nor semver, espree's users, …) and a JS-only run never loads the
 * Laravel one. Rules import neither; they are handed the one of the file's language.
 */
let laravel: LaravelAnalysis | undefined;
let node: NodeAnalysis | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const laravelAnalysis = (): LaravelAnalysis => (laravel ??= require('../rules/laravel/analysis') as LaravelAnalysis);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeAnalysis = (): NodeAnalysis => (node ??= require('../rules/js/analysis') as NodeAnalysis);

/**
 * Rules with one id for PHP and JS (`invalidate-session`, …) pick their half by the file's
 * language: PHP files come with our PhpSourceCode, everything else is ESTree. Each half gets its
 * language's analysis. A file the prefilter skipped gets no listener at all (nothing in it can be
 * reported), unless its text calls a logout helper declared in settings, which a PHP half reads
 * from the full text.
 */
export function byLanguage(
  context: AnyContext,
  halves: { php?: (sourceCode: PhpSourceCode, laravel: LaravelAnalysis) => PhpListeners; js?: (node: NodeAnalysis) => TSESLint.RuleListener },
): TSESLint.RuleListener {
  const sourceCode = context.sourceCode as unknown as PhpSourceCode;
  // Duck-typed: a second copy of the plugin module must still recognise our PHP source code.
  if ((sourceCode.ast as { kind?: unknown }).kind === 'program') {
    if (!halves.php || skippedPhp(sourceCode.ast, sourceCode.text, context)) return {};
    return halves.php(sourceCode, laravelAnalysis()) as unknown as TSESLint.RuleListener;
  }
  if (!halves.js || (sourceCode.ast as unknown as Record<string, unknown>)[PREFILTERED] === true) return {};
  return halves.js(nodeAnalysis());
}

function skippedPhp(program: PhpProgram, text: string, context: AnyContext): boolean {
  return program.prefiltered === true && !mentionsLogoutHelper(text, readSettings(context));
}
