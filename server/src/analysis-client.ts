// The LSP thread's side of the lint worker. Jobs run one at a time, in the order they were asked
// (a check always sees the context changes queued before it); fix-all outputs are computed when no
// other job waits, so they never delay a check. A check whose document moved on is dropped before
// it starts, and stopped when it is still running past its budget; a check past the hard limit or
// out of memory ends its worker, and a huge document's check recycles the worker so its memory goes
// back to the system. A new worker is given the editor's state first.
import type { Worker } from 'node:worker_threads';
import type { JsDependencies } from 'eslint-plugin-secure-logout/node';
import type { Analysis, CheckRequest, CheckResult, ContextChange, ContextChangeResult, FixAllResult, OpenDocument } from './analysis';
import { noteBufferTexts, withoutHeldText } from './buffer-texts';
import { CHECK_BUDGET_MS, overBudgetNote } from './check-budget';
import { crashDiagnostic } from './diagnostics';
import { useRuleDocs } from './lint-engine';
import type { WorkerReply, WorkerRequest } from './lint-worker';
import { startLintWorker, WORKER_HEAP_MB } from './lint-worker-thread';
import type { NotAnalysedRoute, RefusedFile } from './project-context';
import type { StatusParams } from './protocol';

/** A check still running after this long is stopped, its file named as not checked (tests shorten it: SECURE_LOGOUT_SERVER_TEST_HARD_LIMIT_MS). */
export const CHECK_HARD_LIMIT_MS = Number(process.env['SECURE_LOGOUT_SERVER_TEST_HARD_LIMIT_MS']) || 30_000;
/** After checking a document this large the worker is replaced, so the memory its lint took is returned. */
export const RECYCLE_AFTER_CHARS = 300_000;
/** Workers that die before finishing any job, in a row, before the analysis moves onto the LSP thread. */
const MAX_FAILED_STARTS = 3;

export interface AnalysisHost {
  log(line: string): void;
  status(params: StatusParams): void;
  /** What a fresh worker must know: open buffers and what each open document's last check read. */
  restoreState(): { buffers: ContextChange[]; dependencies: [string, JsDependencies][] };
}

export interface CheckOutcome {
  result: CheckResult;
  /** The text with every fix applied (fixable results only; undefined when the document moved on first). */
  fixAll: () => Promise<FixAllResult | undefined>;
}

interface Job {
  request: WorkerRequest;
  /** `elapsedMs`: from the job's start to its answer, the clock the over-budget notice uses. */
  answer(value: unknown, elapsedMs: number): void;
  /** Called once when the job ends: settles what was not answered (`reason` undefined: dropped as superseded). */
  finish(reason: string | undefined): void;
  /** Checks and fix-all: whether the checked version is still the document's. */
  isCurrent?: () => boolean;
  uri?: string;
  label: string;
  size: number;
}

interface Running {
  job: Job;
  id: number;
  startedAt: number;
  timers: NodeJS.Timeout[];
  error?: string;
}

export class AnalysisClient {
  private readonly queue: Job[] = [];
  /** Fix-all jobs: run when `queue` is empty. */
  private readonly idleQueue: Job[] = [];
  private running: Running | undefined;
  private worker: Worker | undefined;
  /** The analysis on this thread, when no worker runs. */
  private local: Analysis | undefined;
  private nextId = 1;
  private failedStarts = 0;
  /** Per open document, the buffer text the current worker holds (buffer-texts.ts). */
  private workerBuffers = new Map<string, string>();

  /** `workerScript` undefined: analyse on this thread (embedding without a worker entry); `prestarted`: its first worker, already loading. */
  constructor(
    private readonly workerScript: string | undefined,
    private readonly host: AnalysisHost,
    private prestarted?: Worker,
  ) {}

  /** Starts the worker now, so loading ESLint and the plugin overlaps the client's startup. */
  start(): void {
    this.ensureWorker();
  }

