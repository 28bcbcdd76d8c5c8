import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeActionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { copyFixture, LspSession } from '../../server/tests/support/lsp-session';
import type { FuzzInput } from './mutate';
import { random } from './mutate';
import { hangLimitMs, type FuzzReport } from './run-plugin';

const FILES = { php: 'app/Http/Controllers/FuzzController.php', js: 'src/fuzz-routes.js', ts: 'src/fuzz.controller.ts' } as const;
const LANGUAGE_IDS = { php: 'php', js: 'javascript', ts: 'typescript' } as const;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([promise, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms))]);
}

/**
 * The same inputs through the running server over stdio, as an editor sends them: each input
 * replaces an open document's text; its diagnostics for that version, a hover and a code-action
 * request at a random position must all be answered within the budget. A server that dies or
 * stops answering is a hang; an error answer or a crash diagnostic is a crash.
 */
export async function fuzzServer(inputs: Iterable<FuzzInput>, seed: number, onProgress?: (done: number) => void): Promise<FuzzReport & { requests: number }> {
  const workspace = copyFixture();
  fs.mkdirSync(path.join(workspace, 'src'), { recursive: true });
  const session = new LspSession({ settings: {}, workspace });
  const report: FuzzReport & { requests: number } = { inputs: 0, crashes: [], hangs: [], slow: [], maxMs: 0, totalMs: 0, requests: 0 };
  const next = random(seed);
  const started = performance.now();
  const open = new Map<string, string>();
  try {
    await session.initialize();
    for (const input of inputs) {
      const filePath = path.join(workspace, FILES[input.language]);
      const t0 = performance.now();
      let uri = open.get(filePath);
      let version = 1;
      const since = session.diagnostics.length;
      if (!uri) {
        uri = await session.open(filePath, input.text, LANGUAGE_IDS[input.language]);
        open.set(filePath, uri);
      } else {
        version = await session.replace(uri, input.text);
      }
      const diagnostics = session.waitFor(() => session.diagnostics.slice(since).find((p) => p.uri === uri && p.version === version), `diagnostics for version ${version}`, 120_000);
      const published = await withTimeout(diagnostics.catch(() => 'timeout' as const), hangLimitMs());
      const lines = input.text.split('\n');
      const line = Math.floor(next() * (lines.length + 2));
      const position = { line, character: Math.floor(next() * ((lines[line]?.length ?? 0) + 2)) };
      const range = { start: position, end: position };
      const answers = await withTimeout(
        Promise.all([
          session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }),
          session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: published === 'timeout' ? [] : published.diagnostics } }),
        ]).then(
          () => 'answered' as const,
          (error: unknown) => `error answer: ${String(error)}`,
        ),
        hangLimitMs(),
      );
      report.requests += 2;
      const ms = performance.now() - t0;
      report.inputs++;
      report.maxMs = Math.max(report.maxMs, ms);
      if (published === 'timeout' || answers === 'timeout') report.hangs.push(input);
      else if (answers !== 'answered') report.crashes.push({ input, detail: answers });
      else {
        const broken = published.diagnostics.find((d) => d.code === 'internal-error' || /could not finish this check/.test(d.message));
        if (broken) report.crashes.push({ input, detail: `${String(broken.code)}: ${broken.message}` });
        else if (ms > 1_000) report.slow.push({ input, ms: Math.round(ms) });
      }
      onProgress?.(report.inputs);
      if (report.hangs.length > 0) break; // the server no longer answers: nothing after this is meaningful
    }
  } finally {
    await session.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  report.totalMs = performance.now() - started;
  return report;
}
