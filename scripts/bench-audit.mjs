// npm run bench (part 3): the session audit on a 1,000,000-row SQLite sessions table.
//   Rows are real Laravel payloads (audit/tests/fixtures), spread over 50,000 users: logged-in,
//   guest and stale rows. Measured in child processes so each peak RSS is the audit's alone:
//   - baseline: reading the same columns with the same SQLite driver and doing nothing else;
//   - the audit (secure-logout-audit --json), as a ratio to the baseline;
//   - memory: peak RSS for 100,000 and 1,000,000 rows (bounded memory = it does not grow with rows).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);
const USERS = 50_000;

/** Child mode: `node bench-audit.mjs --child baseline|audit <db>` prints { rows, ms, maxRssMb }. */
if (process.argv[2] === '--child') {
  const [, , , mode, db] = process.argv;
  const started = performance.now();
  let rows = 0;
  if (mode === 'baseline') {
    const { Database } = require('node-sqlite3-wasm');
    const database = new Database(db, { readOnly: true });
    const statement = database.prepare('SELECT id, user_id, payload, last_activity FROM sessions');
    for (const _row of statement.iterate()) rows++;
    statement.finalize();
    database.close();
  } else {
    const { runAudit } = require(path.join(repo, 'audit', 'dist', 'index.js'));
    const { result } = await runAudit({ database: `sqlite:${db}`, env: {}, lifetimeMinutes: 10 ** 8 });
    rows = result.totals.rows;
    process.stderr.write(JSON.stringify(result.counts));
  }
  const ms = performance.now() - started;
  console.log(JSON.stringify({ rows, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

function generate(file, rows) {
  const sample = JSON.parse(fs.readFileSync(path.join(repo, 'audit', 'tests', 'fixtures', 'laravel-sessions.json'), 'utf8'));
  const plain = sample.runs.filter((run) => run.mode === 'php').flatMap((run) => run.rows);
  const loggedIn = plain.find((entry) => entry.row.user_id !== null && entry.loginKeys.length > 0).row.payload;
  const stale = plain.find((entry) => entry.row.user_id !== null && entry.loginKeys.length === 0).row.payload;
  const guest = plain.find((entry) => entry.row.user_id === null).row.payload;
  const { Database } = require('node-sqlite3-wasm');
  fs.rmSync(file, { force: true });
  const db = new Database(file);
  db.exec(`CREATE TABLE sessions (id VARCHAR(255) NOT NULL PRIMARY KEY, user_id BIGINT NULL, ip_address VARCHAR(45) NULL,
    user_agent TEXT NULL, payload TEXT NOT NULL, last_activity INTEGER NOT NULL)`);
  db.exec('BEGIN');
  const insert = db.prepare('INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?)');
  const now = Math.floor(Date.now() / 1000);
  for (let i = 0; i < rows; i++) {
    // 60 % logged in, 30 % guests, 10 % stale (user_id without login).
    const kind = i % 10;
    const userId = kind < 3 ? null : i % USERS;
    const payload = kind < 3 ? guest : kind === 3 ? stale : loggedIn;
    insert.run([`${i.toString(36).padStart(8, '0')}${'x'.repeat(32)}`, userId, '127.0.0.1', 'Mozilla/5.0', payload, now - (i % 7200)]);
  }
  insert.finalize();
  db.exec('COMMIT');
  db.close();
}

function child(mode, db) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, db], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-bench-audit-'));
try {
  const small = path.join(dir, 'small.sqlite');
  const big = path.join(dir, 'big.sqlite');
  const generated = performance.now();
  generate(small, Math.floor(ROWS / 10));
  generate(big, ROWS);
  const mb = fs.statSync(big).size / 1e6;
  console.log(`session audit: ${ROWS} rows, ${mb.toFixed(0)} MB SQLite file (generated in ${((performance.now() - generated) / 1000).toFixed(1)} s)`);
  const baseline = child('baseline', big);
  const audit = child('audit', big);
  const auditSmall = child('audit', small);
  const rate = (run) => Math.round(run.rows / (run.ms / 1000));
  console.log(
    `session audit: ${rate(audit).toLocaleString('en')} rows/s (${(audit.ms / 1000).toFixed(1)} s) vs reading the rows only ${rate(baseline).toLocaleString('en')} rows/s` +
      ` → ratio ${(audit.ms / baseline.ms).toFixed(2)}`,
  );
  console.log(
    `session audit: peak RSS ${audit.maxRssMb.toFixed(0)} MB for ${ROWS} rows, ${auditSmall.maxRssMb.toFixed(0)} MB for ${Math.floor(ROWS / 10)} rows` +
      ` (baseline read ${baseline.maxRssMb.toFixed(0)} MB; file ${mb.toFixed(0)} MB)`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
