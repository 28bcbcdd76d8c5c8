// "Restart server" (and restarts for changed settings) that always works: a stuck server is killed
// after a short grace period, a start in progress is not stopped half-way, restarts never overlap,
// and the old process is gone before a new one starts.
import type * as vscode from 'vscode';
import type { LanguageClient, State } from 'vscode-languageclient/node';

// vscode-languageclient's State values, with the enum imported as a type only: the module needs VS
// Code at run time, and this file is unit-tested without it (the types keep the values in step).
const STARTING: State.Starting = 3;
const RUNNING: State.Running = 2;

/** How long a server gets to answer `shutdown` before its process is killed. */
export const STOP_GRACE_MS = 1_500;
/** How long a start in progress is waited for before its process is killed instead. */
const START_WAIT_MS = 5_000;

let queue: Promise<void> = Promise.resolve();
let pending = 0;

/** Restarts the server; calls made while one runs wait for it (a quick double restart makes one server). */
export function restartServer(client: LanguageClient, output: vscode.LogOutputChannel): Promise<void> {
  pending++;
  queue = queue
    .then(() => restartOnce(client, output))
    .catch((error: unknown) => output.error(`restart failed: ${String(error)}`))
    .finally(() => pending--);
  return queue;
}

/** From the call to restartServer until the new server runs: what is sent now would hit the old one. */
export function isRestarting(): boolean {
  return pending > 0;
}

async function restartOnce(client: LanguageClient, output: vscode.LogOutputChannel): Promise<void> {
  // Stopping a client that is still starting throws; wait for the start to settle (bounded).
  if (client.state === STARTING) await settled(client, START_WAIT_MS);
  const child = client.serverProcess;
  let stopped = false;
  if (client.isRunning()) {
    try {
      await client.stop(STOP_GRACE_MS);
      stopped = true;
    } catch (error) {
      output.warn(`the server did not stop within ${STOP_GRACE_MS} ms (${String(error)}): ending its process`);
    }
  }
  const alive = () => !!child && child.exitCode === null && child.signalCode === null;
  // stop() resolves once the server answered shutdown and was sent exit: it ends a moment later on its own.
  if (stopped && alive()) await exited(child!, STOP_GRACE_MS);
  if (alive()) {
    output.warn(`killing server process ${child!.pid ?? '?'}`);
    child!.kill('SIGKILL');
    await exited(child!, STOP_GRACE_MS);
  }
  if (client.state !== RUNNING && client.state !== STARTING) await client.start();
}

/** Resolves when the process exits, or after `timeoutMs`. */
function exited(child: NonNullable<LanguageClient['serverProcess']>, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function settled(client: LanguageClient, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    const listener = client.onDidChangeState((event) => {
      if (event.newState !== STARTING) done();
    });
    function done(): void {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    }
  });
}
