/**
 * Express scenarios: oracle/express/scenarios/<name>/ (package.json + src/app.js + scenario.json).
 * A run copies the project to a temp directory whose node_modules links to the real packages
 * installed at the repository root — passport → passport05 (0.5.3) or passport07 (0.7.x) following
 * the project's declared version — and starts oracle/express/serve.js on it in a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const EXPRESS_ROOT = path.resolve(__dirname, '../../express');
const REPO_NODE_MODULES = path.resolve(__dirname, '../../../node_modules');

export function passportPackageFor(range: string): string {
  return /^[~^]?0\.5\./.test(range) ? 'passport05' : 'passport07';
}

export interface ExpressProject {
  projectDir: string;
  remove(): void;
}

export function materializeExpressScenario(name: string): ExpressProject {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `oracle-express-${name}-`));
  const projectDir = path.join(root, 'project');
  fs.cpSync(path.join(EXPRESS_ROOT, 'scenarios', name), projectDir, {
    recursive: true,
    filter: (source) => path.basename(source) !== 'scenario.json',
  });
  const manifest = JSON.parse(fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const modules = path.join(projectDir, 'node_modules');
  fs.mkdirSync(modules);
  for (const [dependency, range] of Object.entries(manifest.dependencies)) {
    const installed = dependency === 'passport' ? passportPackageFor(range) : dependency;
    fs.symlinkSync(path.join(REPO_NODE_MODULES, installed), path.join(modules, dependency), 'dir');
  }
  return { projectDir, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

export class ExpressServer {
  private stderr = '';
  private exitCode: number | null | undefined;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly origin: string,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code) => ((this.exitCode = code), resolve())));
  }

  static start(projectDir: string): Promise<ExpressServer> {
    const child = spawn(process.execPath, [path.join(EXPRESS_ROOT, 'serve.js'), projectDir], {
      cwd: projectDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Promise((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`serve.js exited (${code}) before listening: ${stderr}`)));
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const newline = stdout.indexOf('\n');
        if (newline < 0) return;
        const { port } = JSON.parse(stdout.slice(0, newline)) as { port: number };
        child.removeAllListeners('exit');
        resolve(new ExpressServer(child, `http://127.0.0.1:${port}`));
      });
    });
  }

  /** Whether the process died, waiting briefly: a crash in a store callback comes after the request. */
  async crashed(waitMs = 200): Promise<{ exitCode: number | null; stderr: string } | null> {
    await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, waitMs))]);
    return this.exitCode === undefined ? null : { exitCode: this.exitCode, stderr: this.stderr };
  }

  async stop(): Promise<void> {
    if (this.exitCode === undefined) {
      this.child.kill();
      await this.exited;
    }
  }
}
