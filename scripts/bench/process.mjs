// Whole-process measurements: CPU (user + system), wall time and peak RSS of a child process,
// read from the kernel's accounting through GNU time when it is installed (outside the measured
// process), else from the child's own process.resourceUsage() at exit.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const GNU_TIME = ['/usr/bin/time', '/bin/time'].find((p) => fs.existsSync(p));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-bench-proc-'));
const usageHook = path.join(scratch, 'usage.cjs');
fs.writeFileSync(usageHook, `process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1e6, rssMB: u.maxRSS / 1024 })); });\n`);

export const measuredBy = GNU_TIME ? 'GNU time (kernel rusage of the child)' : 'the child process.resourceUsage() at exit';

/** Runs `node args…` in `cwd`; returns { cpu (s), wall (s), rssMB (MiB: KiB / 1024), status, stdout }. */
export function runNode(args, { cwd, env = {} } = {}) {
  const usageFile = path.join(scratch, `usage-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const start = performance.now();
  const child = GNU_TIME
    ? spawnSync(GNU_TIME, ['-f', '%U %S %M', '-o', usageFile, process.execPath, ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, ['--require', usageHook, ...args], { cwd, env: { ...process.env, ...env, BENCH_USAGE_FILE: usageFile }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = (performance.now() - start) / 1000;
  const text = fs.readFileSync(usageFile, 'utf8').trim();
  fs.rmSync(usageFile, { force: true });
  let cpu;
  let rssMB;
  if (GNU_TIME) {
    const [user, system, maxKB] = text.split(/\s+/).slice(-3).map(Number);
    cpu = user + system;
    rssMB = maxKB / 1024;
  } else {
    ({ cpu, rssMB } = JSON.parse(text));
  }
  if (child.status !== 0 && child.status !== 1) throw new Error(`node ${args.join(' ')} exited ${child.status}: ${child.stderr?.slice(-2000)}`);
  return { cpu, wall, rssMB, status: child.status, stdout: child.stdout };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/**
 * Paired runs: A then B (alternating which goes first), `runs` times, so machine load drifts hit
 * both alike. Returns the medians of each and the median of the per-pair ratios A/B.
 */
export function paired(runs, a, b) {
  const as = [];
  const bs = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      as.push(a());
      bs.push(b());
    } else {
      bs.push(b());
      as.push(a());
    }
  }
  const summary = (xs) => ({ cpu: median(xs.map((x) => x.cpu)), wall: median(xs.map((x) => x.wall)), rssMB: Math.max(...xs.map((x) => x.rssMB)) });
  return {
    a: summary(as),
    b: summary(bs),
    cpuRatio: median(as.map((x, i) => x.cpu / bs[i].cpu)),
    wallRatio: median(as.map((x, i) => x.wall / bs[i].wall)),
    last: { a: as[as.length - 1], b: bs[bs.length - 1] },
  };
}
