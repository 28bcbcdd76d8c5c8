import type { PhpSourceCode } from '../languages/php/php-source-code';
import { routeDescription, type LogoutGuardFinding } from '../analysis/laravel/route-findings';
import type { TextEdit } from '../fixes/php/php-edits';
import { authFacade } from './laravel/auth-facade';
import { createRule } from '../util/create-rule';
import { byLanguage } from '../util/language';
import { routeFindingListeners } from './laravel/route-finding-listeners';

type MessageIds = 'noLogoutOnGuard' | 'nameSessionGuard';

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
        "This logout goes to the {{guard}} guard (driver {{driver}}), which has no logout(): {{where}}. It throws BadMethodCallException (\"{{guardClass}}::logout does not exist\"), the request ends with a 500 and nobody is logged out. Name the session guard: {{replacement}}.",
      nameSessionGuard: 'Use {{replacement}}',
    },
  },
  defaultOptions: [],
  create(context) {
    return byLanguage(context, {
      php: (sourceCode) =>
        routeFindingListeners(context, sourceCode, 'logoutGuard', (finding) => {
          const sessionGuard = finding.project.settings.sessionGuardName;
          const fix = renderFix(sourceCode, finding, sessionGuard);
          context.report({
            loc: sourceCode.getReportLoc(finding.fact.node),
            messageId: 'noLogoutOnGuard',
            data: {
              guard: finding.effect.guard ?? 'default',
              driver: finding.effect.driver ?? 'unknown',
              where: whereText(finding),
              guardClass: finding.effect.driver === 'passport' || finding.effect.driver === 'token' ? 'TokenGuard' : 'RequestGuard',
              replacement: fix.replacement,
            },
            suggest: [{ messageId: 'nameSessionGuard', data: { replacement: fix.replacement }, fix: (fixer) => fix.edits.map((e) => fixer.replaceTextRange(e.range, e.text)) }],
          });
        }),
    });
  },
});

function whereText(finding: LogoutGuardFinding): string {
  const { route, project } = finding;
  if (!route) return routeDescription(project, undefined);
  return `${routeDescription(project, route)}: ${route.effectiveGuard.explanation}`;
}

/** `auth()->logout()` → `auth('web')->logout()`; every other form → `Auth::guard('web')->logout()` (+ import). */
function renderFix(sourceCode: PhpSourceCode, finding: LogoutGuardFinding, guard: string): { replacement: string; edits: TextEdit[] } {
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
