import { UNANALYSED } from '../languages/js/typescript-parser';
import { createRule } from '../util/create-rule';
import { byLanguage } from '../util/language';

/**
 * secure-logout is not a PHP syntax checker: recovered syntax errors are analysed as far as they
 * parse. This rule speaks only when a file could not be analysed at all, so the gap is visible.
 */
export default createRule<[], 'unanalysed'>({
  name: 'parse-error',
  meta: {
    type: 'problem',
    docs: { description: 'Report PHP, JS and TS files secure-logout could not analyse', recommended: 'warn' },
    schema: [],
    messages: { unanalysed: 'secure-logout did not analyse this file, so its logouts are unchecked. Reason: {{reason}}.' },
  },
  defaultOptions: [],
  create(context) {
    return byLanguage(context, {
      php: (sourceCode) => ({
        program() {
          const unanalysed = sourceCode.ast.unanalysed;
          if (!unanalysed) return;
          context.report({
            loc: { line: unanalysed.line, column: unanalysed.column },
            messageId: 'unanalysed',
            data: { reason: unanalysed.reason },
          });
        },
      }),
      // JS/TS: a file our parser declined (too large) or whose analysis ran out of time; syntax
      // errors stay ESLint's fatal messages.
      js: ({ nodeLogoutFindings, analysisCutShort }) => ({
        'Program:exit'(node) {
          const declined = (node as unknown as Record<string, unknown>)[UNANALYSED];
          let reason = typeof declined === 'string' ? declined : undefined;
          if (!reason) {
            nodeLogoutFindings(context); // computed once per file and shared with the other JS rules
            reason = analysisCutShort(node);
          }
          if (reason) context.report({ loc: { line: 1, column: 0 }, messageId: 'unanalysed', data: { reason } });
        },
      }),
    });
  },
});
