/**
 * Prints the measured outcomes as Markdown tables (for the README's "Why" section):
 *   ORACLE_OUTCOMES=/tmp/outcomes.jsonl npx mocha oracle/tests/*.test.ts
 *   npx tsx oracle/outcome-table.ts /tmp/outcomes.jsonl
 */
import * as fs from 'node:fs';

interface Line {
  stack: 'laravel' | 'express';
  scenario: string;
  variant: 'unfixed' | 'fixed';
  outcome: Record<string, unknown>;
  applied: string[];
}

const lines = fs
  .readFileSync(process.argv[2] ?? '/dev/stdin', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Line);

const show = (value: unknown): string => (value === null || value === undefined ? '–' : String(value));

function laravelRow(line: Line): string {
  const cookie = line.outcome.cookie as Record<string, unknown> | undefined;
  const bearer = line.outcome.bearer as Record<string, unknown> | undefined;
  const logout = cookie ? `${cookie.logoutStatus}${cookie.logoutException ? ` ${String(cookie.logoutException).split(':')[0]}` : ''}` : '–';
  const cells = cookie
    ? [logout, cookie.oldRow, cookie.newUserId ?? 'NULL', cookie.oldCsrfTokenStatus, cookie.replayStatus, cookie.freshCsrfTokenStatus]
    : [logout, '–', '–', '–', '–', '–'];
  const token = bearer ? `${bearer.status}${bearer.exception ? ` ${String(bearer.exception).split(':')[0]}` : ''}, token ${bearer.tokenDeleted ? 'deleted' : 'kept'}` : '–';
  return `| ${line.scenario} | ${line.variant === 'fixed' ? `fixed: ${fixNames(line)}` : 'unfixed'} | ${cells.map(show).join(' | ')} | ${token} |`;
}

function expressRow(line: Line): string {
  const o = line.outcome;
  const cells = [o.logoutStatus, o.crash, o.followUpStatus, o.sessionDataKept, o.oldRow, o.replayStatus, o.replayAfterReloginStatus];
  return `| ${line.scenario} | ${line.variant === 'fixed' ? `fixed: ${fixNames(line)}` : 'unfixed'} | ${cells.map(show).join(' | ')} |`;
}

function fixNames(line: Line): string {
  return line.applied.map((fix) => fix.slice(fix.indexOf('"'))).join(' + ');
}

console.log('| scenario | handler | logout | (a) old row | (b) new user_id | (c) old CSRF token | (d) replay old cookie | (e) fresh XSRF token | bearer client |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const line of lines.filter((l) => l.stack === 'laravel')) console.log(laravelRow(line));
console.log('');
console.log('| scenario | handler | logout | crash | next request | session data kept | old store row | replay old cookie | replay after re-login |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const line of lines.filter((l) => l.stack === 'express')) console.log(expressRow(line));
