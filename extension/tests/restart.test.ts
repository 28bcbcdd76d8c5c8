// "Restart server" always works and never leaves a second server running (issue 15, point 2): the
// restart logic against a fake client, and against a real process that ignores SIGTERM.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isRestarting, restartServer, STOP_GRACE_MS } from '../src/restart';

const STOPPED = 1;
const RUNNING = 2;
const STARTING = 3;

/** A server process: exits when killed, or (`ignoresSigterm`) only on SIGKILL. */
class FakeServerProcess extends EventEmitter {
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  readonly signals: string[] = [];
  private static nextPid = 1000;
  readonly pid = FakeServerProcess.nextPid++;

  constructor(private readonly ignoresSigterm = true) {
    super();
  }

  get alive(): boolean {
    return this.exitCode === null && this.signalCode === null;
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    this.signals.push(signal);
    if (signal === 'SIGKILL' || !this.ignoresSigterm) setImmediate(() => this.exit(null, signal));
    return true;
  }

  exit(code: number | null, signal: NodeJS.Signals | null = null): void {
    if (!this.alive) return;
    this.exitCode = code;
    this.signalCode = signal;
    this.emit('exit', code, signal);
  }
}

type StopBehaviour = 'exits' | 'hangs' | 'answers but lingers';

/** The parts of LanguageClient that restart.ts uses, with a server that behaves as told. */
class FakeClient {
  state = RUNNING;
  readonly processes: FakeServerProcess[] = [];
  readonly events: string[] = [];
  /** How many server processes were alive when each start began (must be 0). */
  readonly aliveAtStart: number[] = [];
  private readonly listeners = new Set<(event: { newState: number }) => void>();

  constructor(private readonly stopBehaviour: StopBehaviour, public serverProcess: FakeServerProcess | ChildProcess = new FakeServerProcess()) {
    if (serverProcess instanceof FakeServerProcess) this.processes.push(serverProcess);
  }

  isRunning(): boolean {
    return this.state === RUNNING;
  }

  async stop(timeoutMs: number): Promise<void> {
    this.events.push('stop');
    if (this.stopBehaviour === 'hangs') {
      await new Promise((resolve) => setTimeout(resolve, timeoutMs));
      this.setState(STOPPED);
      throw new Error('Stopping the server timed out');
    }
    const child = this.serverProcess;
    if (this.stopBehaviour === 'exits' && child instanceof FakeServerProcess) setTimeout(() => child.exit(0), 10);
    this.setState(STOPPED);
  }

  async start(): Promise<void> {
    this.events.push('start');
    this.aliveAtStart.push(this.processes.filter((child) => child.alive).length);
    const child = new FakeServerProcess();
    this.processes.push(child);
    this.serverProcess = child;
    this.setState(RUNNING);
  }

  onDidChangeState(listener: (event: { newState: number }) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  setState(state: number): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener({ newState: state });
  }
}

function fakeOutput(): vscode.LogOutputChannel & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  return { lines, info: record('info'), warn: record('warn'), error: record('error') } as unknown as vscode.LogOutputChannel & { lines: string[] };
}

const asClient = (client: FakeClient) => client as unknown as LanguageClient;

describe('extension: restarting the language server', function () {
  this.timeout(20_000);

  it('kills a server that does not answer shutdown after the grace period, then starts one new server', async () => {
    const client = new FakeClient('hangs');
    const output = fakeOutput();
    const old = client.processes[0]!;
    const started = performance.now();
    await restartServer(asClient(client), output);
    const elapsed = performance.now() - started;
    assert.deepEqual(client.events, ['stop', 'start']);
    assert.deepEqual(old.signals, ['SIGKILL']);
    assert.equal(old.alive, false);
    assert.deepEqual(client.aliveAtStart, [0], 'the old process is gone before the new one starts');
    assert.ok(elapsed >= STOP_GRACE_MS && elapsed < STOP_GRACE_MS + 1_000, `${Math.round(elapsed)} ms`);
    assert.ok(output.lines.some((line) => line.startsWith(`warn the server did not stop within ${STOP_GRACE_MS} ms`)), output.lines.join('\n'));
    assert.ok(output.lines.includes(`warn killing server process ${old.pid}`), output.lines.join('\n'));
  });

  it('kills a server that answered shutdown but is still running after the grace period', async () => {
    const client = new FakeClient('answers but lingers');
    await restartServer(asClient(client), fakeOutput());
    assert.deepEqual(client.processes[0]!.signals, ['SIGKILL']);
    assert.deepEqual(client.aliveAtStart, [0]);
  });

  it('does not kill a server that stops on its own', async () => {
    const client = new FakeClient('exits');
    const output = fakeOutput();
    await restartServer(asClient(client), output);
    assert.deepEqual(client.processes[0]!.signals, []);
    assert.deepEqual(client.events, ['stop', 'start']);
    assert.deepEqual(output.lines, []);
  });

  it('runs quick restarts one after the other: never two servers at once', async () => {
    const client = new FakeClient('exits');
    const output = fakeOutput();
    const restarts = [restartServer(asClient(client), output), restartServer(asClient(client), output), restartServer(asClient(client), output)];
    assert.equal(isRestarting(), true);
    await Promise.all(restarts);
    assert.equal(isRestarting(), false);
    assert.deepEqual(client.events, ['stop', 'start', 'stop', 'start', 'stop', 'start']);
    assert.deepEqual(client.aliveAtStart, [0, 0, 0]);
    assert.equal(client.processes.filter((child) => child.alive).length, 1);
  });

  it('lets a start in progress finish before stopping the server', async () => {
    const client = new FakeClient('exits');
    client.state = STARTING;
    setTimeout(() => {
      client.events.push('started');
      client.setState(RUNNING);
    }, 50);
    await restartServer(asClient(client), fakeOutput());
    assert.deepEqual(client.events, ['started', 'stop', 'start']);
  });

  it('leaves no orphan: a real server process that ignores SIGTERM and never answers is gone after the restart', async () => {
    const child = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); process.send?.('ready');"], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    await new Promise((resolve) => child.once('message', resolve));
    const client = new FakeClient('hangs', child);
    await restartServer(asClient(client), fakeOutput());
    assert.equal(child.signalCode, 'SIGKILL');
    assert.throws(() => process.kill(child.pid!, 0), /ESRCH/, `process ${child.pid} is still running`);
    assert.deepEqual(client.events, ['stop', 'start']);
  });
});
