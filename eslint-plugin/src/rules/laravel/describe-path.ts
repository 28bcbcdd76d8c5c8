import type { PhpNode } from '../../languages/php/php-ast';
import type { LogoutVerdict } from '../../evaluate/logout-verdicts';

/** The call path a helper's logout fails on (SPEC §2.3): its first call site names the incomplete caller. */
type ViaCaller = { via?: { chain: readonly { caller: string; where: string }[] } };

/**
 * " on the path that returns at line 14" when only some paths miss the call; "" when all do;
 * for a helper, " when AuthController::logout() calls it (app/…/AuthController.php:21)" first.
 */
export function describePath(verdict: LogoutVerdict<PhpNode> & ViaCaller): string {
  const site = verdict.via?.chain[0];
  const caller = site ? ` when ${site.caller} calls it (${site.where})` : '';
  return caller + pathWithin(verdict);
}

function pathWithin(verdict: LogoutVerdict<PhpNode>): string {
  if (verdict.onEveryPath) return '';
  const { end, exitNode } = verdict.failingPath;
  const line = exitNode?.loc.start.line;
  if (end === 'return' && line) return ` on the path that returns at line ${line}`;
  if (end === 'throw' && line) return ` on the path that throws at line ${line}`;
  return ' on the path that reaches the end of the handler';
}
