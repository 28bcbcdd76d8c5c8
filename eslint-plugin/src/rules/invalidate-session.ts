import type { PhpNode } from '../languages/php/php-ast';
import type { PhpSourceCode } from '../languages/php/php-source-code';
import type { LogoutVerdict } from '../evaluate/logout-verdicts';
import type { LaravelHandler } from '../facts/laravel/file-facts';
import { enclosingStatement, insertStatementsAfter, insertStatementsBefore, type TextEdit } from '../fixes/php/php-edits';
import { sessionAccessor } from '../fixes/php/session-calls';
import { createRule } from '../util/create-rule';
import { byLanguage, type LaravelAnalysis } from '../util/language';
import { describePath } from './laravel/describe-path';
import { onRoute } from './laravel/route-label';
import type { HandlerRouteContext } from '../analysis/laravel/route-context';

type MessageIds =
  | 'notInvalidated'
  | 'vendorCsrfNotRotated'
  | 'csrfNotRotated'
  | 'migrateKeepsCsrf'
  | 'addInvalidation'
  | 'addRegenerateToken'
  | JsMessageIds;

/** Messages of the JS/TS half (facts/node): passport < 0.6, express-session, cookie-session, AdonisJS. */
type JsMessageIds =
  | 'jsPassportNotInvalidated'
  | 'jsKoaPassportNotInvalidated'
  | 'jsCookieSessionNotCleared'
  | 'jsSessionUnsetKeeps'
  | 'jsAdonisNotInvalidated'
  | 'jsAdonisDataKept'
  | 'jsAdonisTokenOnly'
  | 'jsAddRegenerate'
  | 'jsAddDestroy'
  | 'jsSetSessionNull'
  | 'jsUseDestroy'
  | 'jsAddAdonisCalls'
  | 'jsAddAdonisSessionLogout';

/**
 * A logout must end the server-side session, not only the login in it: invalidate the
 * session (old record destroyed, new id) and rotate the CSRF token, on every path.
 */
export default createRule<[], MessageIds>({
  name: 'invalidate-session',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a logout to invalidate the session and rotate the CSRF token on every path',
      recommended: 'error',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      notInvalidated:
        'Logout{{on}} keeps the session: add invalidate() + regenerateToken(). This logout leaves the session alive{{path}}: the old session id keeps working, the CSRF token stays valid and flash and other session data are kept.{{route}}',
      csrfNotRotated:
        'Logout{{on}} keeps the CSRF token: add regenerateToken(). The session is invalidated{{path}}, but the CSRF token is not regenerated: the front end holds no valid token until it fetches a new one, so its next POST fails with 419.{{route}}',
      migrateKeepsCsrf:
        'Logout{{on}} keeps the CSRF token: add regenerateToken(). migrate(true) gives the session a new id{{path}}, but the CSRF token of the logged-out session stays valid.{{route}}',
      vendorCsrfNotRotated:
        'Routed logout keeps the CSRF token: override logout() and add regenerateToken(). {{where}} runs {{action}}, the framework\'s own AuthenticatesUsers::logout() (vendor code, before laravel/ui), which invalidates the session but never regenerates the CSRF token.',
      addInvalidation: 'Add {{calls}} after the logout',
      addRegenerateToken: 'Add {{calls}}',
      jsPassportNotInvalidated:
        'Old session survives {{receiver}}.{{method}}() (passport < 0.6): regenerate or destroy the session after it. With {{passport}} (CVE-2022-25896), the logout only removes the user from the session{{path}}: the session id and the server-side session record survive, so the old session cookie keeps its session. Upgrading passport to 0.6 or later also fixes it.',
      jsKoaPassportNotInvalidated:
        'Old session survives {{receiver}}.{{method}}() (koa-passport < 6): set {{receiver}}.session = null after it. With {{lib}}, which wraps passport < 0.6 (CVE-2022-25896), the logout only removes the user from the session{{path}}: the session id and the session record survive, so the old session cookie keeps its session. Upgrading koa-passport to 6 or later also fixes it.',
      jsCookieSessionNotCleared:
        'Cookie session survives {{receiver}}.{{method}}(): set {{receiver}}.session = null to end it. With cookie-session, the logout leaves the signed session cookie and all its other data in place{{path}}.',
      jsSessionUnsetKeeps:
        "`{{expression}}` leaves the session in the store: call {{receiver}}.session.destroy(callback). Under express-session's default unset: 'keep', it does not touch the session store{{path}}: the session record, login included, survives and the old session cookie keeps working.",
      jsAdonisNotInvalidated:
        "Session id and data survive this logout: call {{calls}} after it. auth.use('{{guard}}').logout() only forgets the login key{{path}}: the session id, flash data, the CSRF secret and all other session data survive ({{auth}}).",
      jsAdonisDataKept:
        'Session data survives this logout: call session.clear() as well. The session id is regenerated after the logout{{path}}, but all session data (flash messages, CSRF secret, application keys) moves into the new session.',
      jsAdonisTokenOnly:
        "Cookie logins survive this token-only logout: also log out of the '{{sessionGuard}}' session guard. This route authenticates with the guards [{{guards}}], but the handler only deletes the access token: a user who came in through the '{{sessionGuard}}' session cookie is never logged out, and that session stays valid.",
      jsAddRegenerate: 'Regenerate the session after {{receiver}}.{{method}}() and respond in its callback',
      jsAddDestroy: 'Destroy the session after {{receiver}}.{{method}}() and respond in its callback',
      jsSetSessionNull: 'Set {{receiver}}.session = null after the logout',
      jsUseDestroy: 'Use {{receiver}}.session.destroy() and respond in its callback',
      jsAddAdonisCalls: 'Add {{calls}} after the logout',
      jsAddAdonisSessionLogout: "Log out of the '{{sessionGuard}}' session guard when the request came through it",
    },
  },
  defaultOptions: [],
  create(context) {
    return byLanguage(context, {
      php: (sourceCode, laravel) => ({
        'program:exit'(node) {
          // laravel/framework 5.x's own logout(): no app line, reported at the route (SPEC §2.3).
          laravel.routeFindingListeners(context, sourceCode, 'vendorCsrfNotRotated', (finding) =>
            context.report({ loc: sourceCode.getReportLoc(finding.fact.node), messageId: 'vendorCsrfNotRotated', data: { action: finding.action, where: laravel.routeDescription(finding.project, finding.route) } }),
          )['program:exit']?.(node);
          const reported = new Set<PhpNode>();
          const { program, settings } = laravel.analysedProgram(context, sourceCode);
          for (const { handler, verdicts, context: routeContext } of laravel.laravelLogoutVerdicts(program, context.filename, settings)) {
            for (const verdict of verdicts) {
              if (verdict.problem === 'replayable' || reported.has(verdict.logout.node)) continue;
              reported.add(verdict.logout.node);
              const messageId = verdict.problem === 'not-invalidated' ? 'notInvalidated' : isMigrate(verdict) ? 'migrateKeepsCsrf' : 'csrfNotRotated';
              const fix = renderFix(sourceCode, handler, verdict);
              context.report({
                loc: sourceCode.getReportLoc(verdict.logout.node),
                messageId,
                data: { path: describePath(verdict), on: onRoute(routeContext.routes), route: routeEvidence(laravel, routeContext) },
                suggest: fix ? [{ messageId: fix.messageId, data: { calls: fix.calls }, fix: (fixer) => fixer.replaceTextRange(fix.edit.range, fix.edit.text) }] : [],
              });
            }
          }
        },
      }),
      js: ({ jsFindingListeners }) => jsFindingListeners(context, (found) => found.invalidateSession),
    });
  },
});

