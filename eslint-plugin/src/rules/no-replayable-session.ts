import { isPhpNode, type PhpNode } from '../languages/php/php-ast';
import type { PhpSourceCode } from '../languages/php/php-source-code';
import type { LaravelHandler, } from '../facts/laravel/file-facts';
import { enclosingStatement, indentationOf, lineEnding, statementEnd, type TextEdit } from '../fixes/php/php-edits';
import { SESSION_METHOD_NAMES } from '../fixes/php/session-calls';
import { createRule } from '../util/create-rule';
import { byLanguage } from '../util/language';

type MessageIds = 'replayable' | 'flushThenRegenerate' | 'useInvalidate' | 'replaceFlushRegenerate' | 'jsFastifyOldRow' | 'jsPersistLogoutFirst';

/**
 * After a logout, `regenerate()` / `migrate()` without `true` move the client to a new id and
 * leave the old record — still holding the login — in the store, where the old cookie finds it.
 */
export default createRule<[], MessageIds>({
  name: 'no-replayable-session',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow session id rotation after a logout that keeps the old, still logged-in session record',
      recommended: 'error',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      replayable:
        '{{call}} after logout leaves the old session replayable: use {{fix}}. It gives the client a new session id but leaves the old record in the store, login included: replaying the old session cookie logs back in, and each replay keeps it alive.',
      flushThenRegenerate:
        'flush() + {{call}} leaves the old session replayable: use {{fix}}. The old record stays in the store as it was last saved, login included: replaying the old session cookie logs back in, and each replay keeps it alive (Laravel replaced this sequence by invalidate() in 5.4.29).',
      useInvalidate: 'Replace with {{calls}}',
      replaceFlushRegenerate: 'Replace flush() + {{method}}() with {{calls}}',
      jsFastifyOldRow:
        '{{call}}() leaves the old session replayable: upgrade @fastify/session to 11.1.3 or later. With {{session}} (11.1.2 or earlier), regenerate() does not destroy the old session id: the old store record still holds the passport login until it expires, so replaying the old session cookie logs back in.',
      jsPersistLogoutFirst: 'Save the session without the login before {{receiver}}.logOut() (old @fastify/session workaround)',
    },
  },
  defaultOptions: [],
  create(context) {
    return byLanguage(context, {
      php: (sourceCode, { analysedProgram, laravelLogoutVerdicts }) => ({
        'program:exit'() {
          const reported = new Set<PhpNode>();
          const { program, settings } = analysedProgram(context, sourceCode);
          for (const { handler, verdicts } of laravelLogoutVerdicts(program, context.filename, settings)) {
            for (const verdict of verdicts) {
              for (const { node } of verdict.replayableCalls) {
                if (reported.has(node)) continue;
                reported.add(node);
                const flush = precedingFlush(sourceCode, handler, node);
                const method = methodName(node);
                const replacement = replacementEdit(sourceCode, node, flush);
                const autofix = method === 'regenerate' ? destroyArgumentEdit(sourceCode, node) : null;
                context.report({
                  loc: sourceCode.getReportLoc(node),
                  messageId: flush ? 'flushThenRegenerate' : 'replayable',
                  // The autofix writes regenerate(true); the message names it first so both agree.
                  data: { call: `${method}()`, fix: autofix ? 'regenerate(true) or invalidate()' : 'invalidate() + regenerateToken()' },
                  fix: autofix ? (fixer) => fixer.replaceTextRange(autofix.range, autofix.text) : null,
                  suggest: replacement
                    ? [
                        {
                          messageId: flush ? 'replaceFlushRegenerate' : 'useInvalidate',
                          data: { calls: 'invalidate() + regenerateToken()', method },
                          fix: (fixer) => fixer.replaceTextRange(replacement.range, replacement.text),
                        },
                      ]
                    : [],
                });
              }
            }
          }
        },
      }),
      js: ({ jsFindingListeners }) => jsFindingListeners(context, (found) => found.noReplayableSession),
    });
  },
});

function methodName(call: PhpNode): string {
  const offset = (call['what'] as PhpNode)['offset'] as PhpNode;
  return SESSION_METHOD_NAMES[String(offset['name']).toLowerCase()] ?? String(offset['name']);
}

/** The text before the method name: `$request->session()->` or `Session::`. */
function receiverPrefix(sourceCode: PhpSourceCode, call: PhpNode): string {
  const what = call['what'] as PhpNode;
  const offset = what['offset'] as PhpNode;
  return sourceCode.text.slice(what.loc.start.offset, offset.loc.start.offset);
}

/** The `…->flush();` statement right before the statement of `call`, when the handler has one. */
function precedingFlush(sourceCode: PhpSourceCode, handler: LaravelHandler, call: PhpNode): PhpNode | undefined {
  const statement = enclosingStatement(sourceCode, call);
  if (!statement) return undefined;
  const parent = sourceCode.getParent(statement);
  const siblings = (parent?.['children'] as PhpNode[] | undefined) ?? [];
  const previous = siblings[siblings.indexOf(statement) - 1];
  if (!previous || previous.kind !== 'expressionstatement') return undefined;
  const flush = handler.sessionCalls.find((c) => c.method === 'flush' && c.node === previous['expression']);
  return flush ? previous : undefined;
}

/** Replaces the call's statement (and a directly preceding `flush();`) by invalidate() + regenerateToken(). */
function replacementEdit(sourceCode: PhpSourceCode, call: PhpNode, flushStatement: PhpNode | undefined): TextEdit | null {
  const statement = enclosingStatement(sourceCode, call);
  if (!statement || statement.kind !== 'expressionstatement' || statement['expression'] !== call) return null;
  const prefix = receiverPrefix(sourceCode, call);
  const first = flushStatement ?? statement;
  const eol = lineEnding(sourceCode);
  const indent = indentationOf(sourceCode, first);
  return {
    range: [first.loc.start.offset, statementEnd(sourceCode, statement)],
    text: `${prefix}invalidate();${eol}${indent}${prefix}regenerateToken();`,
  };
}

/** `regenerate()` / `regenerate(false)` → `regenerate(true)`: destroys the old record, nothing else changes. */
function destroyArgumentEdit(sourceCode: PhpSourceCode, call: PhpNode): TextEdit | null {
  const args = (call['arguments'] as PhpNode[]) ?? [];
  // Error recovery leaves holes (`regenerate(return …`): no edit on an argument list that did not parse.
  if (!args.every(isPhpNode)) return null;
  if (args.length === 1) return { range: [args[0]!.loc.start.offset, args[0]!.loc.end.offset], text: 'true' };
  if (args.length > 1) return null;
  const nameEnd = ((call['what'] as PhpNode)['offset'] as PhpNode).loc.end.offset;
  const open = sourceCode.text.indexOf('(', nameEnd);
  const close = sourceCode.text.indexOf(')', open);
  if (open < 0 || close < 0 || sourceCode.text.slice(open + 1, close).trim() !== '') return null;
  return { range: [open, close + 1], text: '(true)' };
}
