// npm run bench [-- --project <dir> …] [--only <section>,…]: performance claims as ratios against
// baselines measured in the same run. Each section is its own script and process (memory and
// module loading are measured per process); add a section by adding a line to SECTIONS.
//   editor   — in-process, generated 3,000-file app: scan, editor re-check, model build, cross-file re-check
//   startup  — one tiny file: ESLint with the plugin vs without it (whole processes)
//   trees    — whole trees: scan vs parse-only, --concurrency auto, JS-only scan vs parsing every JS file
//   server   — the language server's first diagnostics and RSS on a big app
//   js-share — our JS rules' share of an ESLint run with @eslint/js recommended
//   audit    — the session audit CLI on 1,000,000 SQLite rows
// With --project, the sections that take trees (trees, server) run on those checkouts only.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECTIONS = [
  { name: 'editor', script: 'bench/editor.mjs' },
  { name: 'startup', script: 'bench/startup.mjs' },
  { name: 'trees', script: 'bench/trees-bench.mjs', takesProjects: true },
  { name: 'server', script: 'bench/server-first.mjs', takesProjects: true },
  { name: 'js-share', script: 'bench-js.mjs' },
  { name: 'audit', script: 'bench-audit.mjs' },
];

const args = process.argv.slice(2);
const projects = [];
let only;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--project') projects.push(path.resolve(args[++i]));
  else if (args[i] === '--only') only = new Set(args[++i].split(','));
  else {
    console.error(`unknown argument ${args[i]}; usage: npm run bench -- [--project <dir>]… [--only ${SECTIONS.map((s) => s.name).join(',')}]`);
    process.exit(2);
  }
}
const chosen = SECTIONS.filter((s) => (only ? only.has(s.name) : projects.length === 0 || s.takesProjects || s.name === 'startup'));
let failed = false;
for (const section of chosen) {
  console.log(`\n## ${section.name}`);
  const run = spawnSync(process.execPath, [path.join(here, section.script), ...(section.takesProjects ? projects : [])], { stdio: 'inherit' });
  failed ||= run.status !== 0;
}
process.exitCode = failed ? 1 : 0;
