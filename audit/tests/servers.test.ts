/**
 * The audit through its PostgreSQL and MariaDB drivers: each server (Debian's packages) is started
 * by the test on 127.0.0.1 with a temporary data dir, seeded with the real Laravel rows plus 5,000
 * guest rows (several cursor/stream batches), audited with a read-only user through --project,
 * then stopped and deleted, also when a test fails.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { requireOrSkip } from '../../scripts/test-support/requirements';
import { sessionIdPrefix } from '../src/audit';
import type { JsonReport } from '../src/report';
import { laravelProject, rowsOf, rowValues, runCli, sample, staleIdsOf, tempDir } from './support/sample';
import { mariadbBinaries, postgresBinDir, startMariadb, startPostgres, type TestServer } from './support/servers';

const BULK_ROWS = 5000;
const PASSWORD = 'audit-pw-7Q';
const runs = sample.runs.filter((run) => run.mode !== 'encrypted-gcm');

function literal(value: string | number | null): string {
  return value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;
}

function insertSample(): string {
  const values = rowsOf(runs).map((row) => `(${rowValues(row).map(literal).join(', ')})`);
  return `INSERT INTO sessions (id, user_id, ip_address, user_agent, payload, last_activity) VALUES ${values.join(',\n')};`;
}

/** A guest payload from the sample, repeated. */
const guestRow = rowsOf(runs).find((row) => row.user_id === null)!;

interface ServerCase {
  name: string;
  driver: 'pgsql' | 'mysql';
  present: () => boolean;
  enable: string;
  start: () => Promise<TestServer>;
  setup: string[];
  bulk: string;
}

const servers: ServerCase[] = [
  {
    name: 'PostgreSQL',
    driver: 'pgsql',
    present: () => postgresBinDir() !== undefined,
    enable: 'apt-get install postgresql',
    start: startPostgres,
    setup: [`CREATE ROLE laravel LOGIN PASSWORD '${PASSWORD}'`, 'CREATE DATABASE app'],
    bulk: `INSERT INTO sessions SELECT 'bulk' || g, NULL, NULL, NULL, ${literal(guestRow.payload)}, ${guestRow.last_activity} FROM generate_series(1, ${BULK_ROWS}) g;`,
  },
  {
    name: 'MariaDB',
    driver: 'mysql',
    present: () => mariadbBinaries() !== undefined,
    enable: 'apt-get install mariadb-server',
    start: startMariadb,
    setup: ['CREATE DATABASE app', `CREATE USER 'laravel'@'127.0.0.1' IDENTIFIED BY '${PASSWORD}'`, "GRANT SELECT ON app.* TO 'laravel'@'127.0.0.1'"],
    bulk: `INSERT INTO sessions SELECT CONCAT('bulk', seq), NULL, NULL, NULL, ${literal(guestRow.payload)}, ${guestRow.last_activity} FROM seq_1_to_${BULK_ROWS};`,
  },
];

const TABLE_SQL = `CREATE TABLE sessions (id VARCHAR(255) NOT NULL PRIMARY KEY, user_id BIGINT NULL, ip_address VARCHAR(45) NULL,
  user_agent TEXT NULL, payload TEXT NOT NULL, last_activity INTEGER NOT NULL)`;

for (const serverCase of servers) {
  describe(`secure-logout-audit on ${serverCase.name} (Debian package, started by the test)`, function () {
    this.timeout(120_000);
    let server: TestServer | undefined;
    let dir: string;

    before(async function () {
      requireOrSkip(this, `${serverCase.name} server binaries`, serverCase.present(), serverCase.enable);
      dir = tempDir(serverCase.driver);
      server = await serverCase.start();
      for (const statement of serverCase.setup) await server.sql(statement);
      await server.sql(`${TABLE_SQL}; ${insertSample()} ${serverCase.bulk}`, 'app');
      if (serverCase.driver === 'pgsql') await server.sql('GRANT SELECT ON sessions TO laravel;', 'app');
    });

    after(async () => {
      await server?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    function project(env: Record<string, string> = {}): string {
      return laravelProject(dir, {
        APP_KEY: sample.appKey,
        DB_CONNECTION: serverCase.driver,
        DB_HOST: '127.0.0.1',
        DB_PORT: String(server!.port),
        DB_DATABASE: 'app',
        DB_USERNAME: 'laravel',
        DB_PASSWORD: PASSWORD,
        SESSION_ENCRYPT: 'true',
        SESSION_LIFETIME: '100000000',
        ...env,
      });
    }

    it('finds exactly the stale rows among the real rows and 5,000 more, reading the connection from .env', async () => {
      const { code, stdout, stderr } = await runCli(['--project', project(), '--json', '--max-sessions', '1000']);
      assert.equal(stderr, '');
      const report = JSON.parse(stdout) as JsonReport;
      assert.equal(report.rows, rowsOf(runs).length + BULK_ROWS);
      assert.equal(report.totals.guest, rowsOf(runs).filter((row) => row.user_id === null).length + BULK_ROWS);
      assert.deepEqual(report.findings.map((finding) => [finding.kind, finding.id]).sort(), staleIdsOf(runs).map((id) => ['stale-user-id', sessionIdPrefix(id)]).sort());
      assert.equal(report.findings[0]!.userId, '1');
      assert.equal(report.totals.undecodable, 0);
      assert.equal(report.database, `${serverCase.driver}://laravel:****@127.0.0.1:${server!.port}/app`);
      assert.equal(code, 1);
    });

    it('works with --database <url> as well', async () => {
      const scheme = serverCase.driver === 'pgsql' ? 'postgres' : 'mysql';
      const url = `${scheme}://laravel:${PASSWORD}@127.0.0.1:${server!.port}/app`;
      const { code, stdout } = await runCli(['--database', url, '--json', '--max-sessions', '1000', '--lifetime', '100000000']);
      const report = JSON.parse(stdout) as JsonReport;
      // No APP_KEY without --project: the encrypted rows are counted, the plain ones audited.
      assert.equal(report.totals.encrypted, rowsOf(runs.filter((run) => run.mode !== 'php')).length);
      assert.equal(report.counts['stale-user-id'], staleIdsOf(runs.filter((run) => run.mode === 'php')).length);
      assert.equal(code, 1);
    });

    it('a wrong password is one line naming the user, exit 2, password never shown', async () => {
      const { code, stdout, stderr } = await runCli(['--project', project({ DB_PASSWORD: 'wrong-pw-9Z' })]);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, /^secure-logout-audit: cannot connect to .*laravel:\*\*\*\*@127\.0\.0\.1.*authentication failed for user "laravel"\n$/);
      assert.doesNotMatch(stderr, /wrong-pw-9Z|audit-pw-7Q/);
    });

    it('a missing table is one line, exit 2', async () => {
      const { code, stderr } = await runCli(['--project', project({ SESSION_TABLE: 'laravel_sessions' })]);
      assert.equal(code, 2);
      assert.match(stderr, /^secure-logout-audit: table laravel_sessions does not exist in /);
    });

    it('a missing database is one line, exit 2', async () => {
      const { code, stderr } = await runCli(['--project', project({ DB_DATABASE: 'nope' })]);
      assert.equal(code, 2);
      assert.match(stderr, /^secure-logout-audit: cannot connect to .*\/nope: /);
    });
  });
}
