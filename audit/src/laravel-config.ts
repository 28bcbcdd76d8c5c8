/**
 * The session store a Laravel app uses, read the way the framework reads it: `.env` (real
 * environment variables win, as with phpdotenv), then `config/session.php`, `config/database.php`
 * and `config/app.php`, falling back to the framework's defaults when a file is absent.
 */
import { parse as parseDotEnv } from 'dotenv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Connection } from './connection';
import { parseDatabaseUrl } from './connection';
import { AuditError } from './errors';
import { envValue, isConfigArray, readConfigFile, type ConfigArray, type ConfigEnvironment, type ConfigValue } from './php-config';
import { readProjectFile } from './project-file';

export interface SessionStoreConfig {
  /** Session driver (`database` is the one with a table). */
  driver: string | undefined;
  connection: Connection;
  /** Connection name from config/database.php, for messages. */
  connectionName: string | undefined;
  /** Table name with the connection's prefix. */
  table: string;
  lifetimeMinutes: number;
  encrypt: boolean;
  appKey: string | undefined;
  previousKeys: string[];
  cipher: string;
  /** Config files that exist but could not be read, one line each (the defaults stood in). */
  warnings: string[];
}

export function readDotEnv(projectDir: string, warn?: (message: string) => void): Record<string, string> {
  const read = readProjectFile(path.join(projectDir, '.env'));
  if ('text' in read) return parseDotEnv(read.text);
  if ('refused' in read) warn?.(`.env could not be read (${read.refused}): only the real environment variables are used`);
  return {};
}

export function readSessionStoreConfig(projectDir: string, processEnv: NodeJS.ProcessEnv = process.env): SessionStoreConfig {
  if (!fs.existsSync(projectDir)) throw new AuditError(`--project ${projectDir} does not exist`);
  const warnings: string[] = [];
  const dotEnv = readDotEnv(projectDir, (message) => warnings.push(message));
  const environment: ConfigEnvironment = { projectDir, env: (name) => processEnv[name] ?? dotEnv[name], warn: (message) => warnings.push(message) };
  const env = (name: string, fallback: ConfigValue): ConfigValue => {
    const value = envValue(environment.env(name));
    return value === undefined ? fallback : value;
  };

  const session = readConfigFile('session', environment) ?? {};
  const database = readConfigFile('database', environment) ?? {};
  const app = readConfigFile('app', environment) ?? {};

  const driver = stringOr(pick(session, 'driver', () => env('SESSION_DRIVER', 'database')));
  const connectionName =
    stringOr(pick(session, 'connection', () => env('SESSION_CONNECTION', null))) ?? stringOr(pick(database, 'default', () => env('DB_CONNECTION', 'sqlite')));
  const connections = isConfigArray(database.connections) ? database.connections : defaultConnections(environment, env);
  const connectionConfig = connectionName ? connections[connectionName] : undefined;
  if (!isConfigArray(connectionConfig)) {
    throw new AuditError(`the session connection ${JSON.stringify(connectionName)} is not in config/database.php; pass --database <url>`);
  }
  const table = stringOr(pick(session, 'table', () => env('SESSION_TABLE', 'sessions'))) ?? 'sessions';
  const prefix = stringOr(connectionConfig.prefix) ?? '';
  const lifetime = Number(pick(session, 'lifetime', () => env('SESSION_LIFETIME', 120)));
  const previousKeys = stringOr(pick(app, 'previous_keys', () => env('APP_PREVIOUS_KEYS', '')));

  return {
    driver,
    connection: toConnection(connectionName!, connectionConfig, projectDir),
    connectionName,
    table: prefix + table,
    lifetimeMinutes: Number.isFinite(lifetime) && lifetime > 0 ? lifetime : 120,
    encrypt: pick(session, 'encrypt', () => env('SESSION_ENCRYPT', false)) === true,
    appKey: stringOr(pick(app, 'key', () => env('APP_KEY', undefined))) || undefined,
    previousKeys: typeof previousKeys === 'string' && previousKeys ? previousKeys.split(',').map((key) => key.trim()) : [],
    cipher: stringOr(pick(app, 'cipher', () => 'AES-256-CBC')) ?? 'AES-256-CBC',
    warnings,
  };
}

/** The config value, or the framework default when the file does not set the key at all. */
function pick(config: ConfigArray, key: string, fallback: () => ConfigValue): ConfigValue {
  return key in config ? config[key] : fallback();
}

function stringOr(value: ConfigValue): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** The framework's config/database.php connections when the app has no such file. */
function defaultConnections(environment: ConfigEnvironment, env: (name: string, fallback: ConfigValue) => ConfigValue): ConfigArray {
  const server = (driver: string, port: number): ConfigArray => ({
    driver,
    url: env('DB_URL', env('DATABASE_URL', null)),
    host: env('DB_HOST', '127.0.0.1'),
    port: env('DB_PORT', port),
    database: env('DB_DATABASE', 'laravel'),
    username: env('DB_USERNAME', 'root'),
    password: env('DB_PASSWORD', ''),
    unix_socket: env('DB_SOCKET', ''),
    prefix: '',
  });
  return {
    sqlite: {
      driver: 'sqlite',
      url: env('DB_URL', env('DATABASE_URL', null)),
      database: env('DB_DATABASE', path.join(environment.projectDir, 'database', 'database.sqlite')),
      prefix: '',
    },
    mysql: server('mysql', 3306),
    mariadb: server('mariadb', 3306),
    pgsql: server('pgsql', 5432),
  };
}

function toConnection(name: string, config: ConfigArray, projectDir: string): Connection {
  const driver = stringOr(config.driver);
  const url = stringOr(config.url);
  if (url) {
    // Laravel's ConfigurationUrlParser: the URL's parts win over the other keys.
    return parseDatabaseUrl(/^[a-z]+:\/\//i.test(url) || url.startsWith('sqlite:') ? url : `${driver}://${url}`, projectDir);
  }
  if (driver === 'sqlite') {
    const file = stringOr(config.database);
    if (!file) throw new AuditError(`config/database.php: connection ${name} has no database file; pass --database sqlite:<path>`);
    return { driver: 'sqlite', file: path.resolve(projectDir, file) };
  }
  if (driver === 'pgsql' || driver === 'mysql' || driver === 'mariadb') {
    const database = stringOr(config.database);
    if (!database) throw new AuditError(`config/database.php: connection ${name} names no database; pass --database <url>`);
    const socket = stringOr(config.unix_socket);
    const port = Number(config.port);
    return {
      driver: driver === 'pgsql' ? 'pgsql' : 'mysql',
      host: stringOr(config.host) ?? '127.0.0.1',
      port: Number.isFinite(port) && port > 0 ? port : undefined,
      database,
      user: stringOr(config.username),
      password: stringOr(config.password),
      ...(socket ? { socket } : {}),
    };
  }
  throw new AuditError(`config/database.php: connection ${name} uses driver ${JSON.stringify(driver)}, which the audit cannot read (sqlite, pgsql, mysql, mariadb)`);
}
