// Measures the language server's latency as an editor sees it: the real binary over stdio, time
// from sending didOpen / didChange to receiving publishDiagnostics for that version.
// Files: the demo controller (test-fixtures/laravel-sanctum-spa) and a generated ~30 KB controller
// routed in the same app. 20 samples each; prints median and worst (and JSON with --json).
// Then responsiveness: the demo controller's finding is hovered every 100 ms while a generated
// 900 KB JavaScript module (seconds to lint) is checked; prints the hover latencies.
//   npm run bench:server            (builds first)
//   node server/bench/latency.mjs   (uses the built server/dist)
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import protocol from 'vscode-languageserver-protocol/node';

const { createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification, PublishDiagnosticsNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, ConfigurationRequest, ShutdownRequest, ExitNotification, HoverRequest } = protocol;

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const SAMPLES = 20;
const DEMO = path.join(repo, 'test-fixtures/laravel-sanctum-spa');
const DEMO_CONTROLLER = 'app/Http/Controllers/Auth/SpaSessionController.php';
const LARGE_CONTROLLER = 'app/Http/Controllers/Auth/LargeSessionController.php';

/** A realistic controller of about 30 KB: many session-touching actions and one unsafe logout at the end. */
function largeController(targetBytes = 30_000) {
  const head = `<?php\n\nnamespace App\\Http\\Controllers\\Auth;\n\nuse App\\Http\\Controllers\\Controller;\nuse Illuminate\\Http\\JsonResponse;\nuse Illuminate\\Http\\Request;\nuse Illuminate\\Http\\Response;\nuse Illuminate\\Support\\Facades\\Auth;\n\nclass LargeSessionController extends Controller\n{\n`;
  const action = (i) => `    /**\n     * Action ${i}: reads and writes session state.\n     */\n    public function action${i}(Request $request): JsonResponse\n    {\n        $items = $request->session()->get('items.${i}', []);\n        foreach ($request->input('add', []) as $key => $value) {\n            if (is_string($value) && strlen($value) < 200) {\n                $items[$key] = trim($value);\n            }\n        }\n        $request->session()->put('items.${i}', $items);\n        $request->session()->flash('status', 'saved ${i}');\n\n        return response()->json(['count' => count($items), 'user' => Auth::id()]);\n    }\n\n`;
  const logout = `    public function destroy(Request $request): Response\n    {\n        Auth::guard('web')->logout();\n\n        return response()->noContent();\n    }\n}\n`;
  let body = head;
  for (let i = 0; body.length + logout.length < targetBytes; i++) body += action(i);
  return body + logout;
}

