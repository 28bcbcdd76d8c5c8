// npm run bench, section 'trees': whole-process measurements on whole trees, each paired with
// its baseline in the same run (median of BENCH_RUNS, default 5):
//   - PHP: `eslint .` with configs.recommended vs php-parser parsing every PHP file it lints;
//   - `--concurrency auto` vs off, findings compared;
//   - JS: `eslint .` with configs['recommended-standalone'] vs @typescript-eslint/parser parsing
//     every JS/TS file it lints (and configs.recommended, no prefilter, for reference).
// Trees: the generated 3,000-file app, the real-shaped 1,300-file app, the 692-file JS tree, or
// the checkouts given with --project.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eslintArgs } from './eslint-config.mjs';
import { generateLaravelApp } from './generate-laravel-app.mjs';
import { generateRealShapedApp } from './generate-real-shaped-app.mjs';
import { buildProject } from './js-tree.mjs';
import { measuredBy, median, paired, runNode } from './process.mjs';
import { bytesOf, jsFiles, phpFiles } from './trees.mjs';
import { createRequire } from 'node:module';

// The plugin's own prefilter (built), so the counts are the files the scan really parses.
const { mayMatter, RELEVANT_TEXT } = createRequire(import.meta.url)('../../eslint-plugin/dist/languages/php/parse-php.js');

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const here = path.dirname(fileURLToPath(import.meta.url));
const parseOnly = path.join(here, 'parse-only.mjs');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-bench-out-'));
const projects = process.argv.slice(2);

/** "file:line:column rule message" of every message of an ESLint JSON report, sorted. */
function findingsOf(file, root) {
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`)).sort();
}

const f2 = (x) => x.toFixed(2);
const summary = {};

function php(label, root) {
  const files = phpFiles(root);
  if (files.length === 0) return;
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
  const named = texts.filter((t) => RELEVANT_TEXT.test(t)).length;
  const relevant = texts.filter((t) => mayMatter(t)).length;
  console.log(`\n${label}: ${files.length} PHP files, ${(bytesOf(files) / 1e6).toFixed(1)} MB, ${named} name a logout/session word, ${relevant} (${((relevant / files.length) * 100).toFixed(0)} %) pass the text prefilter (in code, or beside a call)`);
  const report = path.join(out, 'php.json');
  const scan = () => runNode(eslintArgs('recommended', report, ['--concurrency', 'off', '**/*.php']).filter((a) => a !== '.'), { cwd: root });
  const r = paired(RUNS, scan, () => runNode([parseOnly, 'php', root], { cwd: root }));
  const findings = findingsOf(report, root);
  const floors = Array.from({ length: Math.max(3, Math.ceil(RUNS / 2)) }, () => runNode(eslintArgs('floor', path.join(out, 'floor.json'), ['**/*.php']).filter((a) => a !== '.'), { cwd: root }));
  const floor = { cpu: median(floors.map((x) => x.cpu)), rssMB: Math.max(...floors.map((x) => x.rssMB)) };
  console.log(`  scan (eslint, configs.recommended): CPU ${f2(r.a.cpu)} s, wall ${f2(r.a.wall)} s, peak RSS ${r.a.rssMB.toFixed(0)} MiB, ${findings.length} findings`);
  console.log(`  php-parser parse-only:              CPU ${f2(r.b.cpu)} s, wall ${f2(r.b.wall)} s, peak RSS ${r.b.rssMB.toFixed(0)} MiB`);
  console.log(`  ESLint's own floor (our language, nothing parsed, no rule): CPU ${f2(floor.cpu)} s (${f2(floor.cpu / r.b.cpu)} of parse-only), peak RSS ${floor.rssMB.toFixed(0)} MiB`);
  console.log(`  → scan / parse-only: CPU ${f2(r.cpuRatio)} (target ≤ 0.67), wall ${f2(r.wallRatio)}; peak RSS target ≤ 150 MB = 143 MiB`);
  // ESLint's "auto" starts no worker below 4 cores (half the cores, and one worker is none);
  // "2" shows what each worker thread pays (its own plugin load and project model).
  const concurrency = {};
  for (const setting of ['auto', '2']) {
    const report = path.join(out, `php-${setting}.json`);
    const c = paired(Math.max(3, Math.ceil(RUNS / 2)), () => runNode(eslintArgs('recommended', report, ['--concurrency', setting, '**/*.php']).filter((a) => a !== '.'), { cwd: root }), scan);
    const same = JSON.stringify(findingsOf(report, root)) === JSON.stringify(findings);
    console.log(`  --concurrency ${setting} vs off: wall ${f2(c.a.wall)} s vs ${f2(c.b.wall)} s → speed-up ${f2(1 / c.wallRatio)}×, CPU ${f2(c.a.cpu)} s vs ${f2(c.b.cpu)} s, peak RSS ${c.a.rssMB.toFixed(0)} MiB, findings ${same ? 'identical' : 'DIFFERENT'}`);
    concurrency[setting] = { run: c.a, off: c.b, speedup: 1 / c.wallRatio, identical: same };
    if (!same) process.exitCode = 1;
  }
  summary[label] = { ...summary[label], php: { files: files.length, named, relevant, scan: r.a, parseOnly: r.b, floor, cpuRatio: r.cpuRatio, wallRatio: r.wallRatio, findings: findings.length, concurrency } };
}

