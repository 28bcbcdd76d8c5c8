// The lint worker: runs the analysis (analysis.ts) one job at a time, off the LSP thread, so a long
// lint never delays hover, code actions or cancellation. Jobs and answers are plain data.
import { parentPort, type MessagePort } from 'node:worker_threads';
import type { JsDependencies } from 'eslint-plugin-secure-logout/node';
import { Analysis, type CheckRequest, type ContextChange, type OpenDocument } from './analysis';

/** What the LSP thread asks (analysis-client.ts). */
export type WorkerRequest =
  | { op: 'check'; request: CheckRequest }
  | { op: 'contextChanged'; changes: ContextChange[]; open: OpenDocument[] }
  | { op: 'restore'; buffers: ContextChange[]; dependencies: [string, JsDependencies][] }
  | { op: 'forget'; uri: string }
  | { op: 'notAnalysed'; filePath: string }
  | { op: 'refusedFiles'; filePath: string };

/**
 * What the worker answers: `result` as soon as it is known (a check's diagnostics), then for a
 * fixable check `fixAll`, then `done` when the worker is free for the next job.
 */
export type WorkerReply =
  | { kind: 'log'; line: string }
  | { kind: 'result' | 'fixAll'; id: number; value: unknown }
  | { kind: 'error'; id: number; message: string }
  | { kind: 'done'; id: number };

export function runLintWorker(port: MessagePort | null = parentPort): void {
  if (!port) throw new Error('runLintWorker runs inside a worker thread');
  const post = (reply: WorkerReply) => port.postMessage(reply);
  const analysis = new Analysis((line) => post({ kind: 'log', line }));
  port.on('message', ({ id, job }: { id: number; job: WorkerRequest }) => {
    try {
      runJob(analysis, job, (kind, value) => post({ kind, id, value }));
    } catch (error) {
      post({ kind: 'error', id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
    post({ kind: 'done', id });
  });
}

/** Runs one job, answering through `answer` (shared by the worker and the on-thread fallback). */
export function runJob(analysis: Analysis, job: WorkerRequest, answer: (kind: 'result' | 'fixAll', value: unknown) => void): void {
  switch (job.op) {
    case 'check': {
      const result = analysis.check(job.request);
      answer('result', result);
      if (result.fixable) answer('fixAll', analysis.fixAll(job.request, result.messages));
      return;
    }
    case 'contextChanged':
      return answer('result', analysis.contextChanged(job.changes, job.open));
    case 'restore':
      return answer('result', analysis.restore(job.buffers, job.dependencies));
    case 'forget':
      return answer('result', analysis.forget(job.uri));
    case 'notAnalysed':
      return answer('result', analysis.notAnalysed(job.filePath, false));
    case 'refusedFiles':
      return answer('result', analysis.refusedFiles(job.filePath));
  }
}
