// Renders `secure-logout-audit --json` as the Markdown document the "Audit sessions" command
// opens. No vscode import: the rendering is unit-tested in plain Node.

/** The part of the CLI's --json report the editor shows (audit/src/report.ts JsonReport). */
export interface AuditJsonReport {
  table: string;
  database: string;
  rows: number;
  totals: { authenticated: number; guest: number; loggedIn: number; encrypted: number; undecodable: number };
  counts: Record<string, number>;
  truncated: boolean;
  lifetimeMinutes: number;
  maxSessions: number;
  encryptedWithoutKey: boolean;
  /** Config files the audit could not read (absent from older CLIs). */
  configWarnings?: string[];
  explanations: Record<string, string>;
  undecodable: Array<{ id: string; reason: string }>;
  findings: Array<{ kind: string; id: string | null; userId: string; lastActivity: number | null; sessions?: number }>;
}

const KINDS = ['stale-user-id', 'expired', 'too-many-sessions'];
const LISTED_PER_KIND = 50;

function time(unixSeconds: number | null): string {
  return unixSeconds === null ? '-' : new Date(unixSeconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** Markdown table cells must not break the table. */
function cell(text: string): string {
  return text.replace(/[|\\`]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

export function isAuditJsonReport(value: unknown): value is AuditJsonReport {
  const report = value as Partial<AuditJsonReport> | null;
  return !!report && typeof report.table === 'string' && typeof report.rows === 'number' && Array.isArray(report.findings) && typeof report.counts === 'object';
}

export function renderAuditReport(report: AuditJsonReport, appName: string): string {
  const lines: string[] = [];
  const total = KINDS.reduce((sum, kind) => sum + (report.counts[kind] ?? 0), 0);
  lines.push(`# Session audit: ${cell(appName)}`, '');
  lines.push(`Table \`${cell(report.table)}\` on \`${cell(report.database)}\` — ${total === 0 ? '**no findings**' : `**${total} finding(s)**`}.`, '');
  lines.push(
    `${report.rows} rows: ${report.totals.authenticated} with a user_id, ${report.totals.guest} guest, ${report.totals.loggedIn} holding a login; ` +
      `lifetime ${report.lifetimeMinutes} min, at most ${report.maxSessions} sessions per user.`,
  );
  for (const warning of report.configWarnings ?? []) lines.push('', `> ${cell(warning)}`);
  if (report.encryptedWithoutKey) lines.push('', `> ${report.totals.encrypted} payloads are encrypted and no APP_KEY was found: only the columns were audited.`);
  if (report.totals.undecodable > 0) {
    lines.push('', `> ${report.totals.undecodable} payloads are not Laravel sessions and were skipped:`);
    for (const sample of report.undecodable) lines.push(`> - \`${cell(sample.id)}\`: ${cell(sample.reason)}`);
  }
  for (const kind of KINDS) {
    const count = report.counts[kind] ?? 0;
    lines.push('', `## ${kind}: ${count === 0 ? 'none' : count}`);
    if (count === 0) continue;
    if (report.explanations[kind]) lines.push('', report.explanations[kind]!);
    const findings = report.findings.filter((finding) => finding.kind === kind).slice(0, LISTED_PER_KIND);
    lines.push('');
    if (kind === 'too-many-sessions') {
      lines.push('| user_id | sessions | last activity |', '|---|---|---|');
      for (const f of findings) lines.push(`| ${cell(f.userId)} | ${f.sessions ?? ''} | ${time(f.lastActivity)} |`);
    } else {
      lines.push('| session | user_id | last activity |', '|---|---|---|');
      for (const f of findings) lines.push(`| \`${cell(f.id ?? '')}\` | ${cell(f.userId)} | ${time(f.lastActivity)} |`);
    }
    if (count > findings.length) lines.push('', `… and ${count - findings.length} more: run \`secure-logout-audit --json\` for the full list.`);
  }
  lines.push('', '---', '', 'Session ids are shown as 8-character prefixes: a whole session id is a credential. The audit opened the database read-only.');
  return `${lines.join('\n')}\n`;
}
