import type { TSESLint } from '@typescript-eslint/utils';
import { nodeLogoutFindings, type JsFinding, type NodeLogoutFindings } from '../../analysis/node/findings';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * The JS/TS half of a rule: at the end of the file, report the findings `select` picks from the
 * file's logout analysis (computed once per AST and shared by the JS rules), with their suggestions.
 */
export function jsFindingListeners(context: AnyContext, select: (found: NodeLogoutFindings) => readonly JsFinding[]): TSESLint.RuleListener {
  return {
    'Program:exit'() {
      for (const finding of select(nodeLogoutFindings(context))) {
        context.report({
          node: finding.node,
          messageId: finding.messageId,
          data: finding.data,
          suggest: finding.suggestions.map((s) => ({
            messageId: s.messageId,
            data: s.data ?? {},
            fix: (fixer: TSESLint.RuleFixer) => s.edits.map((e) => fixer.replaceTextRange(e.range, e.text)),
          })),
        });
      }
    },
  };
}