/** " Route: POST /logout (routes/web.php:7)." — the evidence names where the handler is reached. */
function routeEvidence(laravel: LaravelAnalysis, { project, routes }: HandlerRouteContext): string {
  if (!project || routes.length === 0) return '';
  return ` Route: ${routes.map((route) => laravel.routeDescription(project, route)).join(', ')}.`;
}

function isMigrate(verdict: LogoutVerdict<PhpNode>): boolean {
  const destroyedBy = verdict.failingPath.state.destroyedBy?.node as PhpNode | undefined;
  return !!destroyedBy && methodNameOf(destroyedBy) === 'migrate';
}

function methodNameOf(call: PhpNode): string | undefined {
  const what = call['what'] as PhpNode | undefined;
  const offset = what?.['offset'] as PhpNode | undefined;
  return typeof offset?.['name'] === 'string' ? (offset['name'] as string).toLowerCase() : undefined;
}

/**
 * Inserts the missing calls as statements right after the logout (before it when the logout
 * is part of a `return`), which covers every path that runs the logout. None where statements
 * cannot go (an arrow function body).
 */
function renderFix(sourceCode: PhpSourceCode, handler: LaravelHandler, verdict: LogoutVerdict<PhpNode>): { messageId: MessageIds; calls: string; edit: TextEdit } | undefined {
  const call = sessionAccessor(sourceCode, handler);
  // A handler that already rotates the token only misses invalidate(); never write a call twice.
  const statements = [
    ...(verdict.missingInvalidation ? [`${call('invalidate')};`] : []),
    ...(verdict.missingCsrfRotation || !verdict.missingInvalidation ? [`${call('regenerateToken')};`] : []),
  ];
  const calls = statements.map((s) => s.replace(/;$/, '')).join(' and ');
  const messageId = verdict.missingInvalidation ? 'addInvalidation' : 'addRegenerateToken';
  // With invalidate() already present, the new token must come after it (invalidate() empties the session).
  const anchorNode = !verdict.missingInvalidation && verdict.failingPath.state.destroyedBy ? (verdict.failingPath.state.destroyedBy.node as PhpNode) : verdict.logout.node;
  const anchor = enclosingStatement(sourceCode, anchorNode);
  if (!anchor) return undefined;
  const edit = anchor.kind === 'expressionstatement' ? insertStatementsAfter(sourceCode, anchor, statements) : insertStatementsBefore(sourceCode, anchor, statements);
  return { messageId, calls, edit };
}
