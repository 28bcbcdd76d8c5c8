/**
 * Throwaway PostgreSQL and MariaDB servers from Debian's packages, for the driver tests: a fresh
 * data directory under the system temp dir, listening on 127.0.0.1 at a free port (plus a unix
 * socket in the data dir for the superuser), run as the packages' service user when the tests run
 * as root (both servers refuse root). `stop()` shuts the server down and deletes everything.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TestServer {
  port: number;
  /** Runs SQL as the superuser, in `database` when given. */
  sql(statements: string, database?: string): Promise<void>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const isRoot = process.getuid?.() === 0;

export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

export function mariadbBinaries(): { server: string; installDb: string } | undefined {
  const server = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'].find((file) => fs.existsSync(file));
  const installDb = ['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db'].find((file) => fs.existsSync(file));
  return server && installDb ? { server, installDb } : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A temp dir the service user can own. */
function dataDir(prefix: string, owner: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `secure-logout-audit-${prefix}-`));
  if (isRoot) execFileSync('chown', ['-R', `${owner}:`, dir]);
  return dir;
}

/** Runs a command as the service user when we are root. */
function asUser(user: string, command: string, args: string[]): [string, string[]] {
  // util-linux puts runuser in /usr/sbin, which a non-login PATH may lack.
  const runuser = fs.existsSync('/usr/sbin/runuser') ? '/usr/sbin/runuser' : 'runuser';
  return isRoot ? [runuser, ['-u', user, '--', command, ...args]] : [command, args];
}

async function waitFor(check: () => Promise<boolean>, what: string, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not start within ${START_TIMEOUT_MS / 1000} s`);
}

export async function startPostgres(): Promise<TestServer> {
  const bin = postgresBinDir()!;
  const dir = dataDir('pg', 'postgres');
  const data = path.join(dir, 'data');
  const port = await freePort();
  const run = (command: string, args: string[]) => {
    const [file, argv] = asUser('postgres', path.join(bin, command), args);
    return execFileSync(file, argv, { stdio: 'pipe', timeout: START_TIMEOUT_MS }).toString();
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-sync']);
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  const { Client } = await import('pg');
  return {
    port,
    async sql(statements, database = 'postgres') {
      const client = new Client({ host: dir, port, user: 'postgres', database });
      await client.connect();
      try {
        await client.query(statements);
      } finally {
        await client.end();
      }
    },
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export async function startMariadb(): Promise<TestServer> {
  const { server, installDb } = mariadbBinaries()!;
  const dir = dataDir('mariadb', 'mysql');
  const data = path.join(dir, 'data');
  const socket = path.join(dir, 'mysqld.sock');
  const port = await freePort();
  const userArgs = isRoot ? ['--user=mysql'] : [];
  execFileSync(installDb, ['--no-defaults', ...userArgs, `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db'], {
    stdio: 'pipe',
    timeout: START_TIMEOUT_MS,
  });
  const child = spawn(
    server,
    ['--no-defaults', ...userArgs, `--datadir=${data}`, `--socket=${socket}`, `--port=${port}`, '--bind-address=127.0.0.1', `--pid-file=${path.join(dir, 'mysqld.pid')}`, '--skip-log-bin', '--innodb-buffer-pool-size=16M'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const mysql = await import('mysql2/promise');
  const connect = (database?: string) => mysql.createConnection({ socketPath: socket, user: 'root', database, multipleStatements: true });
  try {
    await waitFor(async () => {
      const connection = await connect();
      await connection.end();
      return true;
    }, 'mariadbd', child);
  } catch (error) {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return {
    port,
    async sql(statements, database) {
      const connection = await connect(database);
      try {
        await connection.query(statements);
      } finally {
        await connection.end();
      }
    },
    async stop() {
      const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
