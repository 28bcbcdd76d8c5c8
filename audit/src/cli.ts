/**
 * secure-logout-audit [--project <laravel-app>] [--database <url>] [--table t] [--lifetime min]
 *                     [--max-sessions n] [--json]
 * Exit code: 0 no findings, 1 findings, 2 the audit could not run (one line on stderr).
 */
import { parseArgs } from 'node:util';
import { maskUrl } from './connection';
import { AuditError } from './errors';
import { runAudit, type AuditRequest } from './index';
import { formatHumanReport, toJsonReport } from './report';

const USAGE = `usage: secure-logout-audit [--project <laravel-app-dir>] [--database <url>] [options]

Reads a Laravel app's sessions table (read-only) and reports rows whose user_id outlived the login.

  --project <dir>       Laravel app: connection, table, lifetime, APP_KEY from .env and config/*.php
  --database <url>      sqlite:<path>, postgres://user:pass@host:port/db or mysql://… (overrides the app's)
  --table <name>        sessions table (default: config/session.php, else "sessions")
  --lifetime <minutes>  session lifetime for "expired" (default: config/session.php, else 120)
  --max-sessions <n>    report users with more authenticated rows than this (default 5)
  --json                machine-readable report on stdout
  --help                this text

Exit code: 0 clean, 1 findings, 2 error.
`;

/** Rows from which a progress bar is worth drawing. */
const PROGRESS_FROM_ROWS = 50_000;

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) <= 0) throw new AuditError(`--${name} expects a positive whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** A one-line bar redrawn at most ten times a second on stderr; only on a terminal. */
function progressBar(stream: CliIo['stderr']): Pick<AuditRequest, 'onStart' | 'onRow' | 'countRows'> & { done(): void } {
  let total = 0;
  let lastDraw = 0;
  let drawn = false;
  const draw = (rows: number) => {
    const width = 30;
    const filled = total ? Math.min(width, Math.round((rows / total) * width)) : 0;
    stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${rows}/${total} rows`);
    drawn = true;
  };
  return {
    countRows: true,
    onStart: (rows) => {
      total = rows;
    },
    onRow: (rows) => {
      if (total < PROGRESS_FROM_ROWS) return;
      const now = Date.now();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      draw(rows);
    },
    done: () => {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let json = false;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        project: { type: 'string' },
        database: { type: 'string' },
        table: { type: 'string' },
        lifetime: { type: 'string' },
        'max-sessions': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    json = values.json === true;
    const progress = !json && io.stderr.isTTY ? progressBar(io.stderr) : undefined;
    const { result, context } = await runAudit({
      project: values.project,
      database: values.database,
      table: values.table,
      lifetimeMinutes: positiveInteger('lifetime', values.lifetime),
      maxSessions: positiveInteger('max-sessions', values['max-sessions']),
      ...progress,
    });
    progress?.done();
    for (const warning of context.configWarnings) io.stderr.write(`secure-logout-audit: warning: ${warning}\n`);
    io.stdout.write(json ? `${JSON.stringify(toJsonReport(result, context), null, 2)}\n` : formatHumanReport(result, context));
    return result.findings.length > 0 || Object.values(result.counts).some((count) => count > 0) ? 1 : 0;
  } catch (error) {
    io.stderr.write(`secure-logout-audit: ${describeError(error)}\n`);
    return 2;
  }
}

function describeError(error: unknown): string {
  if (error instanceof AuditError) return maskUrl(error.message);
  const code = (error as { code?: string }).code;
  // parseArgs reports unknown or malformed options with these codes.
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return `${(error as Error).message} (see --help)`;
  const message = error instanceof Error ? error.message : String(error);
  return `unexpected error: ${maskUrl(message.split('\n')[0] ?? '')}`;
}
