// npm run bench, section 'startup': ESLint CLI on one tiny PHP file with configs.recommended vs
// the ESLint CLI without the plugin on one tiny JS file — whole processes, paired.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configFile, eslintBin } from './eslint-config.mjs';
import { measuredBy, paired, runNode } from './process.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-bench-startup-'));
fs.writeFileSync(path.join(dir, 'tiny.php'), '<?php echo 1;\n');
fs.writeFileSync(path.join(dir, 'tiny.js'), 'export const one = 1;\n');

const r = paired(
  RUNS,
  () => runNode([eslintBin, '--no-config-lookup', '-c', configFile('recommended'), 'tiny.php'], { cwd: dir }),
  () => runNode([eslintBin, '--no-config-lookup', '-c', configFile('no-plugin'), 'tiny.js'], { cwd: dir }),
);
fs.rmSync(dir, { recursive: true, force: true });
const extra = r.a.cpu - r.b.cpu;
console.log(`startup (one 14-byte file, whole process, median of ${RUNS} paired runs, measured by ${measuredBy}):`);
console.log(`  eslint + configs.recommended on tiny.php: CPU ${r.a.cpu.toFixed(2)} s, wall ${r.a.wall.toFixed(2)} s, peak RSS ${r.a.rssMB.toFixed(0)} MiB`);
console.log(`  eslint without the plugin on tiny.js:     CPU ${r.b.cpu.toFixed(2)} s, wall ${r.b.wall.toFixed(2)} s, peak RSS ${r.b.rssMB.toFixed(0)} MiB`);
console.log(`  → plugin adds ${extra.toFixed(2)} s CPU (target ≤ 0.2 s), ${(r.a.rssMB - r.b.rssMB).toFixed(0)} MiB`);
if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify({ startup: { plugin: r.a, noPlugin: r.b, extraCpu: extra } }, null, 2));
