// "Restart server" always works and never leaves a second server running (issue 15, point 2): the
// restart logic against a fake client, against a real process that ignores SIGTERM, and against the
// real language server (stuck in a check that never ends, or frozen so it never answers shutdown).
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
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

const SERVER_BIN = path.resolve(__dirname, '../../server/bin/secure-logout-server.js');
const FIXTURE = path.resolve(__dirname, '../../server/tests/fixtures/laravel-app');

/** Whether a process with this pid exists. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids whose parent is `pid` (Linux /proc): a server that spawned helpers would orphan them when killed. */
function childrenOf(pid: number): number[] {
  if (!fs.existsSync('/proc/self/stat')) return [];
  return fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).flatMap((entry) => {
    try {
      // pid (comm) state ppid …; comm may hold spaces, so read after the last ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

/**
 * The parts of LanguageClient that restart.ts uses, driving the real server binary over stdio: stop()
 * sends shutdown and exit and gives up after its timeout ("Stopping the server timed out"), as
 * vscode-languageclient does. The server is told to check `SessionController.php` forever.
 */
class RealServerClient {
  state = STOPPED;
  serverProcess: ChildProcess | undefined;
  connection: ProtocolConnection | undefined;
  readonly spawned: ChildProcess[] = [];
  readonly logs: string[] = [];
  private readonly listeners = new Set<(event: { newState: number }) => void>();

  constructor(private readonly workspace: string) {}

  isRunning(): boolean {
    return this.state === RUNNING;
  }

  async start(): Promise<void> {
    this.setState(STARTING);
    const child = spawn(process.execPath, [SERVER_BIN, '--stdio'], {
      stdio: 'pipe',
      env: { ...process.env, SECURE_LOGOUT_SERVER_TEST_HANG_ON: 'SessionController.php', SECURE_LOGOUT_SERVER_TEST_HARD_LIMIT_MS: '600000' },
    });
    this.spawned.push(child);
    this.serverProcess = child;
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
    });
    connection.onError(() => undefined);
    connection.listen();
    this.connection = connection;
    const uri = pathToFileURL(this.workspace).href;
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'app' }], capabilities: {} });
    await connection.sendNotification(InitializedNotification.type, {});
    this.setState(RUNNING);
  }

  async stop(timeoutMs: number): Promise<void> {
    const connection = this.connection!;
    try {
      const answered = await Promise.race([connection.sendRequest(ShutdownRequest.type).then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs))]);
      if (!answered) throw new Error('Stopping the server timed out');
      await connection.sendNotification(ExitNotification.type);
    } finally {
      connection.dispose();
      this.setState(STOPPED);
    }
  }

  /** Opens the controller whose check never ends, and waits until the server says it is still checking. */
  async startEndlessCheck(): Promise<void> {
    const file = path.join(this.workspace, 'app/Http/Controllers/SessionController.php');
    const uri = pathToFileURL(file).href;
    await this.connection!.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'php', version: 1, text: fs.readFileSync(file, 'utf8') } });
    const deadline = Date.now() + 15_000;
    while (!this.logs.some((line) => line.startsWith('still checking '))) {
      if (Date.now() > deadline) throw new Error(`the check did not start:\n${this.logs.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  onDidChangeState(listener: (event: { newState: number }) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private setState(state: number): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener({ newState: state });
  }
}

describe('extension: restarting the real language server', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: RealServerClient;

  before(function () {
    if (process.platform === 'win32') this.skip(); // SIGSTOP and /proc are POSIX shapes
  });
  beforeEach(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-restart-'));
    fs.cpSync(FIXTURE, workspace, { recursive: true });
    client = new RealServerClient(workspace);
    await client.start();
  });
  afterEach(() => {
    for (const child of client.spawned) if (running(child.pid!)) child.kill('SIGKILL');
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('stops a server stuck in a check that never ends within the grace period, without killing it; the new one answers', async () => {
    await client.startEndlessCheck();
    const old = client.serverProcess!;
    assert.deepEqual(childrenOf(old.pid!), [], 'the server runs no child process that could outlive it');
    const output = fakeOutput();
    const started = performance.now();
    await restartServer(client as unknown as LanguageClient, output);
    assert.ok(performance.now() - started < 2 * STOP_GRACE_MS, `restart took ${Math.round(performance.now() - started)} ms`);
    assert.equal(old.signalCode, null, 'not killed: it answered shutdown and exited');
    assert.equal(running(old.pid!), false, `process ${old.pid} is still running`);
    assert.deepEqual(output.lines, []);
    assert.notEqual(client.serverProcess, old);
    assert.equal(await client.connection!.sendRequest(HoverRequest.type, { textDocument: { uri: pathToFileURL(path.join(workspace, 'routes/web.php')).href }, position: { line: 0, character: 0 } }), null);
  });

  it('a server in a check that never ends exits by itself when the editor goes away (its stdin closes): no orphan', async () => {
    await client.startEndlessCheck();
    const old = client.serverProcess!;
    const exited = new Promise<void>((resolve) => old.once('exit', () => resolve()));
    const started = performance.now();
    old.stdin!.end();
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    assert.equal(running(old.pid!), false, `process ${old.pid} is still running ${Math.round(performance.now() - started)} ms after its stdin closed`);
  });

  it('kills a frozen server that never answers shutdown after the grace period: no process is left, one new server runs', async () => {
    const old = client.serverProcess!;
    process.kill(old.pid!, 'SIGSTOP'); // frozen: it reads nothing and answers nothing
    const output = fakeOutput();
    const started = performance.now();
    // Three quick restarts, as a user clicking "Restart server" again and again.
    await Promise.all([restartServer(client as unknown as LanguageClient, output), restartServer(client as unknown as LanguageClient, output), restartServer(client as unknown as LanguageClient, output)]);
    const elapsed = performance.now() - started;
    assert.equal(old.signalCode, 'SIGKILL');
    assert.equal(running(old.pid!), false, `process ${old.pid} is still running`);
    assert.ok(output.lines.some((line) => line.startsWith(`warn the server did not stop within ${STOP_GRACE_MS} ms`)), output.lines.join('\n'));
    assert.ok(elapsed < 3 * STOP_GRACE_MS + 5_000, `${Math.round(elapsed)} ms`);
    assert.equal(client.spawned.length, 4);
    assert.deepEqual(client.spawned.filter((child) => running(child.pid!)).map((child) => child.pid), [client.serverProcess!.pid], 'exactly one server process runs');
  });
});
