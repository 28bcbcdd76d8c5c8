import type { PhpSourceCode } from '../languages/php/php-source-code';
import type { LogoutGuardFinding } from '../analysis/laravel/route-findings';
import { enclosingStatement, insertStatementsAfter, type TextEdit } from '../fixes/php/php-edits';
import { createRule } from '../util/create-rule';
import { byLanguage, type LaravelAnalysis } from '../util/language';

type MessageIds = 'noLogoutOnGuard' | 'nameSessionGuard' | 'nameSessionGuardAndForget' | 'vendorNoLogoutOnGuard';

/**
 * An unqualified logout (`Auth::logout()`, `auth()->logout()`, `$this->guard()->logout()`)
 * goes to the default guard, which the route's auth middleware switched to a guard without
 * logout() (Sanctum's RequestGuard, Passport's TokenGuard): the call throws.
 */
export default createRule<[], MessageIds>({
  name: 'logout-guard',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require logout to name the session guard on routes authenticated by a token-capable guard (sanctum, passport, token)',
      recommended: 'error',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      noLogoutOnGuard:
        "Logout on the {{guard}} guard throws (no logout()): log out of the '{{sessionGuard}}' guard instead. {{where}}: the {{guard}} guard (driver {{driver}}) has no logout(), so this call throws BadMethodCallException (\"{{guardClass}}::logout does not exist\"), the request ends with a 500 and nobody is logged out. Name the session guard: {{replacement}}.",
      vendorNoLogoutOnGuard:
        "Routed logout throws on the {{guard}} guard: {{fix}}. {{where}}: the route runs {{action}} (vendor code), which logs out of {{guardSource}}; the {{guard}} guard (driver {{driver}}) has no logout(), so the request ends with a 500 and nobody is logged out. {{alternative}}",
      nameSessionGuard: 'Use {{replacement}}',
      nameSessionGuardAndForget: 'Use {{replacement}} and forgetUser()',
    },
  },
  defaultOptions: [],
  create(context) {
    return byLanguage(context, {
      php: (sourceCode, laravel) => {
        // A vendor action (laravel/ui, Fortify) has no app line: reported at the route, without a fix (SPEC §2.3).
        const vendor = laravel.routeFindingListeners(context, sourceCode, 'vendorLogoutGuard', (finding) =>
          context.report({
            loc: sourceCode.getReportLoc(finding.fact.node),
            messageId: 'vendorNoLogoutOnGuard',
            data: {
              action: finding.action,
              fix: finding.action.startsWith('Fortify') ? `set 'guard' => '${finding.project.settings.sessionGuardName}' in config/fortify.php` : `make guard() return Auth::guard('${finding.project.settings.sessionGuardName}')`,
              guard: finding.effect.guard ?? 'default',
              driver: finding.effect.driver ?? 'unknown',
              guardSource: finding.guardSource,
              where: `${laravel.routeDescription(finding.project, finding.route)}: ${finding.route.effectiveGuard.explanation}`,
              sessionGuard: finding.project.settings.sessionGuardName,
              // Fortify's StatefulGuard is bound to config('fortify.guard'): the route's middleware does not change it.
              alternative: finding.action.startsWith('Fortify')
                ? "Fortify logs out of its configured guard whatever the route's middleware."
                : `Changing the route's auth middleware to auth:${finding.project.settings.sessionGuardName} also fixes it.`,
            },
          }),
        );
        const own = laravel.routeFindingListeners(context, sourceCode, 'logoutGuard', (finding) => {
          const sessionGuard = finding.project.settings.sessionGuardName;
          const fix = renderFix(laravel, sourceCode, finding, sessionGuard);
          context.report({
            loc: sourceCode.getReportLoc(finding.fact.node),
            messageId: 'noLogoutOnGuard',
            data: {
              guard: finding.effect.guard ?? 'default',
              driver: finding.effect.driver ?? 'unknown',
              where: whereText(laravel, finding),
              guardClass: finding.effect.driver === 'passport' || finding.effect.driver === 'token' ? 'TokenGuard' : 'RequestGuard',
              replacement: fix.replacement,
              sessionGuard,
            },
            suggest: [
              {
                messageId: fix.forgets ? 'nameSessionGuardAndForget' : 'nameSessionGuard',
                data: { replacement: fix.replacement, guard: fix.forgets ?? '' },
                fix: (fixer) => fix.edits.map((e) => fixer.replaceTextRange(e.range, e.text)),
              },
            ],
          });
        });
        return {
          'program:exit'(node) {
            own['program:exit']?.(node);
            vendor['program:exit']?.(node);
          },
        };
      },
    });
  },
});

function whereText({ routeDescription }: LaravelAnalysis, finding: LogoutGuardFinding): string {
  const { route, project } = finding;
  if (route && finding.hybrid) {
    return `${routeDescription(project, route, finding.via)} serves cookie and token clients: the app mints personal access tokens (${finding.hybrid.mintedAt}) and token clients are authenticated by the ${finding.hybrid.tokenGuard} guard, which becomes the default guard for their requests`;
  }
  if (!route) return routeDescription(project, undefined, finding.via);
  return `${routeDescription(project, route, finding.via)}: ${route.effectiveGuard.explanation}`;
}

/**
 * `auth()->logout()` → `auth('web')->logout()`; every other form → `Auth::guard('web')->logout()` (+ import).
 * Once the logout reaches the session guard, the token-capable guard still holds the user
 * (forget-request-guard-user): the same fix forgets it, so one quick fix leaves no follow-up finding.
 */
function renderFix(laravel: LaravelAnalysis, sourceCode: PhpSourceCode, finding: LogoutGuardFinding, guard: string): { replacement: string; edits: TextEdit[]; forgets?: string } {
  const fix = renderGuardFix(laravel, sourceCode, finding, guard);
  const forget = laravel.guardToForget(finding.handler, finding.route, finding.project.settings);
  const anchor = forget ? enclosingStatement(sourceCode, finding.fact.node) : undefined;
  if (!forget || anchor?.kind !== 'expressionstatement') return fix;
  // Same form as the logout it follows; the guard fix already added the Auth import when it needed one.
  const forgetCall = fix.replacement.startsWith('auth(') ? `auth('${forget}')->forgetUser();` : `${laravel.authFacade(sourceCode).facade}::guard('${forget}')->forgetUser();`;
  return { replacement: fix.replacement, edits: [...fix.edits, insertStatementsAfter(sourceCode, anchor, [forgetCall])], forgets: forget };
}

function renderGuardFix({ authFacade }: LaravelAnalysis, sourceCode: PhpSourceCode, finding: LogoutGuardFinding, guard: string): { replacement: string; edits: TextEdit[] } {
  const call = finding.fact.node;
  const method = finding.fact.detail.method === 'logoutcurrentdevice' ? 'logoutCurrentDevice' : 'logout';
  // php-parser's call location can run to the statement's `;`: end at the closing parenthesis.
  const end = sourceCode.text.lastIndexOf(')', call.loc.end.offset - 1) + 1;
  const range: [number, number] = [call.loc.start.offset, end];
  if (finding.fact.detail.form === 'helper') {
    const replacement = `auth('${guard}')->${method}()`;
    return { replacement, edits: [{ range, text: replacement }] };
  }
  const { facade, importEdit } = authFacade(sourceCode);
  const replacement = `${facade}::guard('${guard}')->${method}()`;
  return { replacement, edits: importEdit ? [importEdit, { range, text: replacement }] : [{ range, text: replacement }] };
}
