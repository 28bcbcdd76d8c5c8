// Starts a lint worker thread (lint-worker.ts). main.ts starts the first one before the LSP thread
// loads its own modules, so ESLint and the plugin load in the worker at the same time.
import { Worker } from 'node:worker_threads';

/** The worker's heap limit: a document that needs more ends as "out of memory", not as a server that eats the machine. */
export const WORKER_HEAP_MB = 2_048;

export function startLintWorker(script: string): Worker {
  const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB }, stdout: true, stderr: true });
  // stdout is the LSP stream: whatever the analysis prints goes to stderr (the client's log).
  worker.stdout.pipe(process.stderr);
  worker.stderr.pipe(process.stderr);
  return worker;
}
