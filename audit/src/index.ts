/**
 * secure-logout-audit as a library: resolve where the sessions live, stream them once, return the
 * findings. The CLI (cli.ts) adds option parsing, the progress bar and the two report formats.
 */
import { auditRows, type AuditResult } from './audit';
import { describeConnection, parseDatabaseUrl, type Connection } from './connection';
import { LaravelEncrypter } from './encrypter';
import { AuditError } from './errors';
import { readSessionStoreConfig } from './laravel-config';
import type { ReportContext } from './report';
import { openSessionSource } from './sources';

export { AuditError } from './errors';
export { auditRows, sessionIdPrefix, type AuditResult, type Finding, type FindingKind } from './audit';
export { decodePayload, type DecodedPayload } from './payload';
export { phpUnserialize, PhpUnserializeError, type PhpValue } from './php-unserialize';
export { LaravelEncrypter } from './encrypter';
export { parseDatabaseUrl, describeConnection, maskUrl, type Connection } from './connection';
export { readSessionStoreConfig, type SessionStoreConfig } from './laravel-config';
export { formatHumanReport, toJsonReport, explainKind, type JsonReport, type ReportContext } from './report';

export interface AuditRequest {
  /** Laravel app directory: connection, table, lifetime and APP_KEY come from its config. */
  project?: string;
  /** Overrides the app's connection: sqlite:<path>, postgres://…, mysql://… */
  database?: string;
  table?: string;
  lifetimeMinutes?: number;
  maxSessions?: number;
  maxFindingsPerKind?: number;
  now?: number;
  env?: NodeJS.ProcessEnv;
  /** Called with the table's row count before reading (progress bars). */
  onStart?: (totalRows: number) => void;
  onRow?: (rowsSoFar: number) => void;
  /** Whether to count the rows first (one COUNT(*)) for onStart. */
  countRows?: boolean;
}

export interface AuditOutcome {
  result: AuditResult;
  context: ReportContext;
}

interface Plan {
  connection: Connection;
  table: string;
  lifetimeMinutes: number;
  encrypter: LaravelEncrypter | undefined;
  warnings: string[];
}

function plan(request: AuditRequest): Plan {
  if (!request.project && !request.database) throw new AuditError('nothing to audit: pass --project <laravel-app-dir> or --database <url>');
  const config = request.project ? readSessionStoreConfig(request.project, request.env ?? process.env) : undefined;
  if (config && !request.database && config.driver !== 'database') {
    throw new AuditError(`the app's session driver is ${JSON.stringify(config.driver ?? 'unknown')}, not database: there is no sessions table to audit (pass --database to audit one anyway)`);
  }
  // Without --project, APP_KEY / APP_CIPHER may come from the environment; without any key,
  // encrypted payloads are counted as such and only the columns are audited.
  const env = request.env ?? process.env;
  const appKey = config ? config.appKey : env.APP_KEY;
  if (config?.encrypt && !appKey) {
    throw new AuditError('SESSION_ENCRYPT is on but APP_KEY is not set (.env or environment): the payloads cannot be decrypted');
  }
  const encrypter = appKey ? new LaravelEncrypter(appKey, config?.cipher ?? env.APP_CIPHER ?? 'AES-256-CBC', config?.previousKeys ?? []) : undefined;
  return {
    connection: request.database ? parseDatabaseUrl(request.database, request.project ?? process.cwd()) : config!.connection,
    table: request.table ?? config?.table ?? 'sessions',
    lifetimeMinutes: request.lifetimeMinutes ?? config?.lifetimeMinutes ?? 120,
    encrypter,
    warnings: config?.warnings ?? [],
  };
}

export async function runAudit(request: AuditRequest): Promise<AuditOutcome> {
  const { connection, table, lifetimeMinutes, encrypter, warnings } = plan(request);
  const maxSessions = request.maxSessions ?? 5;
  const source = await openSessionSource(connection, table);
  try {
    if (request.countRows && request.onStart) request.onStart(await source.count());
    const result = await auditRows(source.rows(), {
      encrypter,
      lifetimeMinutes,
      maxSessions,
      now: request.now ?? Math.floor(Date.now() / 1000),
      maxFindingsPerKind: request.maxFindingsPerKind ?? 10_000,
      onRow: request.onRow,
    });
    return {
      result,
      context: {
        database: describeConnection(connection),
        table,
        lifetimeMinutes,
        maxSessions,
        encryptedWithoutKey: result.totals.encrypted > 0,
        configWarnings: warnings,
      },
    };
  } finally {
    await source.close();
  }
}
