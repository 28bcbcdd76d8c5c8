// npm run bench, section 'server': the language server's first diagnostics for a logout controller
// of a big app (cold process, cold project model), and the server's peak RSS afterwards.
// Tree: the real-shaped 1,300-file app, or each Laravel checkout given with --project.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import protocol from 'vscode-languageserver-protocol/node';
import { generateRealShapedApp } from './generate-real-shaped-app.mjs';
import { median } from './process.mjs';
import { phpFiles } from './trees.mjs';

const { createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification, PublishDiagnosticsNotification, DidOpenTextDocumentNotification, ConfigurationRequest, ShutdownRequest, ExitNotification } = protocol;
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// e.g. BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server.
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** The first app file that logs out (a controller the user would open first). */
function logoutFile(root) {
  return phpFiles(root).filter((f) => f.includes(`${path.sep}app${path.sep}`)).sort().find((f) => /->logout\(|Auth::logout\(/.test(fs.readFileSync(f, 'utf8')));
}

/** CPU seconds (user + system) the process used so far: load-independent, unlike wall time on a shared machine. */
function cpuSeconds(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

function peakRssMB(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]) / 1024;
  } catch {
    return NaN;
  }
}

async function firstDiagnostics(root, file) {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, path.join(repo, 'server/bin/secure-logout-server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const uri = pathToFileURL(file).href;
  let resolveFirst;
  const first = new Promise((resolve) => (resolveFirst = resolve));
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => params.uri === uri && resolveFirst(params));
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => null));
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const initialized = performance.now();
  const cpuAtOpen = cpuSeconds(child.pid);
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'php', version: 1, text: fs.readFileSync(file, 'utf8') } });
  const published = await first;
  const openToDiagnostics = performance.now() - initialized;
  const openCpu = cpuSeconds(child.pid) - cpuAtOpen;
  const rss = peakRssMB(child.pid);
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  // Let it exit by itself (a profile is written at exit), else stop it.
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const timer = setTimeout(() => child.kill(), 5000);
  await exited;
  clearTimeout(timer);
  connection.dispose();
  return { startMs: initialized - spawnedAt, openToDiagnostics, openCpu, startCpu: cpuAtOpen, findings: published.diagnostics.length, rss };
}

const roots = process.argv.slice(2).map((d) => path.resolve(d));
if (roots.length === 0) roots.push(generateRealShapedApp(fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-bench-server-'))));
const summary = {};
for (const root of roots) {
  const file = logoutFile(root);
  if (!file) continue;
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await firstDiagnostics(root, file));
  const m = { startMs: median(runs.map((r) => r.startMs)), startCpu: median(runs.map((r) => r.startCpu)), openToDiagnostics: median(runs.map((r) => r.openToDiagnostics)), openCpu: median(runs.map((r) => r.openCpu)), rss: Math.max(...runs.map((r) => r.rss)), findings: runs[0].findings };
  console.log(`server on ${path.basename(root)} (${phpFiles(root).length} PHP files), ${path.relative(root, file)}: spawn + initialize ${m.startMs.toFixed(0)} ms (server CPU ${m.startCpu.toFixed(2)} s), didOpen → first diagnostics median ${m.openToDiagnostics.toFixed(0)} ms wall, ${m.openCpu.toFixed(2)} s server CPU, of ${RUNS} cold servers (target ≤ 1,000 ms), ${m.findings} findings, server peak RSS ${m.rss.toFixed(0)} MiB`);
  summary[path.basename(root)] = m;
}
if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify(summary, null, 2));