  dispose(): void {
    this.queue.length = 0;
    this.idleQueue.length = 0;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  /** Undefined when the document moved on before the check ran (or while it ran past its budget). */
  check(request: CheckRequest, isCurrent: () => boolean): Promise<CheckOutcome | undefined> {
    return new Promise((resolve) => {
      const started = performance.now();
      const job = { isCurrent, uri: request.uri, label: request.filePath, size: request.text.length };
      this.enqueue(this.queue, {
        ...job,
        request: { op: 'check', request },
        answer: (value, elapsedMs) => {
          const result = withElapsed(value as CheckResult, elapsedMs);
          let fixed: Promise<FixAllResult | undefined> | undefined;
          const fixAll = () => (fixed ??= result.fixable ? this.fixAll(request, result.messages, job) : Promise.resolve(undefined));
          // Ready before anyone asks, except for a huge document: another lint of it waits until asked.
          if (request.text.length <= RECYCLE_AFTER_CHARS) void fixAll();
          resolve({ result, fixAll });
        },
        finish: (reason) => resolve(reason === undefined ? undefined : { result: notCheckedResult(reason, performance.now() - started), fixAll: () => Promise.resolve(undefined) }),
      });
    });
  }

  /** Queued behind every other job: typing supersedes it before it runs, and it never delays a check. */
  private fixAll(request: CheckRequest, firstPass: CheckResult['messages'], job: Pick<Job, 'isCurrent' | 'uri' | 'label' | 'size'>): Promise<FixAllResult | undefined> {
    return new Promise((resolve) => {
      this.enqueue(this.idleQueue, { ...job, request: { op: 'fixAll', request, firstPass }, answer: (value) => resolve(value as FixAllResult), finish: () => resolve(undefined) });
    });
  }

  /** Applies buffer and disk changes; answers which files each affects. */
  contextChanged(changes: ContextChange[], open: OpenDocument[]): Promise<ContextChangeResult[]> {
    // If the worker ends first, its successor reads the disk and the restored buffers: re-check everything.
    return this.call({ op: 'contextChanged', changes, open }, () => changes.map((change) => ({ change, affected: 'all' as const, projectModelAffected: true })));
  }

  forget(uri: string): void {
    void this.call({ op: 'forget', uri }, () => undefined);
  }

  notAnalysed(filePath: string): Promise<NotAnalysedRoute[]> {
    return this.call({ op: 'notAnalysed', filePath }, () => []);
  }

  refusedFiles(filePath: string): Promise<RefusedFile[]> {
    return this.call({ op: 'refusedFiles', filePath }, () => []);
  }

  /** A document changed or closed: a check of its older version still running past its budget is stopped. */
  supersede(): void {
    const running = this.running;
    if (running?.job.isCurrent && !running.job.isCurrent() && performance.now() - running.startedAt >= CHECK_BUDGET_MS) this.stop(running, undefined);
  }

  private call<T>(request: WorkerRequest, fallback: () => T): Promise<T> {
    return new Promise((resolve) => {
      this.enqueue(this.queue, { request, label: request.op, size: 0, answer: (value) => resolve(value as T), finish: () => resolve(fallback()) });
    });
  }

  private enqueue(queue: Job[], job: Job): void {
    queue.push(job);
    this.pump();
  }

  private pump(): void {
    while (!this.running && this.queue.length + this.idleQueue.length > 0) {
      const job = (this.queue.length > 0 ? this.queue : this.idleQueue).shift()!;
      if (job.isCurrent && !job.isCurrent()) {
        job.finish(undefined);
        continue;
      }
      this.startJob(job);
    }
  }

  private startJob(job: Job): void {
    const running: Running = { job, id: this.nextId++, startedAt: performance.now(), timers: [] };
    this.running = running;
    if (job.request.op === 'check' || job.request.op === 'fixAll') {
      running.timers.push(
        setTimeout(() => this.overBudget(running), CHECK_BUDGET_MS),
        setTimeout(() => this.stop(running, `the check did not finish within ${CHECK_HARD_LIMIT_MS / 1000} s and was stopped`), CHECK_HARD_LIMIT_MS),
      );
    }
    const worker = this.ensureWorker();
    if (worker) worker.postMessage({ id: running.id, job: withoutHeldText(job.request, this.workerBuffers) });
    // Later, as a worker would answer: the caller's promise is set up first.
    else setImmediate(() => this.runLocally(running));
  }

  private runLocally(running: Running): void {
    // Only without a worker: loading the analysis here costs the LSP thread ESLint and the plugin.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Analysis, runJob } = { ...(require('./analysis') as typeof import('./analysis')), ...(require('./lint-worker') as typeof import('./lint-worker')) };
    this.local ??= new Analysis((line) => this.host.log(line));
    try {
      this.onReply({ kind: 'result', id: running.id, value: runJob(this.local, running.job.request) });
    } catch (error) {
      this.onReply({ kind: 'error', id: running.id, message: String(error) });
    }
    this.onReply({ kind: 'done', id: running.id });
  }

  private onReply(reply: WorkerReply): void {
    if (reply.kind === 'log') return this.host.log(reply.line);
    if (reply.kind === 'ruleDocs') return useRuleDocs(reply.docs);
    if (reply.kind === 'done') this.failedStarts = 0;
    const running = this.running;
    // Answers of the restore job (id 0) and of stopped jobs have no one waiting.
    if (!running || reply.id !== running.id) return;
    if (reply.kind === 'result') return running.job.answer(reply.value, performance.now() - running.startedAt);
    if (reply.kind === 'error') {
      running.error = reply.message;
      this.host.log(`analysis of ${running.job.label} failed: ${reply.message}`);
      return;
    }
    this.end(running, running.error ?? 'the analysis gave no answer');
    if (running.job.size > RECYCLE_AFTER_CHARS && this.worker) {
      this.host.log(`lint worker replaced after checking ${running.job.label} (${running.job.size} characters), so the memory that check took is returned`);
      this.replaceWorker();
    }
    this.pump();
  }

  private end(running: Running, reason: string | undefined): void {
    for (const timer of running.timers) clearTimeout(timer);
    if (this.running === running) this.running = undefined;
    running.job.finish(reason);
  }

  /** Past the budget: a superseded check is stopped; a current one is named in the output and the status item. */
  private overBudget(running: Running): void {
    if (this.running !== running) return;
    if (running.job.isCurrent && !running.job.isCurrent() && this.worker) return this.stop(running, undefined);
    const message = `still ${running.job.request.op === 'fixAll' ? 'applying the fixes of' : 'checking'} ${running.job.label} after ${CHECK_BUDGET_MS} ms (budget ${CHECK_BUDGET_MS} ms); other requests are answered meanwhile`;
    this.host.log(message);
    this.host.status({ state: 'validating', ...(running.job.uri ? { uri: running.job.uri } : {}), message });
  }

  /** Ends the running job by ending its worker (`reason` undefined: its document moved on). */
  private stop(running: Running, reason: string | undefined): void {
    if (this.running !== running || !this.worker) return;
    this.host.log(`stopped checking ${running.job.label}: ${reason ?? 'a newer version of the document replaces it'}`);
    this.end(running, reason);
    this.replaceWorker();
    this.pump();
  }

  private replaceWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.ensureWorker();
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    if (!this.workerScript || this.failedStarts >= MAX_FAILED_STARTS) return undefined;
    let worker: Worker;
    try {
      worker = this.prestarted ?? startLintWorker(this.workerScript);
      this.prestarted = undefined;
    } catch (error) {
      this.failedStarts = MAX_FAILED_STARTS;
      this.host.log(`the lint worker could not start (${String(error)}): analysing on the main thread`);
      return undefined;
    }
    worker.on('message', (reply: WorkerReply) => this.onReply(reply));
    worker.on('error', (error: Error & { code?: string }) =>
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? this.workerEnded(worker, `the check ran out of memory (limit ${WORKER_HEAP_MB} MB) and was stopped`, false)
        : this.workerEnded(worker, `the lint worker failed: ${error.stack ?? error.message}`, true),
    );
    worker.on('exit', (code) => this.workerEnded(worker, `the lint worker exited (code ${code})`, true));
    this.worker = worker;
    this.workerBuffers = new Map();
    const { buffers, dependencies } = this.host.restoreState();
    noteBufferTexts(this.workerBuffers, buffers);
    if (buffers.length > 0 || dependencies.length > 0) worker.postMessage({ id: 0, job: { op: 'restore', buffers, dependencies } satisfies WorkerRequest });
    return worker;
  }

