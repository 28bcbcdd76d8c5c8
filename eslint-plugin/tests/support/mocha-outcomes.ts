import { spawn } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Each test's full title → 'passes' / 'failures' / 'pending', from a mocha run of `files` in a
 * process of its own, with `env` set and the variables in `unset` removed: how the speed tests
 * prove a speed-up changes no outcome (the switches are read once, at module load).
 */
export function mochaOutcomes(files: string[], env: Record<string, string>, unset: readonly string[] = []): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    for (const key of unset) if (!(key in env)) delete childEnv[key];
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/mocha/bin/mocha.js'), '--reporter', 'json', ...files], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      try {
        const report = JSON.parse(out.slice(out.indexOf('{\n'))) as Record<'passes' | 'failures' | 'pending', { fullTitle: string }[]>;
        const outcomes: Record<string, string> = {};
        for (const state of ['passes', 'failures', 'pending'] as const) for (const test of report[state]) outcomes[test.fullTitle] = state;
        resolve(outcomes);
      } catch (error) {
        reject(new Error(`mocha with ${JSON.stringify(env)} gave no report: ${String(error)}\n${out.slice(-2000)}`));
      }
    });
  });
}
