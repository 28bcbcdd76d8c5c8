// "Secure Logout: Audit sessions": runs the secure-logout-audit CLI for the workspace's Laravel
// app and shows its report. The CLI is a separate package (its database drivers are not bundled
// into the .vsix); it opens a database connection with the app's credentials, so the command runs
// only in trusted workspaces. No vscode import here: the editor side is behind AuditHost.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAuditJsonReport, renderAuditReport } from './audit-report';

export const auditSessionsCommand = 'secureLogout.auditSessions';
export const AUDIT_CLI = 'secure-logout-audit';
const AUDIT_TIMEOUT_MS = 10 * 60_000;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the executable could not be started at all (ENOENT…). */
  spawnError?: string;
}

export interface AuditHost {
  isTrusted: boolean;
  /** Workspace folder paths. */
  folders: string[];
  /** Lets the user pick one of several Laravel apps; undefined = cancelled. */
  pick(apps: string[]): Promise<string | undefined>;
  run(executable: string, args: string[], cwd: string): Promise<CliResult>;
  show(markdown: string, appDir: string): Promise<void>;
  error(message: string): void;
  info(message: string): void;
  log(message: string): void;
}

/** The app's own install (node_modules/.bin) first, then the PATH. */
export function auditExecutable(appDir: string): string {
  const local = path.join(appDir, 'node_modules', '.bin', process.platform === 'win32' ? `${AUDIT_CLI}.cmd` : AUDIT_CLI);
  return fs.existsSync(local) ? local : AUDIT_CLI;
}

export async function runAuditCommand(host: AuditHost): Promise<void> {
  if (!host.isTrusted) {
    host.error('Secure Logout: auditing sessions connects to the app\'s database with its credentials, so it runs only in a trusted workspace.');
    return;
  }
  const apps = host.folders.filter((folder) => fs.existsSync(path.join(folder, 'artisan')));
  if (apps.length === 0) {
    host.info('Secure Logout: no Laravel app (a folder with artisan) in this workspace.');
    return;
  }
  const appDir = apps.length === 1 ? apps[0] : await host.pick(apps);
  if (!appDir) return;
  const executable = auditExecutable(appDir);
  host.log(`auditing the sessions table of ${appDir} with ${executable}`);
  const result = await host.run(executable, ['--project', appDir, '--json'], appDir);
  if (result.spawnError) {
    host.error(`Secure Logout: ${AUDIT_CLI} is not installed (${result.spawnError}). Install it with "npm install -g ${AUDIT_CLI}" or as a dev dependency of the app.`);
    return;
  }
  if (result.code !== 0 && result.code !== 1) {
    // Exit 2: the CLI's one line says what is wrong (missing table, wrong password…), passwords masked.
    const line = result.stderr.trim().split('\n')[0] || `exited with ${result.code}`;
    host.error(`Secure Logout: the session audit failed: ${line.replace(/^secure-logout-audit: /, '')}`);
    return;
  }
  let report: unknown;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    report = undefined;
  }
  if (!isAuditJsonReport(report)) {
    host.error(`Secure Logout: ${AUDIT_CLI} answered something that is not its --json report.`);
    return;
  }
  await host.show(renderAuditReport(report, path.basename(appDir)), appDir);
}

/** Runs the CLI without a shell; its exit code 1 (findings) is a normal answer. */
export function runCli(executable: string, args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      executable,
      args,
      { cwd, timeout: AUDIT_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, shell: process.platform === 'win32' && executable.endsWith('.cmd') },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        const spawnError = error && typeof error.code === 'string' ? error.code : undefined;
        resolve({ code, stdout: String(stdout), stderr: String(stderr), spawnError });
      },
    );
  });
}
