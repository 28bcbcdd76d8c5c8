/**
 * Real `sessions` rows for the session audit (audit/): each logout handler runs the oracle's
 * login → logout → replay flow on the real Laravel kernel, then every row of its SQLite table is
 * read back with what Laravel's own Encrypter + unserialize() find in the payload.
 *
 * Regenerate the sample the audit's tests use (PHP needed):
 *   npx tsx oracle/tests/support/session-samples.ts audit/tests/fixtures/laravel-sessions.json
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { CookieJar } from './cookie-jar';
import { LaravelApp, type HarnessRequest } from './laravel-harness';
import type { LogoutRoute } from './laravel-logout-flow';
import { LARAVEL_ROOT, listLaravelScenarios, materializeLaravelScenario } from './scenario-project';

const execFileAsync = promisify(execFile);
const SESSION_ROWS = path.join(LARAVEL_ROOT, 'session-rows.php');

/** The oracle's fixed APP_KEY (oracle/laravel/config/app.php). */
export const ORACLE_APP_KEY = `base64:${Buffer.from('k'.repeat(32)).toString('base64')}`;

export interface SampleHandler {
  /** Name in the sample file. */
  name: string;
  /** Oracle scenario the handler comes from. */
  scenario: string;
  description: string;
  /** Rewrites the scenario's controller (e.g. adds forgetUser()). */
  patch?: { file: string; after: string; insert: string };
}

export const SAMPLE_HANDLERS: SampleHandler[] = [
  {
    name: 'sanctum-canonical',
    scenario: 'canonical-under-sanctum',
    description: "auth:sanctum, Breeze's logout (guard('web')->logout(); invalidate(); regenerateToken()) without forgetUser()",
  },
  {
    name: 'web-canonical',
    scenario: 'breeze-canonical',
    description: "auth (web guard), Breeze's logout",
  },
  {
    name: 'sanctum-blog-flush-regenerate',
    scenario: 'blog-flush-regenerate-sanctum',
    description: 'auth:sanctum, the blog fix: logout(); flush(); regenerate()',
  },
  {
    name: 'sanctum-breeze-forget-user',
    scenario: 'canonical-under-sanctum',
    description: "auth:sanctum, Breeze's logout plus Auth::guard('sanctum')->forgetUser()",
    patch: {
      file: 'app/Http/Controllers/SessionController.php',
      after: "Auth::guard('web')->logout();",
      insert: "\n        Auth::guard('sanctum')->forgetUser();",
    },
  },
];

export type SampleMode = 'php' | 'encrypted-cbc' | 'encrypted-gcm';
export const SAMPLE_MODES: Array<{ mode: SampleMode; cipher: string; encrypted: boolean }> = [
  { mode: 'php', cipher: 'AES-256-CBC', encrypted: false },
  { mode: 'encrypted-cbc', cipher: 'AES-256-CBC', encrypted: true },
  { mode: 'encrypted-gcm', cipher: 'AES-256-GCM', encrypted: true },
];

export interface RawSessionRow {
  id: string;
  user_id: number | null;
  ip_address: string | null;
  user_agent: string | null;
  payload: string;
  last_activity: number;
}

export interface SampleRow {
  row: RawSessionRow;
  /** login_* keys Laravel finds in the payload. */
  loginKeys: string[];
  /** The same attributes as `session.serialization = json` stores them (re-encoded by PHP). */
  jsonPayload?: string;
}

export interface SampleRun {
  handler: string;
  description: string;
  mode: SampleMode;
  cipher: string;
  rows: SampleRow[];
}

export interface SessionSample {
  generator: string;
  framework: string;
  appKey: string;
  runs: SampleRun[];
}

