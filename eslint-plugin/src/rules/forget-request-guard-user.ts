import * as path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import type { PhpSourceCode } from '../languages/php/php-source-code';
import type { ForgetUserFinding } from '../analysis/laravel/route-findings';
import { enclosingStatement, insertStatementsAfter, insertStatementsBefore, type TextEdit } from '../fixes/php/php-edits';
import { createRule } from '../util/create-rule';
import { byLanguage, type LaravelAnalysis } from '../util/language';

type MessageIds = 'staleRequestGuardUser' | 'addForgetUser' | 'useSessionGuardMiddleware';

/**
 * Under `auth:sanctum` (or any token-capable guard chosen by the auth middleware) the
 * request's default guard caches the user; logging out the session guard does not clear it,
 * so the database session handler writes the logged-out user's id into the new session row.
 */
export default createRule<[], MessageIds>({
  name: 'forget-request-guard-user',
  meta: {
    type: 'problem',
    docs: {
      description: "Require forgetting the token-capable guard's cached user after a session logout (stale sessions.user_id)",
      recommended: 'warn',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      staleRequestGuardUser:
        "The {{guard}} guard still holds the user after this logout: {{fix}}. This logout ends the session login, but {{where}}: the {{guard}} guard (driver {{driver}}) authenticated the request and keeps the user cached. With the {{sessionDriver}} session driver{{driverSource}}, the new session row is written with the logged-out user's user_id (session lists, \"log out other devices\" and audits are wrong), and Auth::user() / $request->user() still return the user for the rest of the request.{{remedy}}",
      addForgetUser: 'Add {{statement}} after the logout',
      useSessionGuardMiddleware: 'Change {{from}} (line {{line}}) to auth:{{guard}}',
    },
  },
  defaultOptions: [],
  create(context) {
    return byLanguage(context, {
      php: (sourceCode, laravel) =>
        laravel.routeFindingListeners(context, sourceCode, 'forgetRequestGuardUser', (finding) => {
          const { settings } = finding.project;
          const guard = finding.route.effectiveGuard;
          const forget = finding.forgetUserAvailable !== false ? forgetUserEdits(laravel, sourceCode, finding) : undefined;
          const routeEdit = sameFileRouteEdit(sourceCode, finding, context.filename);
          const suggest = [
            ...(forget ? [{ messageId: 'addForgetUser' as const, data: { statement: forget.statement }, fix: (fixer: Fixer) => forget.edits.map((e) => fixer.replaceTextRange(e.range, e.text)) }] : []),
            ...(routeEdit ? [{ messageId: 'useSessionGuardMiddleware' as const, data: { from: routeEdit.from, line: String(routeEdit.line), guard: settings.sessionGuardName }, fix: (fixer: Fixer) => fixer.replaceTextRange(routeEdit.range, routeEdit.text) }] : []),
          ];
          context.report({
            loc: sourceCode.getReportLoc(finding.fact.node),
            messageId: 'staleRequestGuardUser',
            data: {
              where: `${laravel.routeDescription(finding.project, finding.route, finding.via)}: ${guard.explanation}`,
              guard: guard.name ?? 'unknown',
              driver: guard.driver ?? 'unknown',
              sessionDriver: settings.sessionDriver.value ?? 'database',
              driverSource: settings.sessionDriver.value === undefined ? ` (assumed: the driver could not be determined from ${settings.sessionDriver.source})` : `, set by ${settings.sessionDriver.source}`,
              remedy: remedyText(laravel, finding, forget?.statement),
              fix: finding.forgetUserAvailable === false ? `protect the route with auth:${settings.sessionGuardName}` : 'call forgetUser() on it after the logout',
            },
            suggest,
          });
        }),
    });
  },
});

type Fixer = TSESLint.RuleFixer;

function remedyText({ relative }: LaravelAnalysis, finding: ForgetUserFinding, statement: string | undefined): string {
  const { settings, root } = finding.project;
  const version = settings.frameworkVersion.value;
  const at = finding.route.effectiveGuard.middleware?.declaredAt;
  const move = at?.file ? ` or change ${at.name} at ${relative(root, at.file)}:${at.line} to auth:${settings.sessionGuardName}` : ` or protect the route with auth:${settings.sessionGuardName}`;
  if (finding.forgetUserAvailable === false) {
    return ` laravel/framework ${version} (${settings.frameworkVersion.source}) has no forgetUser() (added in 9.44.0): protect the logout route with auth:${settings.sessionGuardName} instead${at?.file ? ` (${at.name} at ${relative(root, at.file)}:${at.line})` : ''}.`;
  }
  const assumption = version === undefined ? ` (laravel/framework version unknown, ${settings.frameworkVersion.source}: forgetUser() needs 9.44.0 or later)` : '';
  return ` Call ${statement ?? 'forgetUser()'} after the logout${assumption},${move}.`;
}

/** `Auth::guard('sanctum')->forgetUser();` right after the logout statement (+ the Auth import). */
function forgetUserEdits({ authFacade }: LaravelAnalysis, sourceCode: PhpSourceCode, finding: ForgetUserFinding): { statement: string; edits: TextEdit[] } | undefined {
  const { facade, importEdit } = authFacade(sourceCode);
  const statement = `${facade}::guard('${finding.route.effectiveGuard.name ?? 'sanctum'}')->forgetUser();`;
  const anchor = enclosingStatement(sourceCode, finding.fact.node);
  if (!anchor) return undefined;
  const insert = anchor.kind === 'expressionstatement' ? insertStatementsAfter(sourceCode, anchor, [statement]) : insertStatementsBefore(sourceCode, anchor, [statement]);
  return { statement: statement.replace(/;$/, ''), edits: importEdit ? [importEdit, insert] : [insert] };
}

/** The `auth:sanctum` literal of the route, when it is in the file being linted (an ESLint suggestion edits only this file). */
function sameFileRouteEdit(sourceCode: PhpSourceCode, finding: ForgetUserFinding, fileName: string): { range: [number, number]; text: string; from: string; line: number } | undefined {
  const at = finding.route.effectiveGuard.middleware?.declaredAt;
  if (!at?.literal || !at.file || path.resolve(at.file) !== path.resolve(fileName)) return undefined;
  const literal = sourceCode.text.slice(at.literal.start, at.literal.end);
  if (literal.slice(1, -1) !== at.name) return undefined;
  const quote = literal[0]!;
  return { range: [at.literal.start, at.literal.end], text: `${quote}auth:${finding.project.settings.sessionGuardName}${quote}`, from: at.name, line: at.line };
}
