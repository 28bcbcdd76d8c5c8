/** The two outputs: a table for people and `--json` for machines. */
import type { AuditResult, Finding, FindingKind } from './audit';
import { SESSION_ID_PREFIX_LENGTH } from './audit';

export interface ReportContext {
  /** Connection as printed (password masked). */
  database: string;
  table: string;
  lifetimeMinutes: number;
  maxSessions: number;
  /** Payloads were encrypted and no APP_KEY was given. */
  encryptedWithoutKey: boolean;
  /** The app's config files that could not be read, one line each (the framework defaults stood in). */
  configWarnings: string[];
}

export interface JsonReport {
  table: string;
  database: string;
  rows: number;
  totals: AuditResult['totals'];
  counts: AuditResult['counts'];
  /** Some kinds had more findings than were listed. */
  truncated: boolean;
  lifetimeMinutes: number;
  maxSessions: number;
  undecodable: AuditResult['undecodableSamples'];
  /** Payloads were encrypted and no APP_KEY was given: stale-user-id could not be checked. */
  encryptedWithoutKey: boolean;
  /** The app's config files that could not be read (the framework defaults stood in for them). */
  configWarnings: string[];
  /** What each reported kind means and which rule fixes it (kinds with findings only). */
  explanations: Partial<Record<FindingKind, string>>;
  findings: Finding[];
}

export const KIND_ORDER: FindingKind[] = ['stale-user-id', 'expired', 'too-many-sessions'];

export function explainKind(kind: FindingKind, context: Pick<ReportContext, 'lifetimeMinutes' | 'maxSessions'>): string {
  switch (kind) {
    case 'stale-user-id':
      return (
        'user_id is set but the payload holds no login: a logout left the user id on the session row the client now holds. ' +
        'Sessions lists, "log out other devices" and audits count a user who logged out. Typical causes: a logout under auth:sanctum ' +
        "without Auth::guard('sanctum')->forgetUser() (rule secure-logout/forget-request-guard-user), or flush() + regenerate() " +
        'instead of invalidate() + regenerateToken() (rule secure-logout/no-replayable-session). Run the ESLint plugin on the app to find the handler.'
      );
    case 'expired':
      return (
        `authenticated rows idle for longer than the session lifetime (${context.lifetimeMinutes} min): session garbage collection ` +
        '(session.lottery) is not deleting them, so they keep user ids around and count as active sessions.'
      );
    case 'too-many-sessions':
      return `users with more than ${context.maxSessions} rows that carry their user_id (stale rows, sessions never ended, or a shared account).`;
  }
}

export function toJsonReport(result: AuditResult, context: ReportContext): JsonReport {
  return {
    table: context.table,
    database: context.database,
    rows: result.totals.rows,
    totals: result.totals,
    counts: result.counts,
    truncated: result.findings.length < Object.values(result.counts).reduce((a, b) => a + b, 0),
    lifetimeMinutes: context.lifetimeMinutes,
    maxSessions: context.maxSessions,
    undecodable: result.undecodableSamples,
    encryptedWithoutKey: context.encryptedWithoutKey,
    configWarnings: context.configWarnings,
    explanations: Object.fromEntries(KIND_ORDER.filter((kind) => result.counts[kind] > 0).map((kind) => [kind, explainKind(kind, context)])),
    findings: result.findings,
  };
}

export function formatTime(unixSeconds: number | null): string {
  if (unixSeconds === null || !Number.isFinite(unixSeconds)) return '-';
  return new Date(unixSeconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `    ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Words of `text` in lines of at most `width` characters, each starting with `indent`. */
function wrap(text: string, indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** How many rows of each kind the human report lists (the JSON lists everything kept). */
const LISTED_PER_KIND = 20;

export function formatHumanReport(result: AuditResult, context: ReportContext): string {
  const { totals } = result;
  const lines: string[] = [];
  lines.push(`Session audit: table ${context.table} on ${context.database}`);
  const formats = [
    totals.payloadFormats.php ? `${totals.payloadFormats.php} PHP-serialized` : '',
    totals.payloadFormats.json ? `${totals.payloadFormats.json} JSON` : '',
    totals.payloadFormats.encrypted ? `${totals.payloadFormats.encrypted} of them decrypted` : '',
    totals.encrypted ? `${totals.encrypted} encrypted, not read` : '',
    totals.undecodable ? `${totals.undecodable} undecodable` : '',
  ].filter(Boolean);
  lines.push(
    `  ${totals.rows} rows: ${totals.authenticated} with user_id, ${totals.guest} guest; ${totals.loggedIn} payloads hold a login` +
      (formats.length ? ` (payloads: ${formats.join(', ')})` : ''),
  );
  lines.push(`  lifetime ${context.lifetimeMinutes} min, at most ${context.maxSessions} sessions per user`);
  if (context.encryptedWithoutKey) {
    lines.push(...wrap('payloads are encrypted (SESSION_ENCRYPT) and no APP_KEY was found: stale-user-id cannot be checked; only the columns are audited.', '  '));
  }
  for (const sample of result.undecodableSamples) lines.push(`  undecodable payload in ${sample.id}: ${sample.reason}`);

  for (const kind of KIND_ORDER) {
    const count = result.counts[kind];
    lines.push('');
    lines.push(`${kind}: ${count === 0 ? 'none' : `${count} ${kind === 'too-many-sessions' ? 'user(s)' : 'row(s)'}`}`);
    if (count === 0) continue;
    lines.push(...wrap(explainKind(kind, context), '  '));
    const listed = result.findings.filter((finding) => finding.kind === kind).slice(0, LISTED_PER_KIND);
    if (kind === 'too-many-sessions') {
      lines.push(...table(['user_id', 'sessions', 'last activity'], listed.map((f) => [f.userId, String(f.sessions ?? ''), formatTime(f.lastActivity)])));
    } else {
      lines.push(...table(['session', 'user_id', 'last activity'], listed.map((f) => [f.id ?? '', f.userId, formatTime(f.lastActivity)])));
    }
    if (count > listed.length) lines.push(`    … and ${count - listed.length} more (--json lists them)`);
  }
  const total = KIND_ORDER.reduce((sum, kind) => sum + result.counts[kind], 0);
  lines.push('');
  lines.push(
    `${total === 0 ? 'No findings' : `${total} finding(s)`}. Session ids are shown as their first ${SESSION_ID_PREFIX_LENGTH} characters: a whole id is a credential.`,
  );
  return `${lines.join('\n')}\n`;
}
