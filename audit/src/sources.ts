/**
 * Streams the rows of a sessions table, read-only, from SQLite (WebAssembly SQLite opened with
 * readOnly), PostgreSQL (a cursor inside a READ ONLY transaction) or MySQL/MariaDB (a streamed
 * query inside a READ ONLY transaction). No source ever holds more than one batch of rows.
 */
import * as fs from 'node:fs';
import type { Connection, ServerConnection } from './connection';
import { describeConnection } from './connection';
import { AuditError } from './errors';

export interface SessionRow {
  id: string;
  /** As text: user ids may be bigint or uuid. */
  userId: string | null;
  payload: string | Uint8Array | null;
  lastActivity: number | null;
}

export interface SessionSource {
  /** Row count for the progress bar (one COUNT(*); only asked for when a bar is shown). */
  count(): Promise<number>;
  rows(): AsyncIterable<SessionRow>;
  close(): Promise<void>;
}

const BATCH_ROWS = 1000;
const CONNECT_TIMEOUT_MS = 10_000;
const COLUMNS = 'id, user_id, payload, last_activity';

/** `schema.table` with each part quoted; anything but plain identifiers is refused. */
export function quoteTable(table: string, quote: '"' | '`'): string {
  if (!/^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/.test(table)) {
    throw new AuditError(`--table ${JSON.stringify(table)} is not a plain table name`);
  }
  return table
    .split('.')
    .map((part) => `${quote}${part}${quote}`)
    .join('.');
}

export async function openSessionSource(connection: Connection, table: string): Promise<SessionSource> {
  if (connection.driver === 'sqlite') return openSqlite(connection.file, table);
  if (connection.driver === 'pgsql') return openPostgres(connection, table);
  return openMysql(connection, table);
}

function toRow(row: Record<string, unknown>): SessionRow {
  const userId = row.user_id;
  const lastActivity = row.last_activity;
  return {
    id: String(row.id),
    userId: userId === null || userId === undefined ? null : String(userId),
    payload: (row.payload ?? null) as string | Uint8Array | null,
    lastActivity: lastActivity === null || lastActivity === undefined ? null : Number(lastActivity),
  };
}

function missingTable(table: string, where: string): AuditError {
  return new AuditError(`table ${table} does not exist in ${where} (is SESSION_DRIVER=database? pass --table if it has another name)`);
}

async function openSqlite(file: string, table: string): Promise<SessionSource> {
  if (!fs.existsSync(file)) throw new AuditError(`the SQLite database ${file} does not exist`);
  // Drivers load on first use: a PostgreSQL audit never instantiates the SQLite WebAssembly module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Database } = require('node-sqlite3-wasm') as typeof import('node-sqlite3-wasm');
  const quoted = quoteTable(table, '"');
  let db: InstanceType<typeof Database>;
  try {
    db = new Database(file, { readOnly: true });
    // Reading the schema proves the file is a database at all.
    const exists = db.get("SELECT 1 AS found FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", [table.split('.').pop()!]);
    if (!exists) {
      db.close();
      throw missingTable(table, `sqlite:${file}`);
    }
  } catch (error) {
    if (error instanceof AuditError) throw error;
    throw new AuditError(`cannot read the SQLite database ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    async count() {
      return Number((db.get(`SELECT COUNT(*) AS n FROM ${quoted}`) as { n: number }).n);
    },
    async *rows() {
      const statement = db.prepare(`SELECT ${COLUMNS} FROM ${quoted}`);
      try {
        let sinceYield = 0;
        for (const row of statement.iterate()) {
          yield toRow(row as Record<string, unknown>);
          // Let timers (the progress bar) run now and then: SQLite reads are synchronous.
          if (++sinceYield === BATCH_ROWS * 10) {
            sinceYield = 0;
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
        }
      } catch (error) {
        throw new AuditError(`reading ${table} failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        statement.finalize();
      }
    },
    async close() {
      if (db.isOpen) db.close();
    },
  };
}

/** A query error as one line; the driver's "no such table" code becomes the missing-table message. */
function queryError(error: unknown, noSuchTableCode: string, table: string, connection: Connection): AuditError {
  if ((error as { code?: string }).code === noSuchTableCode) return missingTable(table, describeConnection(connection));
  return new AuditError(`reading ${table} failed: ${(error as Error).message}`);
}

