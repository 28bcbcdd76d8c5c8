/**
 * The audit on SQLite seeded with real rows from the Laravel kernel (tests/fixtures): it must
 * report exactly the rows Laravel itself reads as "user_id set, no login" — the logouts under
 * auth:sanctum without forgetUser() and the blog's flush() + regenerate() — and nothing from the
 * auth:web handler or the handler with forgetUser().
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sessionIdPrefix } from '../src/audit';
import type { JsonReport } from '../src/report';
import { createSqlite, laravelProject, latestActivity, rowsOf, runCli, runsIn, sample, staleIdsOf, tempDir } from './support/sample';

const CLI = path.join(__dirname, '..', 'bin', 'secure-logout-audit.js');

function staleIds(report: JsonReport): string[] {
  return report.findings.filter((finding) => finding.kind === 'stale-user-id').map((finding) => finding.id!).sort();
}

function prefixes(ids: string[]): string[] {
  return ids.map(sessionIdPrefix).sort();
}

describe('secure-logout-audit on SQLite with real Laravel session rows', function () {
  // A shared 2-core machine can be slow: the progress-bar test writes and reads 60,000 rows.
  this.timeout(60_000);
  let dir: string;

  beforeEach(() => {
    dir = tempDir('sqlite');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the sample holds stale rows exactly for the sanctum logout without forgetUser() and the blog fix', () => {
    for (const run of sample.runs) {
      const expected = run.handler === 'sanctum-canonical' || run.handler === 'sanctum-blog-flush-regenerate' ? 1 : 0;
      assert.equal(staleIdsOf([run]).length, expected, `${run.handler} (${run.mode})`);
    }
  });

  for (const mode of ['php', 'encrypted-cbc', 'encrypted-gcm'] as const) {
    it(`finds exactly the stale rows in ${mode} payloads read through --project`, async () => {
      const runs = runsIn(mode);
      const db = path.join(dir, 'database.sqlite');
      createSqlite(db, rowsOf(runs));
      const cipher = mode === 'encrypted-gcm' ? 'AES-256-GCM' : 'AES-256-CBC';
      laravelProject(dir, {
        APP_KEY: sample.appKey,
        DB_CONNECTION: 'sqlite',
        DB_DATABASE: db,
        SESSION_DRIVER: 'database',
        SESSION_ENCRYPT: mode === 'php' ? 'false' : 'true',
        SESSION_LIFETIME: '100000000',
      }, mode === 'encrypted-gcm' ? { 'app.php': `<?php\nreturn ['key' => env('APP_KEY'), 'cipher' => '${cipher}'];\n` } : {});

      const { code, stdout, stderr } = await runCli(['--project', dir, '--json', '--max-sessions', '100']);
      assert.equal(stderr, '');
      const report = JSON.parse(stdout) as JsonReport;
      assert.deepEqual(staleIds(report), prefixes(staleIdsOf(runs)));
      assert.equal(staleIds(report).length, 2);
      assert.deepEqual(report.findings.map((finding) => finding.kind), ['stale-user-id', 'stale-user-id']);
      assert.equal(report.rows, rowsOf(runs).length);
      assert.equal(report.totals.undecodable, 0);
      assert.equal(report.totals.encrypted, 0);
      assert.equal(report.totals.payloadFormats.encrypted, mode === 'php' ? 0 : report.rows);
      assert.equal(code, 1);
    });
  }

  it('reads JSON-serialized payloads (session.serialization = json) the same way', async () => {
    const runs = [...runsIn('php'), ...runsIn('encrypted-cbc')];
    const db = path.join(dir, 'json.sqlite');
    createSqlite(db, rowsOf(runs, { json: true }));
    const { stdout } = await runCli(['--project', laravelProject(dir, { APP_KEY: sample.appKey, DB_DATABASE: db, SESSION_LIFETIME: '100000000' }), '--json', '--max-sessions', '100']);
    const report = JSON.parse(stdout) as JsonReport;
    assert.equal(report.totals.payloadFormats.json, report.rows);
    assert.deepEqual(staleIds(report), prefixes(staleIdsOf(runs)));
  });

  it('a half-typed config/session.php (ending in #[, which php-parser never finishes) ends with a warning naming it, not a hang', async () => {
    const db = path.join(dir, 'database.sqlite');
    createSqlite(db, rowsOf(runsIn('php')));
    const env = { APP_KEY: sample.appKey, DB_DATABASE: db, SESSION_LIFETIME: '100000000' };
    laravelProject(dir, env, { 'session.php': "<?php\n\nreturn [\n    'driver' => env('SESSION_DRIVER', 'database'),\n#[ \n" });
    const started = performance.now();
    const { code, stdout, stderr } = await runCli(['--project', dir, '--json', '--max-sessions', '100']);
    const ms = performance.now() - started;
    assert.ok(ms < 10_000, `${Math.round(ms)} ms`);
    assert.equal(stderr, 'secure-logout-audit: warning: config/session.php could not be read (parsing did not finish within 2 s): the framework defaults stand in for it\n');
    // The defaults (database driver, table sessions) find the same stale rows as a readable config.
    const report = JSON.parse(stdout) as JsonReport;
    assert.deepEqual(prefixes(staleIds(report)), prefixes(staleIdsOf(runsIn('php'))));
    assert.deepEqual(report.configWarnings, ['config/session.php could not be read (parsing did not finish within 2 s): the framework defaults stand in for it']);
    assert.equal(code, 1);
  });

  it('exits 0 with "No findings" on the clean handlers (auth:web, forgetUser())', async () => {
    const runs = sample.runs.filter(
      (run) => (run.handler === 'web-canonical' || run.handler === 'sanctum-breeze-forget-user') && run.mode !== 'encrypted-gcm',
    );
    const db = path.join(dir, 'clean.sqlite');
    createSqlite(db, rowsOf(runs));
    const env = { APP_KEY: sample.appKey, DB_DATABASE: db, SESSION_LIFETIME: '100000000' };
    // Plain and encrypted rows in one table: the format is recognised per row.
    const { code, stdout } = await runCli(['--project', laravelProject(dir, env), '--max-sessions', '100']);
    assert.match(stdout, /^No findings\./m);
    assert.match(stdout, /stale-user-id: none/);
    assert.equal(code, 0);
  });

  it('reports expired rows (older than the lifetime) and users over --max-sessions', async () => {
    const runs = runsIn('php');
    const db = path.join(dir, 'database.sqlite');
    createSqlite(db, rowsOf(runs));
    const now = latestActivity(runs);
    const { code, stdout } = await runCli(['--database', `sqlite:${db}`, '--json', '--max-sessions', '3', '--lifetime', '1']);
    const report = JSON.parse(stdout) as JsonReport;
    // Rows are hours old by now, and the lifetime is one minute: every authenticated row is expired.
    const authenticated = rowsOf(runs).filter((row) => row.user_id !== null);
    assert.ok(Math.floor(Date.now() / 1000) - 60 > now);
    assert.equal(report.counts.expired, authenticated.length);
    assert.deepEqual(
      report.findings.filter((finding) => finding.kind === 'too-many-sessions'),
      [{ kind: 'too-many-sessions', id: null, userId: '1', lastActivity: now, sessions: authenticated.length }],
    );
    assert.equal(code, 1);
  });

  it('without APP_KEY, encrypted payloads are reported as such and only the columns are audited', async () => {
    const db = path.join(dir, 'database.sqlite');
    createSqlite(db, rowsOf(runsIn('encrypted-cbc')));
    const result = spawnSync(process.execPath, [CLI, '--database', `sqlite:${db}`, '--lifetime', '100000000', '--max-sessions', '100'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    assert.match(result.stdout, /payloads are encrypted \(SESSION_ENCRYPT\) and no APP_KEY was found/);
    assert.match(result.stdout, /stale-user-id: none/);
    assert.equal(result.status, 0);
  });

  it('counts corrupt and non-Laravel payloads without failing, and names a few', async () => {
    const db = path.join(dir, 'database.sqlite');
    const good = rowsOf(runsIn('php'));
    const base = { ip_address: null, user_agent: null, last_activity: good[0]!.last_activity };
    createSqlite(db, [
      ...good,
      { ...base, id: 'corrupt-not-base64-xxxxxxxxxxxx', user_id: 1, payload: '%%% not base64 %%%' },
      { ...base, id: 'corrupt-truncated-xxxxxxxxxxxxx', user_id: 1, payload: Buffer.from('a:2:{s:6:"_token";s:40:"abc').toString('base64') },
      { ...base, id: 'not-a-session-xxxxxxxxxxxxxxxxx', user_id: null, payload: Buffer.from('hello').toString('base64') },
    ]);
    const { code, stdout } = await runCli(['--database', `sqlite:${db}`, '--json', '--lifetime', '100000000', '--max-sessions', '100']);
    const report = JSON.parse(stdout) as JsonReport;
    assert.equal(report.totals.undecodable, 3);
    assert.deepEqual(report.undecodable.map((entry) => entry.id), ['corrupt-…', 'corrupt-…', 'not-a-se…']);
    assert.deepEqual(staleIds(report), prefixes(staleIdsOf(runsIn('php'))));
    assert.equal(code, 1);
  });

  it('never writes: the database file is byte-for-byte the same after an audit', async () => {
    const db = path.join(dir, 'database.sqlite');
    createSqlite(db, rowsOf(sample.runs));
    const hash = () => createHash('sha256').update(fs.readFileSync(db)).digest('hex');
    const before = hash();
    const stat = fs.statSync(db);
    await runCli(['--database', `sqlite:${db}`]);
    assert.equal(hash(), before);
    assert.equal(fs.statSync(db).mtimeMs, stat.mtimeMs);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['database.sqlite']);
  });

  it('prints session ids only as 8-character prefixes', async () => {
    const db = path.join(dir, 'database.sqlite');
    createSqlite(db, rowsOf(runsIn('php')));
    const { stdout } = await runCli(['--database', `sqlite:${db}`, '--lifetime', '100000000']);
    for (const row of rowsOf(runsIn('php'))) assert.ok(!stdout.includes(row.id), `full id ${row.id.slice(0, 8)}… printed`);
    for (const id of staleIdsOf(runsIn('php'))) assert.ok(stdout.includes(sessionIdPrefix(id)));
  });

  it('draws a progress bar on stderr for a large table only when stderr is a terminal', async () => {
    const db = path.join(dir, 'large.sqlite');
    const guest = rowsOf(runsIn('php')).find((row) => row.user_id === null)!;
    createSqlite(db, Array.from({ length: 60_000 }, (_, i) => ({ ...guest, id: `row${i}` })));
    const onTerminal = await runCli(['--database', `sqlite:${db}`], { tty: true });
    assert.match(onTerminal.stderr, /^\r\[[#.]{30}\] \d+\/60000 rows/);
    assert.ok(onTerminal.stderr.endsWith('\r\x1b[2K'), 'the bar is cleared before the report');
    assert.match(onTerminal.stdout, /^Session audit: table sessions/);
    const piped = await runCli(['--database', `sqlite:${db}`]);
    assert.equal(piped.stderr, '');
    assert.equal(piped.stdout, onTerminal.stdout);
  });

  describe('bad input: one line on stderr, exit 2, no stack trace', () => {
    const cases: Array<{ name: string; args: (dir: string) => string[]; message: RegExp }> = [
      { name: 'missing database file', args: (d) => ['--database', `sqlite:${d}/missing.sqlite`], message: /the SQLite database .*missing\.sqlite does not exist/ },
      { name: 'missing table', args: (d) => ['--database', `sqlite:${d}/database.sqlite`, '--table', 'laravel_sessions'], message: /table laravel_sessions does not exist/ },
      { name: 'not a database', args: (d) => ['--database', `sqlite:${d}/.env`], message: /cannot read the SQLite database/ },
      { name: 'unknown option', args: () => ['--databse', 'x'], message: /Unknown option '--databse'/ },
      { name: 'bad number', args: (d) => ['--database', `sqlite:${d}/database.sqlite`, '--max-sessions', 'many'], message: /--max-sessions expects a positive whole number/ },
      { name: 'nothing to audit', args: () => [], message: /nothing to audit/ },
      { name: 'SESSION_ENCRYPT without APP_KEY', args: (d) => ['--project', laravelProject(path.join(d, 'app'), { SESSION_ENCRYPT: 'true', DB_DATABASE: `${d}/database.sqlite` })], message: /SESSION_ENCRYPT is on but APP_KEY is not set/ },
      { name: 'file session driver', args: (d) => ['--project', laravelProject(path.join(d, 'app'), { SESSION_DRIVER: 'file' })], message: /session driver is "file", not database/ },
      { name: 'unreachable server, password masked', args: () => ['--database', 'postgres://laravel:s3cret@127.0.0.1:9/app'], message: /^secure-logout-audit: cannot connect to pgsql:\/\/laravel:\*\*\*\*@127\.0\.0\.1:9\/app: connection refused/ },
    ];
    for (const testCase of cases) {
      it(testCase.name, () => {
        createSqlite(path.join(dir, 'database.sqlite'), rowsOf(runsIn('php')));
        fs.writeFileSync(path.join(dir, '.env'), 'APP_NAME=x\n'.repeat(100));
        const result = spawnSync(process.execPath, [CLI, ...testCase.args(dir)], { encoding: 'utf8', env: { PATH: process.env.PATH } });
        assert.equal(result.status, 2, result.stderr);
        assert.equal(result.stdout, '');
        assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
        assert.match(result.stderr, testCase.message);
        assert.doesNotMatch(result.stderr, /s3cret|\n\s+at /);
      });
    }
  });

  it('the installed bin runs from a clean environment and prints usage', () => {
    const text = execFileSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    assert.match(text, /usage: secure-logout-audit/);
  });
});
