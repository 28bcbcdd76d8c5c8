// Starts a throw-away code-server (real VS Code 1.100 in the browser) with our .vsix installed.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface CodeServer {
  url: string;
  /** Everything code-server printed, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** `out/node/entry.js` of the installed code-server package. */
  entry: string;
  /** A fresh folder: user data, extensions and config live below it. */
  stateDir: string;
  vsixPath: string;
  /** User settings (settings.json) written before start. */
  userSettings: Record<string, unknown>;
}

function commonArgs(stateDir: string): string[] {
  return [
    '--config', join(stateDir, 'config.yaml'),
    '--user-data-dir', join(stateDir, 'user-data'),
    '--extensions-dir', join(stateDir, 'extensions'),
  ];
}

/** Headless Chromium, nothing fetched from the network. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The user settings of the throw-away VS Code profile. */
export const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  // Open untrusted, without the trust dialog: the extension declares Restricted Mode support.
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  // One row per problem, which the test reads (see Workbench.problems).
  'problems.defaultViewMode': 'table',
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  // The fix-on-save users configure from the README.
  'editor.codeActionsOnSave': { 'source.fixAll.secure-logout': 'explicit' },
  // The LSP traffic lands in the output channel, which is saved when a step fails.
  'secureLogout.trace.server': process.env.SECURE_LOGOUT_E2E_TRACE ?? 'off',
};

/** Runs install-code-server.sh (reuses an earlier install); returns code-server's entry.js. */
export function installCodeServer(): string {
  const output = execFileSync('bash', [join(__dirname, 'install-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return output.trim().split('\n').pop()!;
}

/** Installs the .vsix the way a user does, with code-server's own CLI. */
export function installExtension(options: CodeServerOptions): string {
  mkdirSync(join(options.stateDir, 'user-data', 'User'), { recursive: true });
  writeFileSync(join(options.stateDir, 'config.yaml'), '');
  writeFileSync(join(options.stateDir, 'user-data', 'User', 'settings.json'), JSON.stringify(options.userSettings, null, 2));
  return execFileSync(process.execPath, [options.entry, ...commonArgs(options.stateDir), '--install-extension', options.vsixPath], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const port = await freePort();
  const args = [
    options.entry,
    ...commonArgs(options.stateDir),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // Trace level makes the LSP trace (secureLogout.trace.server) reach the output channel's log file.
    ...(process.env.SECURE_LOGOUT_E2E_TRACE ? ['--log', 'trace'] : []),
  ];
  let output = '';
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    // No gallery requests leave the machine during the test.
    env: { ...process.env, EXTENSIONS_GALLERY: '{}' },
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`code-server did not answer on ${url} within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    log: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}
