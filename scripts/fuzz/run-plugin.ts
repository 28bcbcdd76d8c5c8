import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FUZZ_PROJECTS } from './corpus';
import type { FuzzInput } from './mutate';

/** An input that did not finish in this time is a hang (the and the hook's 5 s). */
export const HANG_MS = 5_000;

/**
 * The watchdog's wall-clock limit: 5 s of an undisturbed machine. On a host shared with other
 * jobs (load above the core count) the limit stretches with the load, up to 60 s, so a busy CI
 * neighbour does not turn a slow input into a false hang; a real loop never finishes anyway.
 */
export function hangLimitMs(): number {
  const load = os.loadavg()[0]! / Math.max(1, os.cpus().length);
  return Math.min(60_000, HANG_MS * Math.max(1, load));
}
/** Slower than this is reported as slow (not a failure). */
export const SLOW_MS = 1_000;

export interface LintedMessage {
  ruleId: string | null;
  messageId?: string;
  fatal: boolean;
  line: number;
  message: string;
}

export type Outcome =
  | { kind: 'ok'; ms: number; messages: LintedMessage[] }
  /** An exception out of ESLint, a fatal message for PHP, or a rule that gave up on the file. */
  | { kind: 'crash'; ms: number; detail: string }
  | { kind: 'hang'; ms: number };

export interface FuzzReport {
  inputs: number;
  crashes: { input: FuzzInput; detail: string }[];
  hangs: FuzzInput[];
  slow: { input: FuzzInput; ms: number }[];
  maxMs: number;
  totalMs: number;
}

const PLUGIN = path.resolve(__dirname, '../../eslint-plugin/dist/index.js');

/** A lint worker with a watchdog: a stuck lint is terminated and the worker replaced. */
export class PluginFuzzer {
  #worker: Worker | undefined;

  #spawn(): Worker {
    return (this.#worker ??= new Worker(path.join(__dirname, 'lint-worker.cjs'), { workerData: { pluginPath: PLUGIN } }));
  }

  lint(input: FuzzInput, hangMs = hangLimitMs()): Promise<Outcome> {
    const worker = this.#spawn();
    const project = FUZZ_PROJECTS[input.language];
    const started = performance.now();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        worker.off('message', onMessage);
        this.#worker = undefined;
        void worker.terminate();
        resolve({ kind: 'hang', ms: performance.now() - started });
      }, hangMs);
      const onMessage = (reply: { id: number; ms: number; messages?: LintedMessage[]; error?: string }) => {
        if (reply.id !== input.id) return;
        clearTimeout(timer);
        worker.off('message', onMessage);
        resolve(classify(input, reply));
      };
      worker.on('message', onMessage);
      worker.postMessage({ id: input.id, text: input.text, root: project.root, filePath: path.join(project.root, project.file) });
    });
  }

  async dispose(): Promise<void> {
    await this.#worker?.terminate();
    this.#worker = undefined;
  }
}

function classify(input: FuzzInput, reply: { ms: number; messages?: LintedMessage[]; error?: string }): Outcome {
  if (reply.error) return { kind: 'crash', ms: reply.ms, detail: reply.error.split('\n').slice(0, 4).join(' | ') };
  const messages = reply.messages ?? [];
  // JS/TS syntax errors are ESLint's fatal "Parsing error" by contract; PHP never has a fatal message.
  const broken = messages.find((m) => m.messageId === 'analysisFailed' || (m.fatal && input.language === 'php') || (m.fatal && !/^Parsing error/.test(m.message)));
  if (broken) return { kind: 'crash', ms: reply.ms, detail: `${broken.ruleId ?? 'fatal'}: ${broken.message}` };
  return { kind: 'ok', ms: reply.ms, messages };
}

/** Lints every input through the plugin and collects crashes, hangs and slow inputs. */
export async function fuzzPlugin(inputs: Iterable<FuzzInput>, onProgress?: (done: number) => void): Promise<FuzzReport> {
  const fuzzer = new PluginFuzzer();
  const report: FuzzReport = { inputs: 0, crashes: [], hangs: [], slow: [], maxMs: 0, totalMs: 0 };
  const started = performance.now();
  try {
    // Loading ESLint, the parsers and the project models is not the inputs' time.
    for (const language of ['php', 'js', 'ts'] as const) await fuzzer.lint({ id: -1, origin: 'warm-up', mutation: '', language, text: '' }, 60_000);
    for (const input of inputs) {
      const outcome = await fuzzer.lint(input);
      report.inputs++;
      report.maxMs = Math.max(report.maxMs, outcome.ms);
      if (outcome.kind === 'hang') report.hangs.push(input);
      else if (outcome.kind === 'crash') report.crashes.push({ input, detail: outcome.detail });
      else if (outcome.ms > SLOW_MS) report.slow.push({ input, ms: Math.round(outcome.ms) });
      onProgress?.(report.inputs);
    }
  } finally {
    await fuzzer.dispose();
  }
  report.totalMs = performance.now() - started;
  return report;
}

/**
 * Writes every input that hung or crashed to `dir` (one file each, the mutation in the name) so
 * it can become a regression input, and returns a one-line-per-failure summary.
 */
export function saveFailures(report: FuzzReport, dir: string): string[] {
  const failures = [...report.hangs.map((input) => ({ input, what: 'hang' })), ...report.crashes.map(({ input, detail }) => ({ input, what: `crash: ${detail}` }))];
  if (failures.length > 0) fs.mkdirSync(dir, { recursive: true });
  return failures.map(({ input, what }) => {
    const file = path.join(dir, `${input.id}-${input.mutation.replace(/[^a-z0-9+-]/gi, '_')}.${input.language}`);
    fs.writeFileSync(file, input.text);
    return `${what} — ${input.origin} (${input.mutation}) saved as ${file}`;
  });
}
