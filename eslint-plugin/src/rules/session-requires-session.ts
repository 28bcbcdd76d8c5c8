import type { PhpNode } from '../languages/php/php-ast';
import type { PhpSourceCode } from '../languages/php/php-source-code';
import { routeDescription, type RouteFinding } from '../analysis/laravel/route-findings';
import type { SessionCallFact } from '../facts/laravel/handler-flow';
import { enclosingStatement, indentationOf, lineEnding, statementEnd, type TextEdit } from '../fixes/php/php-edits';
import { indentUnit } from './laravel/auth-facade';
import { createRule } from '../util/create-rule';
import { byLanguage } from '../util/language';
import { routeFindingListeners } from './laravel/route-finding-listeners';

type MessageIds = 'noSessionOnRoute' | 'wrapInHasSession';

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
      wrapInHasSession: 'Wrap the session calls in if ({{check}}) { … }',
    },
  },
  defaultOptions: [],
  create(context) {
    return byLanguage(context, {
      php: (sourceCode) =>
        routeFindingListeners(context, sourceCode, 'sessionRequiresSession', (finding) => {
          const check = `${finding.handler.requestVariable ? `$${finding.handler.requestVariable}` : 'request()'}->hasSession()`;
          const edit = wrapEdit(sourceCode, finding, check);
          context.report({
            loc: sourceCode.getReportLoc(finding.fact.node),
            messageId: 'noSessionOnRoute',
            data: { where: routeDescription(finding.project, finding.route, finding.via), session: finding.route!.sessionExplanation, check },
            suggest: edit ? [{ messageId: 'wrapInHasSession', data: { check }, fix: (fixer) => fixer.replaceTextRange(edit.range, edit.text) }] : [],
          });
        }),
    });
  },
});

/** Wraps the run of consecutive statements, starting at the reported one, that make unguarded session calls. */
function wrapEdit(sourceCode: PhpSourceCode, finding: RouteFinding<SessionCallFact>, check: string): TextEdit | undefined {
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
  return { range, text: `if (${check}) {${eol}${body}${eol}${indent}}` };
}
