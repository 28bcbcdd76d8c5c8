import type { PhpNode } from '../../languages/php/php-ast';
import type { LogoutVerdict } from '../../evaluate/logout-verdicts';

/** " on the path that returns at line 14" when only some paths miss the call; "" when all do. */
export function describePath(verdict: LogoutVerdict<PhpNode>): string {
  if (verdict.onEveryPath) return '';
  const { end, exitNode } = verdict.failingPath;
  const line = exitNode?.loc.start.line;
  if (end === 'return' && line) return ` on the path that returns at line ${line}`;
  if (end === 'throw' && line) return ` on the path that throws at line ${line}`;
  return ' on the path that reaches the end of the handler';
}
