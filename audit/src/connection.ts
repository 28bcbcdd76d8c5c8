/**
 * Where the sessions table lives: a SQLite file or a PostgreSQL / MySQL / MariaDB server. Parsed
 * from `--database <url>` or built from the app's config. `describeConnection()` is the only way
 * a connection is ever printed, and it never shows the password.
 */
import * as path from 'node:path';
import { AuditError } from './errors';

export type Connection = { driver: 'sqlite'; file: string } | ServerConnection;

export interface ServerConnection {
  driver: 'pgsql' | 'mysql';
  host: string;
  port: number | undefined;
  database: string;
  user: string | undefined;
  password: string | undefined;
  /** unix socket path (mysql `unix_socket`, or a PostgreSQL socket directory as host). */
  socket?: string;
}

const SCHEMES: Record<string, 'pgsql' | 'mysql'> = {
  postgres: 'pgsql',
  postgresql: 'pgsql',
  pgsql: 'pgsql',
  mysql: 'mysql',
  mariadb: 'mysql',
};

/** `sqlite:<path>`, `postgres://user:pass@host:port/db`, `mysql://…` (also `mariadb://`, `pgsql://`). */
export function parseDatabaseUrl(url: string, baseDir = process.cwd()): Connection {
  const sqlite = /^sqlite:(?:\/\/)?(.+)$/.exec(url);
  if (sqlite) return { driver: 'sqlite', file: path.resolve(baseDir, sqlite[1]!) };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AuditError(`--database ${JSON.stringify(maskUrl(url))} is not a URL (expected sqlite:<path>, postgres://… or mysql://…)`);
  }
  const driver = SCHEMES[parsed.protocol.replace(/:$/, '')];
  if (!driver) throw new AuditError(`unsupported database scheme ${JSON.stringify(parsed.protocol)} (expected sqlite:, postgres:// or mysql://)`);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new AuditError(`the database URL ${maskUrl(url)} names no database`);
  return {
    driver,
    host: decodeURIComponent(parsed.hostname) || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : undefined,
    database,
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
  };
}

/** A connection as it may be shown: `pgsql://laravel:****@127.0.0.1:5432/app`. */
export function describeConnection(connection: Connection): string {
  if (connection.driver === 'sqlite') return `sqlite:${connection.file}`;
  const user = connection.user ? `${connection.user}${connection.password ? ':****' : ''}@` : '';
  const where = connection.socket ? `[${connection.socket}]` : `${connection.host}${connection.port ? `:${connection.port}` : ''}`;
  return `${connection.driver}://${user}${where}/${connection.database}`;
}

/** Replaces the password of any `scheme://user:password@` in a text with ****. */
export function maskUrl(text: string): string {
  return text.replace(/(\/\/[^/:@\s]*:)[^@\s]*@/g, '$1****@');
}