function js(label, root) {
  const files = jsFiles(root);
  if (files.length === 0) return;
  console.log(`\n${label}: ${files.length} JS/TS files, ${(bytesOf(files) / 1e6).toFixed(1)} MB`);
  const standalone = path.join(out, 'js-standalone.json');
  const recommended = path.join(out, 'js-recommended.json');
  const glob = '**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}';
  const r = paired(RUNS, () => runNode(eslintArgs('standalone', standalone, [glob]).filter((a) => a !== '.'), { cwd: root }), () => runNode([parseOnly, 'js', root], { cwd: root }));
  const full = runNode(eslintArgs('recommended', recommended, [glob]).filter((a) => a !== '.'), { cwd: root });
  const ours = (file) => findingsOf(file, root).filter((f) => / secure-logout\//.test(f));
  const same = JSON.stringify(ours(standalone)) === JSON.stringify(ours(recommended));
  console.log(`  JS-only scan (configs['recommended-standalone'], prefilter): CPU ${f2(r.a.cpu)} s, wall ${f2(r.a.wall)} s, peak RSS ${r.a.rssMB.toFixed(0)} MiB`);
  console.log(`  parsing every JS/TS file (@typescript-eslint/parser):        CPU ${f2(r.b.cpu)} s, wall ${f2(r.b.wall)} s, peak RSS ${r.b.rssMB.toFixed(0)} MiB`);
  console.log(`  → parse-all / scan: CPU ${f2(1 / r.cpuRatio)}× (target ≥ 5×); configs.recommended without the prefilter, one run: CPU ${f2(full.cpu)} s, peak RSS ${full.rssMB.toFixed(0)} MiB; our findings ${same ? 'identical' : 'DIFFERENT'} (${ours(standalone).length})`);
  summary[label] = { ...summary[label], js: { files: files.length, scan: r.a, parseAll: r.b, speedup: 1 / r.cpuRatio, withoutPrefilter: full, identical: same } };
  if (!same) process.exitCode = 1;
}

console.log(`whole processes, paired, median of ${RUNS}; CPU = user + system, measured by ${measuredBy}`);
if (projects.length > 0) {
  for (const dir of projects) {
    php(path.basename(path.resolve(dir)), path.resolve(dir));
    js(path.basename(path.resolve(dir)), path.resolve(dir));
  }
} else {
  php('generated app (today\'s)', generateLaravelApp(path.join(os.tmpdir(), 'secure-logout-bench-app'), Number(process.env.BENCH_FILES ?? 3000)));
  const realShaped = path.join(os.tmpdir(), 'secure-logout-bench-real-shaped');
  fs.rmSync(realShaped, { recursive: true, force: true });
  php('real-shaped generated app', generateRealShapedApp(realShaped));
  js('JS tree (real package sources)', buildProject().root);
}
fs.rmSync(out, { recursive: true, force: true });
if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify(summary, null, 2));
