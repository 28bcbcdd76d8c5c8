// The lint worker: runs the analysis (analysis.ts) one job at a time, off the LSP thread, so a long
// lint never delays hover, code actions or cancellation. Jobs and answers are plain data.
import { parentPort, type MessagePort } from 'node:worker_threads';
import type { JsDependencies } from 'eslint-plugin-secure-logout/node';
import { Analysis, type CheckRequest, type ContextChange, type OpenDocument } from './analysis';
import { BufferTexts } from './buffer-texts';
import { ruleDocs, type LintMessage } from './lint-engine';

/** What the LSP thread asks (analysis-client.ts). */
export type WorkerRequest =
  | { op: 'check'; request: CheckRequest; textIsBuffer?: true }
  | { op: 'fixAll'; request: CheckRequest; firstPass: LintMessage[]; textIsBuffer?: true }
  | { op: 'contextChanged'; changes: ContextChange[]; open: OpenDocument[] }
  | { op: 'restore'; buffers: ContextChange[]; dependencies: [string, JsDependencies][] }
  | { op: 'forget'; uri: string }
  | { op: 'notAnalysed'; filePath: string }
  | { op: 'refusedFiles'; filePath: string };

/** What the worker answers: per job its `result` (or `error`), then `done`. */
export type WorkerReply =
  | { kind: 'log'; line: string }
  /** Sent first: the LSP thread shows documentation links without loading the plugin. */
  | { kind: 'ruleDocs'; docs: Record<string, string> }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; message: string }
  | { kind: 'done'; id: number };

export function runLintWorker(port: MessagePort | null = parentPort): void {
  if (!port) throw new Error('runLintWorker runs inside a worker thread');
  const post = (reply: WorkerReply) => port.postMessage(reply);
  post({ kind: 'ruleDocs', docs: ruleDocs() });
  const analysis = new Analysis((line) => post({ kind: 'log', line }));
  const buffers = new BufferTexts();
  port.on('message', ({ id, job }: { id: number; job: WorkerRequest }) => {
    try {
      buffers.receive(job);
      post({ kind: 'result', id, value: runJob(analysis, job) });
    } catch (error) {
      post({ kind: 'error', id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
    post({ kind: 'done', id });
  });
  analysis.warmUp();
}

/** Runs one job (shared by the worker and the on-thread fallback). */
export function runJob(analysis: Analysis, job: WorkerRequest): unknown {
  switch (job.op) {
    case 'check':
      return analysis.check(job.request);
    case 'fixAll':
      return analysis.fixAll(job.request, job.firstPass);
    case 'contextChanged':
      return analysis.contextChanged(job.changes, job.open);
    case 'restore':
      return analysis.restore(job.buffers, job.dependencies);
    case 'forget':
      return analysis.forget(job.uri);
    case 'notAnalysed':
      return analysis.notAnalysed(job.filePath, false);
    case 'refusedFiles':
      return analysis.refusedFiles(job.filePath);
  }
}
