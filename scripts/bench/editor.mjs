// npm run bench, section 'editor' (in-process, generated 3,000-file app): ratios against baselines measured in the same run.
//   1. whole-project scan (ESLint + configs.recommended) vs. php-parser parsing every file;
//   2. editor re-check of a 30 KB controller (Linter#verify, warm) vs. parsing that file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint, Linter } from 'eslint';
import { Engine } from 'php-parser';
import plugin from 'eslint-plugin-secure-logout';
import { LaravelProjectModel, projectModelFor } from 'eslint-plugin-secure-logout/project';
import { bigController, generateLaravelApp } from './generate-laravel-app.mjs';

const FILES = Number(process.env.BENCH_FILES ?? 3000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const time = (fn) => {
  const t = performance.now();
  const r = fn();
  return r instanceof Promise ? r.then(() => performance.now() - t) : performance.now() - t;
};

function phpFiles(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) phpFiles(full, out);
    else if (entry.name.endsWith('.php')) out.push(full);
  }
  return out;
}

const root = generateLaravelApp(path.join(os.tmpdir(), 'secure-logout-bench-app'), FILES);
const files = phpFiles(root);
const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
console.log(`project: ${files.length} PHP files, ${(bytes / 1e6).toFixed(1)} MB (generated in ${root})`);

// The baseline: php-parser with the options our language uses, every file, reading included.
const parser = new Engine({ parser: { extractDoc: true, suppressErrors: true, version: '8.4' }, ast: { withPositions: true, withSource: false } });
const parseAll = () => {
  for (const f of files) parser.parseCode(fs.readFileSync(f, 'utf8'), f);
};
const lintAll = async () => {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
  const results = await eslint.lintFiles(['.']);
  return results.reduce((n, r) => n + r.messages.length, 0);
};

const parseTimes = [];
const lintTimes = [];
let findings = 0;
for (let i = 0; i < RUNS; i++) {
  parseTimes.push(time(parseAll));
  const t = performance.now();
  findings = await lintAll();
  lintTimes.push(performance.now() - t);
}
const scanRatio = median(lintTimes) / median(parseTimes);
console.log(`whole-project scan: eslint ${median(lintTimes).toFixed(0)} ms (${findings} findings) vs php-parser parse-only ${median(parseTimes).toFixed(0)} ms → ratio ${scanRatio.toFixed(2)} (target < 1)`);

// Editor re-check: the same Linter call the language server makes on every change.
const big = bigController(30);
const linter = new Linter({ cwd: root });
const config = plugin.configs.recommended;
const verifyTimes = [];
const bigParseTimes = [];
for (let i = 0; i < 60; i++) {
  const edited = big.replace('return redirect(\'/\');', `return redirect('/${i}');`);
  let messages;
  const v = time(() => (messages = linter.verify(edited, config, { filename: path.join(root, 'app/Http/Controllers/BigController.php') })));
  if (!messages.some((m) => m.ruleId === 'secure-logout/invalidate-session')) throw new Error(`the 30 KB controller was not analysed: ${JSON.stringify(messages)}`);
  const p = time(() => parser.parseCode(edited, 'big.php'));
  if (i >= 10) {
    verifyTimes.push(v);
    bigParseTimes.push(p);
  }
}
console.log(
  `editor re-check, ${(big.length / 1024).toFixed(0)} KB controller: p50 ${median(verifyTimes).toFixed(1)} ms, p95 ${percentile(verifyTimes, 95).toFixed(1)} ms (target ≤ 30 ms) vs parse-only p50 ${median(bigParseTimes).toFixed(1)} ms → ratio ${(median(verifyTimes) / median(bigParseTimes)).toFixed(2)}`,
);

// Project model: a cold build over the whole app (routes, middleware, config, routed controllers).
const buildTimes = [];
for (let i = 0; i < RUNS; i++) buildTimes.push(time(() => new LaravelProjectModel(root).state));
console.log(`project model cold build: median ${median(buildTimes).toFixed(0)} ms for ${files.length} files (target < 2000 ms)`);

// Cross-file re-check: an unsaved edit to a route file (auth ↔ auth:sanctum on a logout route),
// the project model update, then linting every handler file the model says may change — what
// the language server does. Baseline: parsing the route file and those handler files.
const routeFile = path.join(root, 'routes/web.php');
const routeText = fs.readFileSync(routeFile, 'utf8');
const model = projectModelFor(routeFile);
model.state; // built once, as the editor does at start-up
const crossTimes = [];
const crossParseTimes = [];
let affectedCount = 0;
for (let i = 0; i < 40; i++) {
  const edited = i % 2 === 0 ? routeText.replace("->middleware('auth');", "->middleware('auth:sanctum');") : routeText;
  let affected = [];
  const t = time(() => {
    affected = model.update(routeFile, edited).affectedFiles.filter((f) => f !== routeFile && f.endsWith('.php'));
    for (const file of affected) linter.verify(fs.readFileSync(file, 'utf8'), config, { filename: file });
  });
  const p = time(() => {
    parser.parseCode(edited, 'routes.php');
    for (const file of affected) parser.parseCode(fs.readFileSync(file, 'utf8'), file);
  });
  if (i >= 10) {
    crossTimes.push(t);
    crossParseTimes.push(p);
    affectedCount = Math.max(affectedCount, affected.length);
  }
}
console.log(
  `cross-file re-check (route file edit → model update → re-lint of up to ${affectedCount} affected handler file(s)): p50 ${median(crossTimes).toFixed(1)} ms, p95 ${percentile(crossTimes, 95).toFixed(1)} ms (target ≤ 150 ms) vs parse-only p50 ${median(crossParseTimes).toFixed(1)} ms`,
);

const summary = { files: files.length, bytes, scanMs: median(lintTimes), parseMs: median(parseTimes), scanRatio, recheckP50: median(verifyTimes), recheckP95: percentile(verifyTimes, 95), modelBuildMs: median(buildTimes), crossP50: median(crossTimes), crossP95: percentile(crossTimes, 95) };
if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify(summary, null, 2));
