import type { TSESLint } from '@typescript-eslint/utils';
import type { PhpNode } from '../../languages/php/php-ast';
import type { PhpSourceCode } from '../../languages/php/php-source-code';
import { rememberFileName } from '../../analysis/laravel/route-context';
import { laravelRouteFindings, type LaravelRouteFindings } from '../../analysis/laravel/route-findings';
import type { PhpListeners } from '../../util/language';
import { analysedProgram } from './analysed-program';

/**
 * The listeners of a route-aware rule: at the end of the file, each finding of `kind` goes to
 * `report` once per call (a helper inlined into two actions yields the same call twice).
 */
export function routeFindingListeners<K extends keyof LaravelRouteFindings>(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  sourceCode: PhpSourceCode,
  kind: K,
  report: (finding: LaravelRouteFindings[K][number]) => void,
): PhpListeners {
  const { program, settings } = analysedProgram(context, sourceCode);
  rememberFileName(program, context.filename, sourceCode.text);
  return {
    'program:exit'() {
      const reported = new Set<PhpNode>();
      for (const finding of laravelRouteFindings(program, context.filename, settings)[kind] as LaravelRouteFindings[K][number][]) {
        const node = finding.fact.node as PhpNode;
        if (reported.has(node)) continue;
        reported.add(node);
        report(finding);
      }
    },
  };
}
