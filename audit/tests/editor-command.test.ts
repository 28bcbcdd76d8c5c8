// The editor command "Secure Logout: Audit sessions" (extension/src/audit-*.ts) without VS Code:
// the trust check, finding the app and its CLI, and the report it renders from the real CLI's
// --json output on real Laravel session rows. (It lives here because it runs the built CLI.)
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runAuditCommand, runCli, type AuditHost, type CliResult } from '../../extension/src/audit-command';
import { renderAuditReport, type AuditJsonReport } from '../../extension/src/audit-report';
import { createSqlite, laravelProject, rowsOf, runsIn, sample, staleIdsOf, tempDir } from './support/sample';

const AUDIT_BIN = path.join(__dirname, '..', 'bin', 'secure-logout-audit.js');

interface Recorded {
  runs: Array<{ executable: string; args: string[] }>;
  shown: string[];
  errors: string[];
  infos: string[];
}

function fakeHost(overrides: Partial<AuditHost>, recorded: Recorded): AuditHost {
  return {
    isTrusted: true,
    folders: [],
    pick: async (apps) => apps[0],
    run: async (executable, args, cwd): Promise<CliResult> => {
      recorded.runs.push({ executable, args });
      return runCli(executable, args, cwd);
    },
    show: async (markdown) => void recorded.shown.push(markdown),
    error: (message) => void recorded.errors.push(message),
    info: (message) => void recorded.infos.push(message),
    log: () => undefined,
    ...overrides,
  };
}

describe('Secure Logout: Audit sessions (command)', function () {
  this.timeout(30_000);
  let dir: string;
  let recorded: Recorded;

  beforeEach(() => {
    dir = tempDir('extension');
    recorded = { runs: [], shown: [], errors: [], infos: [] };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A Laravel app with the sample's plain rows and the CLI installed in node_modules/.bin. */
  function appWithCli(): string {
    const db = path.join(dir, 'database', 'database.sqlite');
    fs.mkdirSync(path.dirname(db), { recursive: true });
    createSqlite(db, rowsOf(runsIn('php')));
    laravelProject(dir, { APP_KEY: sample.appKey, SESSION_LIFETIME: '100000000' });
    const bin = path.join(dir, 'node_modules', '.bin', 'secure-logout-audit');
    fs.mkdirSync(path.dirname(bin), { recursive: true });
    fs.writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${AUDIT_BIN}" "$@"\n`, { mode: 0o755 });
    return dir;
  }

  it('refuses to run in an untrusted workspace and starts nothing', async () => {
    await runAuditCommand(fakeHost({ isTrusted: false, folders: [appWithCli()] }, recorded));
    assert.deepEqual(recorded.runs, []);
    assert.deepEqual(recorded.shown, []);
    assert.match(recorded.errors[0]!, /runs only in a trusted workspace/);
  });

  it('says so when no folder is a Laravel app', async () => {
    await runAuditCommand(fakeHost({ folders: [dir] }, recorded));
    assert.deepEqual(recorded.runs, []);
    assert.match(recorded.infos[0]!, /no Laravel app \(a folder with artisan\)/);
  });

  it("runs the app's own CLI with --project and --json and shows the stale rows, ids shortened", async () => {
    const app = appWithCli();
    await runAuditCommand(fakeHost({ folders: [app] }, recorded));
    assert.deepEqual(recorded.errors, []);
    assert.deepEqual(recorded.runs, [{ executable: path.join(app, 'node_modules', '.bin', 'secure-logout-audit'), args: ['--project', app, '--json'] }]);
    const markdown = recorded.shown[0]!;
    assert.match(markdown, /^# Session audit: /);
    assert.match(markdown, /## stale-user-id: 2\n\nuser_id is set but the payload holds no login/);
    assert.match(markdown, /secure-logout\/forget-request-guard-user/);
    for (const id of staleIdsOf(runsIn('php'))) {
      assert.ok(markdown.includes(`| \`${id.slice(0, 8)}…\` | 1 |`), id.slice(0, 8));
      assert.ok(!markdown.includes(id), 'a whole session id was shown');
    }
  });

  it("shows the CLI's one-line error (exit 2) without its prefix", async () => {
    const app = appWithCli();
    fs.appendFileSync(path.join(app, '.env'), 'SESSION_TABLE=missing_sessions\n');
    await runAuditCommand(fakeHost({ folders: [app] }, recorded));
    assert.deepEqual(recorded.shown, []);
    assert.match(recorded.errors[0]!, /^Secure Logout: the session audit failed: table missing_sessions does not exist in sqlite:/);
  });

  it('says how to install the CLI when it is not found', async () => {
    laravelProject(dir, {});
    await runAuditCommand(fakeHost({ folders: [dir], run: (_e, args, cwd) => runCli(path.join(dir, 'no-such-cli'), args, cwd) }, recorded));
    assert.match(recorded.errors[0]!, /secure-logout-audit is not installed \(ENOENT\)\. Install it with "npm install -g secure-logout-audit"/);
  });
});

describe('audit report rendering', () => {
  const report: AuditJsonReport = {
    table: 'sessions',
    database: 'pgsql://laravel:****@db/app',
    rows: 3,
    totals: { authenticated: 2, guest: 1, loggedIn: 1, encrypted: 0, undecodable: 1 },
    counts: { 'stale-user-id': 1, expired: 0, 'too-many-sessions': 0 },
    truncated: false,
    lifetimeMinutes: 120,
    maxSessions: 5,
    encryptedWithoutKey: false,
    configWarnings: ['config/session.php could not be read (parsing did not finish within 2 s): the framework defaults stand in for it'],
    explanations: { 'stale-user-id': 'user_id is set but the payload holds no login.' },
    undecodable: [{ id: 'abcdefgh…', reason: 'payload is not base64' }],
    findings: [{ kind: 'stale-user-id', id: 'AbCd|1x…', userId: '7', lastActivity: 1_764_864_000 }],
  };

  it('renders counts, explanations and a table whose cells cannot break it', () => {
    const markdown = renderAuditReport(report, 'shop');
    assert.match(markdown, /Table `sessions` on `pgsql:\/\/laravel:\*\*\*\*@db\/app` — \*\*1 finding\(s\)\*\*\./);
    assert.match(markdown, /## stale-user-id: 1\n\nuser_id is set but the payload holds no login\.\n\n\| session \| user_id \| last activity \|\n\|---\|---\|---\|\n\| `AbCd\\\|1x…` \| 7 \| 2025-12-04 16:00:00Z \|/);
    assert.match(markdown, /## expired: none\n\n## too-many-sessions: none/);
    assert.match(markdown, /> 1 payloads are not Laravel sessions and were skipped:\n> - `abcdefgh…`: payload is not base64/);
  });

  it('shows the config files the audit could not read', () => {
    assert.match(renderAuditReport(report, 'shop'), /\n\n> config\/session\.php could not be read \(parsing did not finish within 2 s\): the framework defaults stand in for it\n/);
    assert.doesNotMatch(renderAuditReport({ ...report, configWarnings: undefined }, 'shop'), /could not be read/);
  });
});