/** About 900 KB of ordinary Express route handlers: just under the server's 1,000,000-character JS cap. */
function largeRoutesModule(targetChars = 900_000) {
  let text = "import { Router } from 'express';\n\nconst router = Router();\n";
  for (let i = 0; text.length < targetChars; i++) {
    text += `router.post('/items/${i}', (req, res) => {\n  const value = req.body.value${i};\n  if (value) {\n    res.json({ saved: ${i} });\n  } else {\n    res.status(400).end();\n  }\n});\n`;
  }
  return `${text}export default router;\n`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-bench-'));
  fs.cpSync(DEMO, workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, LARGE_CONTROLLER), largeController());
  const apiRoutes = path.join(workspace, 'routes/api.php');
  fs.writeFileSync(apiRoutes, fs.readFileSync(apiRoutes, 'utf8').replace('use App\\Http\\Controllers\\Auth\\LogoutController;', 'use App\\Http\\Controllers\\Auth\\LargeSessionController;\nuse App\\Http\\Controllers\\Auth\\LogoutController;').replace("    Route::post('/logout-any-client'", "    Route::post('/large/logout', [LargeSessionController::class, 'destroy']);\n    Route::post('/logout-any-client'"));

  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [path.join(repo, 'server/bin/secure-logout-server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    const key = `${params.uri}@${params.version}`;
    waiting.get(key)?.(params);
    waiting.delete(key);
  });
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => null));
  connection.listen();
  const diagnosticsFor = (uri, version) => new Promise((resolve) => waiting.set(`${uri}@${version}`, resolve));

  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'bench' }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const initializedMs = performance.now() - spawnedAt;

  const results = { samples: SAMPLES, serverStartAndInitializeMs: initializedMs, files: {} };
  let first = true;
  for (const [label, relative] of [['demo controller', DEMO_CONTROLLER], ['30 KB controller', LARGE_CONTROLLER]]) {
    const filePath = path.join(workspace, relative);
    const uri = pathToFileURL(filePath).href;
    const text = fs.readFileSync(filePath, 'utf8');
    const open = [];
    let findings = 0;
    for (let i = 0; i < SAMPLES + 1; i++) {
      const done = diagnosticsFor(uri, 1);
      const sent = performance.now();
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'php', version: 1, text } });
      const published = await done;
      open.push(performance.now() - sent);
      if (first) results.spawnToFirstDiagnosticsMs = performance.now() - spawnedAt;
      first = false;
      findings = published.diagnostics.length;
      await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Keep it open and edit: one change at a time (a pause between keystrokes), each awaited.
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'php', version: 1, text } });
    await diagnosticsFor(uri, 1);
    const change = [];
    const logoutLine = text.split('\n').findIndex((line) => line.includes("Auth::guard('web')->logout();"));
    for (let version = 2; version < SAMPLES + 2; version++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const done = diagnosticsFor(uri, version);
      const sent = performance.now();
      // Type one character into a comment above the logout (alternating insert / delete).
      const edit = version % 2 === 0
        ? { range: { start: { line: logoutLine, character: 0 }, end: { line: logoutLine, character: 0 } }, text: '/**/' }
        : { range: { start: { line: logoutLine, character: 0 }, end: { line: logoutLine, character: 4 } }, text: '' };
      await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [edit] });
      await done;
      change.push(performance.now() - sent);
    }
    await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    results.files[label] = {
      bytes: Buffer.byteLength(text),
      findings,
      firstOpenMs: open[0],
      didOpenToDiagnostics: { medianMs: median(open.slice(1)), worstMs: Math.max(...open.slice(1)) },
      didChangeToDiagnostics: { medianMs: median(change), worstMs: Math.max(...change) },
    };
  }

  results.hoverDuringLongLint = await hoverDuringLongLint(connection, diagnosticsFor, workspace);

  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  connection.dispose();
  child.kill();
  fs.rmSync(workspace, { recursive: true, force: true });

  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  const f = (ms) => `${ms.toFixed(1)} ms`;
  console.log(`secure-logout-server latency over stdio (${SAMPLES} samples each, Node ${process.version}, ${os.cpus().length} CPUs)`);
  console.log(`server spawn + initialize: ${f(results.serverStartAndInitializeMs)}; spawn to the first diagnostics (cold): ${f(results.spawnToFirstDiagnosticsMs)}`);
  console.log('| file | bytes | findings | first didOpen (cold) | didOpen→diagnostics median / worst | didChange→diagnostics median / worst |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [label, r] of Object.entries(results.files)) {
    console.log(`| ${label} | ${r.bytes} | ${r.findings} | ${f(r.firstOpenMs)} | ${f(r.didOpenToDiagnostics.medianMs)} / ${f(r.didOpenToDiagnostics.worstMs)} | ${f(r.didChangeToDiagnostics.medianMs)} / ${f(r.didChangeToDiagnostics.worstMs)} |`);
  }
  const h = results.hoverDuringLongLint;
  console.log(`hover on the demo controller while a 900 KB JS module is linted (${f(h.lintMs)}): ${h.hovers} hovers sent during the lint, median ${f(h.medianMs)} / worst ${f(h.worstMs)}`);
}

/** Hovers the demo controller's finding every 100 ms until a 900 KB module's lint publishes. */
async function hoverDuringLongLint(connection, diagnosticsFor, workspace) {
  const controller = pathToFileURL(path.join(workspace, DEMO_CONTROLLER)).href;
  const open = diagnosticsFor(controller, 1);
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: controller, languageId: 'php', version: 1, text: fs.readFileSync(path.join(workspace, DEMO_CONTROLLER), 'utf8') } });
  const position = (await open).diagnostics[0].range.start;
  const big = pathToFileURL(path.join(workspace, 'resources/js/generated-routes.js')).href;
  let lintMs;
  const sent = performance.now();
  const linted = diagnosticsFor(big, 1).then(() => (lintMs = performance.now() - sent));
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: big, languageId: 'javascript', version: 1, text: largeRoutesModule() } });
  // Every hover sent before the lint's diagnostics arrive counts, also one the lint kept waiting.
  const hovers = [];
  while (lintMs === undefined) {
    const started = performance.now();
    await connection.sendRequest(HoverRequest.type, { textDocument: { uri: controller }, position });
    hovers.push(performance.now() - started);
    await Promise.race([linted, new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  for (const uri of [big, controller]) await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  return { lintMs, hovers: hovers.length, medianMs: hovers.length ? median(hovers) : 0, worstMs: hovers.length ? Math.max(...hovers) : 0 };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
