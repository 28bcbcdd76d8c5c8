// npm run bench, section 'js-share' (node scripts/bench-js.mjs after `npm run build`): what the plugin's JS/TS rules add to an
// ESLint run over a JS project, as a ratio against the same run without them.
//
// The project: scripts/bench/js-tree.mjs (692 files of real JavaScript). Both runs use @typescript-eslint/parser and @eslint/js
// recommended; the second adds the `secure-logout/js` block of configs.recommended.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ESLint } from 'eslint';
import js from '@eslint/js';
import plugin from 'eslint-plugin-secure-logout';
import { buildProject } from './bench/js-tree.mjs';

const require = createRequire(import.meta.url);
const tsParser = require('@typescript-eslint/parser');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { root, files } = buildProject();
const bytes = (function size(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? size(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
})(root);
console.log(`project: ${files} JS files, ${(bytes / 1e6).toFixed(1)} MB (copied into ${root})`);

const base = {
  files: ['**/*.{js,mjs,cjs}'],
  languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
  linterOptions: { reportUnusedDisableDirectives: 'off' },
  rules: js.configs.recommended.rules,
};
const jsBlock = plugin.configs.recommended.find((c) => c.name === 'secure-logout/js');
const configs = {
  without: [base],
  with: [base, jsBlock],
};

async function run(config) {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config, cache: false, stats: true });
  const start = performance.now();
  const results = await eslint.lintFiles(['.']);
  const ms = performance.now() - start;
  const ours = results.reduce((n, r) => n + r.messages.filter((m) => m.ruleId?.startsWith('secure-logout/')).length, 0);
  // ESLint's own per-file timing: our rules' listeners (the shared analysis runs in the first
  // one's Program:exit) against everything ESLint spent on the files (parse, all rules, fixes).
  let ourRules = 0;
  let perFile = 0;
  for (const result of results) {
    for (const pass of result.stats?.times.passes ?? []) {
      perFile += pass.total;
      for (const [rule, time] of Object.entries(pass.rules ?? {})) if (rule.startsWith('secure-logout/')) ourRules += time.total;
    }
  }
  return { ms, ours, ourRules, perFile };
}

// One warm-up each (module loading, JIT), then alternate so drift hits both sides alike.
await run(configs.without);
await run(configs.with);
const times = { without: [], with: [] };
const shares = [];
let findings = 0;
for (let i = 0; i < RUNS; i++) {
  times.without.push((await run(configs.without)).ms);
  const withRun = await run(configs.with);
  times.with.push(withRun.ms);
  shares.push((withRun.ourRules / (withRun.perFile - withRun.ourRules)) * 100);
  findings = withRun.ours;
}
const without = median(times.without);
const withOurs = median(times.with);
const extra = (withOurs / without - 1) * 100;
console.log(`ESLint (@eslint/js recommended, TS parser) without our JS rules: median ${without.toFixed(0)} ms over ${RUNS} runs`);
console.log(`                                           with our JS rules:    median ${withOurs.toFixed(0)} ms (${findings} secure-logout findings)`);
const share = median(shares);
console.log(`wall-clock difference: ${extra.toFixed(1)} % (noisy on a shared machine)`);
console.log(`our JS rules' own time (ESLint stats) relative to the rest of the run: ${share.toFixed(2)} % (target < 10 %)`);
process.exitCode = share < 10 ? 0 : 1;
