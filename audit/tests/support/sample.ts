/**
 * The committed sample of real session rows (tests/fixtures/laravel-sessions.json, written by
 * oracle/tests/support/session-samples.ts on the real Laravel kernel) and helpers that seed
 * databases and Laravel-like project directories with them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Database } from 'node-sqlite3-wasm';
import { main } from '../../src/cli';
import type { RawSessionRow, SampleRun, SessionSample } from '../../../oracle/tests/support/session-samples';

export const SAMPLE_FILE = path.join(__dirname, '..', 'fixtures', 'laravel-sessions.json');
export const sample = JSON.parse(fs.readFileSync(SAMPLE_FILE, 'utf8')) as SessionSample;

/** Laravel's sessions migration. */
export const SESSIONS_TABLE_SQL = `CREATE TABLE sessions (id VARCHAR(255) NOT NULL PRIMARY KEY, user_id BIGINT NULL,
  ip_address VARCHAR(45) NULL, user_agent TEXT NULL, payload TEXT NOT NULL, last_activity INTEGER NOT NULL)`;

export const ROW_COLUMNS = ['id', 'user_id', 'ip_address', 'user_agent', 'payload', 'last_activity'] as const;

export function rowValues(row: RawSessionRow): Array<string | number | null> {
  return ROW_COLUMNS.map((column) => row[column]);
}

/** Rows of the chosen runs; `json` swaps in the JSON-serialized payloads. */
export function rowsOf(runs: SampleRun[], options: { json?: boolean } = {}): RawSessionRow[] {
  return runs.flatMap((run) =>
    run.rows.map((entry) => (options.json ? { ...entry.row, payload: entry.jsonPayload ?? entry.row.payload } : entry.row)),
  );
}

/** Ids of the rows Laravel itself says are stale: user_id set, no login key in the payload. */
export function staleIdsOf(runs: SampleRun[]): string[] {
  return runs.flatMap((run) => run.rows.filter((entry) => entry.row.user_id !== null && entry.loginKeys.length === 0).map((entry) => entry.row.id));
}

export function runsIn(mode: SampleRun['mode']): SampleRun[] {
  return sample.runs.filter((run) => run.mode === mode);
}

/** The last activity in the sample, so "now" can be chosen relative to it. */
export function latestActivity(runs: SampleRun[] = sample.runs): number {
  return Math.max(...rowsOf(runs).map((row) => row.last_activity));
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `secure-logout-audit-${prefix}-`));
}

export function createSqlite(file: string, rows: RawSessionRow[]): void {
  const db = new Database(file);
  try {
    db.exec(SESSIONS_TABLE_SQL);
    db.exec('BEGIN');
    const insert = db.prepare('INSERT INTO sessions (id, user_id, ip_address, user_agent, payload, last_activity) VALUES (?, ?, ?, ?, ?, ?)');
    for (const row of rows) insert.run(rowValues(row));
    insert.finalize();
    db.exec('COMMIT');
  } finally {
    db.close();
  }
}

/** A directory that looks like a Laravel app to the audit: `.env` and optional config files. */
export function laravelProject(dir: string, env: Record<string, string>, configFiles: Record<string, string> = {}): string {
  fs.mkdirSync(path.join(dir, 'config'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'artisan'), '#!/usr/bin/env php\n<?php\n');
  fs.writeFileSync(path.join(dir, '.env'), Object.entries(env).map(([key, value]) => `${key}=${value}`).join('\n') + '\n');
  for (const [name, text] of Object.entries(configFiles)) fs.writeFileSync(path.join(dir, 'config', name), text);
  return dir;
}

/** Runs the CLI in-process and captures its output. */
export async function runCli(args: string[], options: { tty?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false } });
  return { code, stdout, stderr };
}
