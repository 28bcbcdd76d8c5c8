import type { PhpNode } from '../languages/php/php-ast';
import type { PhpSourceCode } from '../languages/php/php-source-code';
import type { RouteFinding } from '../analysis/laravel/route-findings';
import type { TokenDeleteFact } from '../facts/laravel/handler-flow';
import { enclosingStatement, indentationOf, lineEnding, statementEnd, type TextEdit } from '../fixes/php/php-edits';
import { indentUnit } from './laravel/indent-unit';
import { createRule } from '../util/create-rule';
import { byLanguage, type LaravelAnalysis } from '../util/language';

type MessageIds = 'transientToken' | 'noTokenOnSessionGuard' | 'guardTokenType' | 'guardTokenTypeAndEndSession';

const PERSONAL_ACCESS_TOKEN = '\\Laravel\\Sanctum\\PersonalAccessToken';

/**
 * A cookie (SPA) request authenticated by Sanctum's session branch carries a TransientToken,
 * which has no delete(): `currentAccessToken()->delete()` is a fatal error on any route a
 * session can reach, and the logout around it never happens.
 */
export default createRule<[], MessageIds>({
  name: 'transient-token-delete',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow deleting currentAccessToken() without checking its type in handlers a session can reach',
      recommended: 'error',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      transientToken:
        "Cookie requests crash here (TransientToken has no delete()): delete only a PersonalAccessToken. {{where}} can be reached with a session ({{session}}). For cookie (SPA) requests currentAccessToken() is a TransientToken, which has no delete(): this call is a fatal error, the logout is aborted and the session stays valid. End the session under $request->hasSession().",
      noTokenOnSessionGuard:
        "delete() is called on null under the {{guard}} guard: delete only a PersonalAccessToken. {{where}} authenticates with the {{guard}} session guard ({{guardSource}}): the user came in with a session cookie, so currentAccessToken() is null and this call fails with Error \"Call to a member function delete() on null\" (a 500); the logout is aborted and the session stays valid. End the session under $request->hasSession().",
      guardTokenType: 'Delete the token only when it is a PersonalAccessToken',
      guardTokenTypeAndEndSession: 'Delete the token only when it is a PersonalAccessToken, and end the session when there is one',
    },
  },
  defaultOptions: [],
  create(context) {
    return byLanguage(context, {
      php: (sourceCode, laravel) =>
        laravel.routeFindingListeners(context, sourceCode, 'transientTokenDelete', (finding) => {
          const edit = wrapEdit(laravel, sourceCode, finding);
          const guard = finding.route?.effectiveGuard;
          // A session guard (auth:web) authenticates without any token: currentAccessToken() is null, not a TransientToken.
          const sessionGuard = guard?.driver === 'session';
          context.report({
            loc: sourceCode.getReportLoc(finding.fact.node),
            messageId: sessionGuard ? 'noTokenOnSessionGuard' : 'transientToken',
            data: { where: laravel.routeDescription(finding.project, finding.route, finding.via), session: finding.route!.sessionExplanation, guard: guard?.name ?? 'default', guardSource: sessionGuard ? guard.explanation : '' },
            suggest: edit ? [{ messageId: edit.length > 1 || edit[0]!.text.includes('hasSession()') ? 'guardTokenTypeAndEndSession' : 'guardTokenType', fix: (fixer) => edit.map((e) => fixer.replaceTextRange(e.range, e.text)) }] : [],
          });
        }),
    });
  },
});

/**
 * `$token->delete();` → `if ($token instanceof …) { $token->delete(); }`; a chained
 * `…->currentAccessToken()->delete();` first stores the token in a variable. When the handler
 * never ends the session, the session half of the dual pattern follows (SPEC §2, sanctum docs):
 * otherwise the fixed handler would log an SPA user out of nothing.
 */
function wrapEdit(laravel: LaravelAnalysis, sourceCode: PhpSourceCode, finding: RouteFinding<TokenDeleteFact>): TextEdit[] | undefined {
  const call = finding.fact.node;
  const statement = enclosingStatement(sourceCode, call);
  if (!statement || statement.kind !== 'expressionstatement' || statement['expression'] !== call) return undefined;
  const receiver = (call['what'] as PhpNode)['what'] as PhpNode;
  const eol = lineEnding(sourceCode);
  const indent = indentationOf(sourceCode, statement);
  const inner = indent + indentUnit(sourceCode);
  const range: [number, number] = [statement.loc.start.offset, statementEnd(sourceCode, statement)];
  let text: string;
  if (receiver.kind === 'variable' && typeof receiver['name'] === 'string') {
    const variable = `$${receiver['name'] as string}`;
    text = `if (${variable} instanceof ${PERSONAL_ACCESS_TOKEN}) {${eol}${inner}${sourceCode.text.slice(range[0], range[1])}${eol}${indent}}`;
  } else {
    const handlerText = sourceCode.text.slice(finding.handler.node.loc.start.offset, finding.handler.node.loc.end.offset);
    const variable = /\$token\b/.test(handlerText) ? '$accessToken' : '$token';
    const receiverText = sourceCode.text.slice(receiver.loc.start.offset, receiver.loc.end.offset);
    text = `${variable} = ${receiverText};${eol}${indent}if (${variable} instanceof ${PERSONAL_ACCESS_TOKEN}) {${eol}${inner}${variable}->delete();${eol}${indent}}`;
  }
  if (finding.handler.logouts.length > 0) return [{ range, text }];
  const { facade, importEdit } = laravel.authFacade(sourceCode);
  const request = finding.handler.requestVariable ? `$${finding.handler.requestVariable}` : 'request()';
  const { settings } = finding.project;
  const forgotten = laravel.guardToForget(finding.handler, finding.route, settings);
  const forget = forgotten ? [`${facade}::guard('${forgotten}')->forgetUser();`] : [];
  const sessionHalf = [`${facade}::guard('${settings.sessionGuardName}')->logout();`, `${request}->session()->invalidate();`, `${request}->session()->regenerateToken();`, ...forget];
  text += `${eol}${eol}${indent}if (${request}->hasSession()) {${sessionHalf.map((line) => `${eol}${inner}${line}`).join('')}${eol}${indent}}`;
  return importEdit ? [importEdit, { range, text }] : [{ range, text }];
}
