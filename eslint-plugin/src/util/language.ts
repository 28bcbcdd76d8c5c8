import type { TSESLint } from '@typescript-eslint/utils';
import type { PhpNode } from '../languages/php/php-ast';
import type { PhpSourceCode } from '../languages/php/php-source-code';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export type PhpListeners = Record<string, (node: PhpNode) => void>;

/**
 * Rules with one id for PHP and JS (`invalidate-session`, …) pick their half by the file's
 * language: PHP files come with our PhpSourceCode, everything else is ESTree.
 */
export function byLanguage(
  context: AnyContext,
  halves: { php?: (sourceCode: PhpSourceCode) => PhpListeners; js?: () => TSESLint.RuleListener },
): TSESLint.RuleListener {
  const sourceCode = context.sourceCode as unknown as PhpSourceCode;
  // Duck-typed: a second copy of the plugin module must still recognise our PHP source code.
  if ((sourceCode.ast as { kind?: unknown }).kind === 'program') return (halves.php?.(sourceCode) ?? {}) as unknown as TSESLint.RuleListener;
  return halves.js?.() ?? {};
}