  /** `broken`: not the document's fault (a failed start counts towards giving up on workers). */
  private workerEnded(worker: Worker, reason: string, broken: boolean): void {
    if (worker !== this.worker) return; // replaced on purpose
    this.worker = undefined;
    this.host.log(reason);
    if (broken && ++this.failedStarts >= MAX_FAILED_STARTS) this.host.log(`the lint worker ended ${MAX_FAILED_STARTS} times in a row without finishing a job: analysing on the main thread`);
    if (this.running) this.end(this.running, reason);
    this.pump();
  }
}

/**
 * A check the user was told is "still checking" ends with how long they waited, not only the lint's
 * own time inside the worker (which leaves out the hand-over and can stay just under the budget).
 */
function withElapsed(result: CheckResult, elapsedMs: number): CheckResult {
  if (result.budgetNote || elapsedMs <= CHECK_BUDGET_MS) return result;
  const durationMs = Math.max(result.durationMs, elapsedMs);
  return { ...result, durationMs, budgetNote: overBudgetNote(durationMs)! };
}

/** The result of a check that was stopped or lost: the file is named as not checked, and why. */
function notCheckedResult(reason: string, durationMs: number): CheckResult {
  return {
    messages: [],
    diagnostics: [crashDiagnostic(new Error(reason))],
    durationMs,
    jsDependencies: { files: new Set(), searches: new Map() },
    crash: { message: reason },
    budgetNote: reason,
    details: [],
    notAnalysed: [],
    fixable: false,
  };
}
