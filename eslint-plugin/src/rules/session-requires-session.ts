import type { PhpNode } from '../languages/php/php-ast';
import type { PhpSourceCode } from '../languages/php/php-source-code';
import type { SessionCallFinding } from '../analysis/laravel/route-findings';
import { enclosingStatement, indentationOf, lineEnding, statementEnd, type TextEdit } from '../fixes/php/php-edits';
import { indentUnit } from './laravel/indent-unit';
import { createRule } from '../util/create-rule';
import { byLanguage } from '../util/language';

type MessageIds = 'noSessionOnRoute' | 'wrapInHasSession' | 'hybridNoSessionForTokens' | 'wrapInHasSessionAndRevoke';

/**
 * On an api route without `statefulApi()` / EnsureFrontendRequestsAreStateful, token clients
 * have no session: `$request->session()` throws "Session store not set on request".
 */
export default createRule<[], MessageIds>({
  name: 'session-requires-session',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a hasSession() check before session calls in handlers that can run without a session',
      // Every token request on such a route is a 500 (SPEC §2).
      recommended: 'error',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      noSessionOnRoute:
        'Session call throws for token clients (no session here): wrap it in if ({{check}}). {{where}} can run without a session: {{session}}. For token clients this session call throws RuntimeException "Session store not set on request", a 500 on every token request.',
      hybridNoSessionForTokens:
        'Token clients have no session on this route: wrap the session calls in if ({{check}}). {{where}} serves cookie and token clients: the app mints personal access tokens ({{mintedAt}}) and the {{tokenGuard}} guard accepts bearer tokens, which arrive without a session ({{session}} only for stateful SPA requests). For them this call throws RuntimeException "Session store not set on request" (a 500), and a session-only logout never revokes their token.',
      wrapInHasSession: 'Wrap the session calls in if ({{check}}) { … }',
      wrapInHasSessionAndRevoke: 'Wrap the session calls in if ({{check}}) { … }, else revoke the token',
    },
  },
  defaultOptions: [],
  create(context) {
    return byLanguage(context, {
      php: (sourceCode, { routeFindingListeners, routeDescription }) =>
        routeFindingListeners(context, sourceCode, 'sessionRequiresSession', (finding) => {
          const check = `${finding.handler.requestVariable ? `$${finding.handler.requestVariable}` : 'request()'}->hasSession()`;
          // A cookie-and-token route (SPEC §2.4): one fix logs out both kinds of client.
          const tokenHalf = finding.hybrid?.driver === 'sanctum' && !revokesToken(sourceCode, finding) ? `${finding.handler.requestVariable ? `$${finding.handler.requestVariable}` : 'request()'}` : undefined;
          const edit = wrapEdit(sourceCode, finding, check, tokenHalf);
          const hybrid = finding.hybrid ? { tokenGuard: finding.hybrid.tokenGuard, mintedAt: finding.hybrid.mintedAt } : {};
          const fixId = tokenHalf ? 'wrapInHasSessionAndRevoke' : 'wrapInHasSession';
          context.report({
            loc: sourceCode.getReportLoc(finding.fact.node),
            messageId: finding.hybrid ? 'hybridNoSessionForTokens' : 'noSessionOnRoute',
            data: { where: routeDescription(finding.project, finding.route, finding.via), session: finding.route!.sessionExplanation, check, ...hybrid },
            suggest: edit ? [{ messageId: fixId, data: { check }, fix: (fixer) => fixer.replaceTextRange(edit.range, edit.text) }] : [],
          });
        }),
    });
  },
});

/** Whether the handler already revokes a token (`currentAccessToken()->delete()`, `tokens()->delete()`). */
function revokesToken(sourceCode: PhpSourceCode, finding: SessionCallFinding): boolean {
  const node = finding.handler.node;
  return finding.handler.tokenDeletes.length > 0 || /->\s*tokens\s*\(\s*\)/.test(sourceCode.text.slice(node.loc.start.offset, node.loc.end.offset));
}

/**
 * Wraps the run of consecutive statements, starting at the reported one, that make unguarded
 * session calls; with `tokenHalf` (the request expression) an `else` revokes a Sanctum personal
 * access token, never a TransientToken.
 */
function wrapEdit(sourceCode: PhpSourceCode, finding: SessionCallFinding, check: string, tokenHalf?: string): TextEdit | undefined {
  const first = enclosingStatement(sourceCode, finding.fact.node);
  if (!first) return undefined;
  const parent = sourceCode.getParent(first);
  const siblings = (parent?.['children'] as PhpNode[] | undefined) ?? [first];
  const start = siblings.indexOf(first);
  if (start < 0 || first.kind === 'return') return undefined;
  const sessionStatements = new Set(finding.handler.sessionCalls.filter((c) => !c.guardedByHasSession).flatMap((c) => enclosingStatement(sourceCode, c.node) ?? []));
  let end = start;
  while (end + 1 < siblings.length && sessionStatements.has(siblings[end + 1]!) && siblings[end + 1]!.kind !== 'return') end++;
  const eol = lineEnding(sourceCode);
  const indent = indentationOf(sourceCode, first);
  const unit = indentUnit(sourceCode);
  const range: [number, number] = [first.loc.start.offset, statementEnd(sourceCode, siblings[end]!)];
  const body = sourceCode.text
    .slice(range[0], range[1])
    .split(/\r\n|\r|\n/)
    .map((line, i) => (i === 0 ? `${indent}${unit}${line}` : line.trim() ? `${unit}${line}` : line))
    .join(eol);
  const otherwise = tokenHalf
    ? ` else {${eol}${indent}${unit}$token = ${tokenHalf}->user()?->currentAccessToken();${eol}${indent}${unit}if ($token instanceof \\Laravel\\Sanctum\\PersonalAccessToken) {${eol}${indent}${unit}${unit}$token->delete();${eol}${indent}${unit}}${eol}${indent}}`
    : '';
  return { range, text: `if (${check}) {${eol}${body}${eol}${indent}}${otherwise}` };
}
