/**
 * Drives oracle/laravel/harness.php: every call is a new PHP process that boots a fresh Laravel
 * Application for exactly one request (the PHP-FPM lifecycle), against one SQLite file per scenario.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import type { SetCookie } from './cookie-jar';

const execFileAsync = promisify(execFile);

export const HARNESS = path.resolve(__dirname, '../../laravel/harness.php');
export const SESSION_COOKIE = 'laravel_session';
export const XSRF_COOKIE = 'XSRF-TOKEN';

export interface HarnessRequest {
  method: 'GET' | 'POST' | 'DELETE';
  uri: string;
  cookies?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Record<string, string>;
}

export interface HarnessResponse {
  status: number;
  /** "Class: message" of the exception Laravel's handler rendered, if any. */
  exception: string | null;
  cookies: SetCookie[];
  /** The session id the request carried (decrypted by EncryptCookies). */
  sessionIdIn: string | null;
  /** The session id the store holds when the request ends. */
  sessionIdOut: string | null;
  body: unknown;
}

export interface SessionRow {
  id: string;
  userId: number | null;
  /** The payload holds the `login_web_…` key: this row authenticates whoever presents its id. */
  loggedIn: boolean;
  hasCsrfToken: boolean;
  keys: string[];
  lastActivity: number;
}

export interface DatabaseState {
  sessions: SessionRow[];
  tokenIds: number[];
}

export interface SetupResult {
  user: { email: string; password: string };
  bearerToken: string;
}

async function runHarness<T>(command: string, input: unknown): Promise<T> {
  const child = execFileAsync('php', [HARNESS, command], { maxBuffer: 4 * 1024 * 1024 });
  child.child.stdin?.end(JSON.stringify(input));
  const { stdout } = await child;
  return JSON.parse(stdout) as T;
}

/** One Laravel project (scenario directory) with its own database. */
export class LaravelApp {
  constructor(
    readonly projectDir: string,
    readonly dbPath: string,
  ) {}

  setup(): Promise<SetupResult> {
    return runHarness('setup', { db: this.dbPath });
  }

  request(request: HarnessRequest): Promise<HarnessResponse> {
    return runHarness('request', { project: this.projectDir, db: this.dbPath, ...request });
  }

  inspect(): Promise<DatabaseState> {
    return runHarness('inspect', { db: this.dbPath });
  }
}

/**
 * Contrast only: every request goes to ONE long-running PHP process that reuses one Application, as
 * Laravel's feature tests (MakesHttpRequests) do. Used to show what that style of test hides.
 */
export class SharedLaravelApp extends LaravelApp {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly waiting: Array<(line: string) => void> = [];

  override request(request: HarnessRequest): Promise<HarnessResponse> {
    if (!this.child) {
      this.child = spawn('php', [HARNESS, 'shared-app']);
      createInterface({ input: this.child.stdout }).on('line', (line) => this.waiting.shift()?.(line));
    }
    const line = new Promise<string>((resolve) => this.waiting.push(resolve));
    this.child.stdin.write(`${JSON.stringify({ project: this.projectDir, db: this.dbPath, ...request })}\n`);
    return line.then((text) => JSON.parse(text) as HarnessResponse);
  }

  close(): void {
    this.child?.stdin.end();
  }
}
