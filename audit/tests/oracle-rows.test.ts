/**
 * Proves the committed sample (tests/fixtures/laravel-sessions.json) is still what Laravel writes:
 * the oracle's real kernel runs the four logout handlers again, and the fresh rows must have the
 * same shape (which rows carry a user_id, which hold a login) and audit to exactly the rows Laravel
 * reads as stale.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateSessionSample, type SampleRun, type SessionSample } from '../../oracle/tests/support/session-samples';
import { requireOrSkip } from '../../scripts/test-support/requirements';
import type { JsonReport } from '../src/report';
import { sessionIdPrefix } from '../src/audit';
import { createSqlite, laravelProject, rowsOf, runCli, sample, staleIdsOf, tempDir } from './support/sample';

function hasPhp(): boolean {
  if (!fs.existsSync('/usr/share/php/Illuminate/autoload.php')) return false;
  try {
    execFileSync('php', ['-r', 'exit(extension_loaded("pdo_sqlite") && extension_loaded("mbstring") ? 0 : 1);'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Per row, in table order: [user_id set, login keys in the payload]. */
function shape(run: SampleRun): Array<[boolean, number]> {
  return run.rows.map((entry) => [entry.row.user_id !== null, entry.loginKeys.length]);
}

describe('session rows from the real Laravel kernel (oracle)', function () {
  this.timeout(180_000);
  let fresh: SessionSample;

  before(async function () {
    requireOrSkip(this, 'PHP 8 (php-cli, php-sqlite3)', hasPhp(), 'apt-get install php-cli php-sqlite3 php-mbstring php-xml php-laravel-framework');
    fresh = await generateSessionSample();
  });

  it('are shaped like the committed sample, handler by handler and mode by mode', () => {
    assert.deepEqual(
      fresh.runs.map((run) => ({ handler: run.handler, mode: run.mode, rows: shape(run) })),
      sample.runs.map((run) => ({ handler: run.handler, mode: run.mode, rows: shape(run) })),
    );
  });

  it('audit to exactly the rows Laravel reads as user_id without a login', async () => {
    const dir = tempDir('oracle');
    try {
      const db = path.join(dir, 'database.sqlite');
      // Plain and CBC-encrypted rows side by side, as after switching SESSION_ENCRYPT on.
      const runs = fresh.runs.filter((run) => run.mode !== 'encrypted-gcm');
      createSqlite(db, rowsOf(runs));
      laravelProject(dir, { APP_KEY: fresh.appKey, DB_DATABASE: db, SESSION_ENCRYPT: 'true', SESSION_LIFETIME: '100000000' });
      const { code, stdout } = await runCli(['--project', dir, '--json', '--max-sessions', '1000']);
      const report = JSON.parse(stdout) as JsonReport;
      const expected = staleIdsOf(runs);
      assert.equal(expected.length, 4);
      assert.deepEqual(report.findings.map((finding) => finding.id).sort(), expected.map(sessionIdPrefix).sort());
      assert.equal(report.totals.undecodable, 0);
      assert.equal(code, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
