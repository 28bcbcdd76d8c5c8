import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { nodeFindings, type JsRuleId } from './findings';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * The JS/TS half of a rule: one analysis per file (shared by all JS rules through a cache on
 * the AST), each rule reporting the findings that carry its id.
 */
export function jsRuleListeners(context: AnyContext, rule: JsRuleId): TSESLint.RuleListener {
  return {
    'Program:exit'(program: TSESTree.Program) {
      for (const finding of nodeFindings(context.sourceCode.text, program, context.filename)) {
        if (finding.rule !== rule) continue;
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