async function runOne(handler: SampleHandler, mode: (typeof SAMPLE_MODES)[number]): Promise<SampleRun> {
  const scenario = listLaravelScenarios().find((candidate) => candidate.name === handler.scenario);
  if (!scenario) throw new Error(`no oracle scenario ${handler.scenario}`);
  const project = materializeLaravelScenario(scenario);
  try {
    if (handler.patch) {
      const file = path.join(project.projectDir, handler.patch.file);
      const text = fs.readFileSync(file, 'utf8');
      if (!text.includes(handler.patch.after)) throw new Error(`${handler.patch.file} has no ${handler.patch.after}`);
      fs.writeFileSync(file, text.replace(handler.patch.after, handler.patch.after + handler.patch.insert));
    }
    if (mode.encrypted) {
      const sessionConfig = path.join(project.projectDir, 'config', 'session.php');
      fs.writeFileSync(sessionConfig, fs.readFileSync(sessionConfig, 'utf8').replace("'encrypt' => false", "'encrypt' => true"));
      fs.writeFileSync(path.join(project.projectDir, 'config', 'app.php'), `<?php\n\nreturn ['cipher' => '${mode.cipher}'];\n`);
    }
    await loginTwiceLogoutOnce(new LaravelApp(project.projectDir, project.dbPath), scenario.logout);
    const child = execFileAsync('php', [SESSION_ROWS], { maxBuffer: 16 * 1024 * 1024 });
    child.child.stdin?.end(JSON.stringify({ db: project.dbPath, key: ORACLE_APP_KEY, cipher: mode.cipher, encrypted: mode.encrypted, json: true }));
    const rows = JSON.parse((await child).stdout) as SampleRow[];
    return { handler: handler.name, description: handler.description, mode: mode.mode, cipher: mode.cipher, rows };
  } finally {
    project.remove();
  }
}

/**
 * Two browsers log in; the second logs out and makes no further request (a closed tab), so the
 * table holds what the logout wrote. (The client's next request rewrites user_id from its now
 * empty login, which is why the oracle's own flow, with its probes, ends with NULL.)
 */
async function loginTwiceLogoutOnce(app: LaravelApp, logout: LogoutRoute): Promise<void> {
  const { user } = await app.setup();
  const login = async (jar: CookieJar) => {
    const send = async (request: HarnessRequest) => {
      const response = await app.request({ ...request, cookies: jar.toObject() });
      jar.apply(response.cookies);
      if (response.status !== 200) throw new Error(`${request.method} ${request.uri}: ${response.status} ${response.exception ?? ''}`);
      return response;
    };
    const guest = await send({ method: 'GET', uri: '/oracle/csrf' });
    await send({ method: 'POST', uri: '/oracle/login', body: { _token: (guest.body as { token: string }).token, ...user } });
    const token = ((await send({ method: 'GET', uri: '/oracle/csrf' })).body as { token: string }).token;
    return { send, token };
  };
  await login(new CookieJar());
  const leaving = await login(new CookieJar());
  await leaving.send({ method: logout.method, uri: logout.uri, headers: logout.headers, body: { _token: leaving.token } });
}

/** Every handler in every mode; runs one flow at a time (each request is a PHP process). */
export async function generateSessionSample(): Promise<SessionSample> {
  const runs: SampleRun[] = [];
  for (const handler of SAMPLE_HANDLERS) {
    for (const mode of SAMPLE_MODES) runs.push(await runOne(handler, mode));
  }
  return {
    generator: 'oracle/tests/support/session-samples.ts',
    framework: 'Laravel 8.83 (Debian php-laravel-framework), database session driver on SQLite, Sanctum stand-in guard',
    appKey: ORACLE_APP_KEY,
    runs,
  };
}

if (require.main === module) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: npx tsx oracle/tests/support/session-samples.ts <out.json>');
    process.exit(2);
  }
  generateSessionSample().then(
    (sample) => {
      fs.writeFileSync(out, `${JSON.stringify(sample, null, 1)}\n`);
      console.log(`wrote ${sample.runs.reduce((n, run) => n + run.rows.length, 0)} rows from ${sample.runs.length} runs to ${out}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