/** One line for a driver error: what failed and where, never the password. */
function connectError(connection: Connection, error: unknown): AuditError {
  const where = describeConnection(connection);
  const err = error as { code?: string; errno?: number; message?: string };
  const code = err.code ?? '';
  if (code === 'ECONNREFUSED') return new AuditError(`cannot connect to ${where}: connection refused (is the server running?)`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new AuditError(`cannot connect to ${where}: host not found`);
  if (code === 'ETIMEDOUT' || /timeout/i.test(err.message ?? '')) return new AuditError(`cannot connect to ${where}: timed out`);
  // PostgreSQL 28P01 / 28000, MySQL ER_ACCESS_DENIED_ERROR (1045).
  if (code === '28P01' || code === '28000' || code === 'ER_ACCESS_DENIED_ERROR') {
    return new AuditError(`cannot connect to ${where}: authentication failed for user ${JSON.stringify(connection.driver === 'sqlite' ? '' : connection.user ?? '')}`);
  }
  if (code === '3D000' || code === 'ER_BAD_DB_ERROR') return new AuditError(`cannot connect to ${where}: the database does not exist`);
  return new AuditError(`cannot connect to ${where}: ${(err.message ?? String(error)).split('\n')[0]}`);
}

async function openPostgres(connection: ServerConnection, table: string): Promise<SessionSource> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client } = require('pg') as typeof import('pg');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Cursor = require('pg-cursor') as typeof import('pg-cursor');
  const quoted = quoteTable(table, '"');
  const client = new Client({
    host: connection.socket ?? connection.host,
    port: connection.port ?? 5432,
    database: connection.database,
    user: connection.user,
    password: connection.password,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // A server that goes away mid-read surfaces through the query; this keeps the client from crashing the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('BEGIN TRANSACTION READ ONLY');
  } catch (error) {
    await client.end().catch(() => undefined);
    throw connectError(connection, error);
  }
  const describeError = (error: unknown) => queryError(error, '42P01', table, connection);
  return {
    async count() {
      const result = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${quoted}`).catch((error: unknown) => Promise.reject(describeError(error)));
      return Number(result.rows[0]!.n);
    },
    async *rows() {
      const cursor = client.query(new Cursor(`SELECT ${COLUMNS} FROM ${quoted}`));
      try {
        for (;;) {
          const batch = await cursor.read(BATCH_ROWS);
          if (batch.length === 0) break;
          for (const row of batch) yield toRow(row as Record<string, unknown>);
        }
      } catch (error) {
        throw describeError(error);
      } finally {
        await cursor.close().catch(() => undefined);
      }
    },
    async close() {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

async function openMysql(connection: ServerConnection, table: string): Promise<SessionSource> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mysql = require('mysql2') as typeof import('mysql2');
  const quoted = quoteTable(table, '`');
  const client = mysql.createConnection({
    host: connection.host,
    port: connection.port ?? 3306,
    socketPath: connection.socket,
    database: connection.database,
    user: connection.user,
    password: connection.password,
    connectTimeout: CONNECT_TIMEOUT_MS,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  client.on('error', () => undefined);
  const run = (sql: string) =>
    new Promise<unknown[]>((resolve, reject) => client.query(sql, (error, rows) => (error ? reject(error) : resolve(rows as unknown[]))));
  try {
    await run('START TRANSACTION READ ONLY');
  } catch (error) {
    client.destroy();
    throw connectError(connection, error);
  }
  const describeError = (error: unknown) => queryError(error, 'ER_NO_SUCH_TABLE', table, connection);
  return {
    async count() {
      const rows = (await run(`SELECT COUNT(*) AS n FROM ${quoted}`).catch((error: unknown) => Promise.reject(describeError(error)))) as Array<{ n: string | number }>;
      return Number(rows[0]!.n);
    },
    async *rows() {
      // A streamed query hands rows over as they arrive; async iteration pauses the socket between them.
      const stream = client.query(`SELECT ${COLUMNS} FROM ${quoted}`).stream({ highWaterMark: BATCH_ROWS });
      try {
        for await (const row of stream) yield toRow(row as Record<string, unknown>);
      } catch (error) {
        throw describeError(error);
      } finally {
        stream.destroy();
      }
    },
    async close() {
      await run('ROLLBACK').catch(() => undefined);
      await new Promise<void>((resolve) => client.end(() => resolve()));
    },
  };
}
