// npm run fuzz -- [--inputs 20000] [--seed 1] [--server 2000] [--out DIR]
// Long mode of the fuzz suite: mutated fixtures and acceptance files through the plugin (ESLint
// inside a realistic project, one worker with a watchdog) and through the running server over stdio.
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fuzzSeeds } from './corpus';
import { fuzzInputs } from './mutate';
import { fuzzPlugin, saveFailures, type FuzzReport } from './run-plugin';
import { fuzzServer } from './run-server';

const { values } = parseArgs({
  options: {
    inputs: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
    server: { type: 'string' },
    out: { type: 'string', default: path.join(os.tmpdir(), 'secure-logout-fuzz') },
  },
});
const inputs = Number(values.inputs);
const seed = Number(values.seed);
const serverInputs = values.server !== undefined ? Number(values.server) : Math.ceil(inputs / 10);

function summary(name: string, report: FuzzReport): string {
  const slowest = [...report.slow].sort((a, b) => b.ms - a.ms).slice(0, 5).map((s) => `${s.input.origin} (${s.input.mutation}) ${s.ms} ms`);
  return [
    `${name}: ${report.inputs} inputs, ${report.crashes.length} crashes, ${report.hangs.length} hangs, ${report.slow.length} slow (> 1 s), max ${Math.round(report.maxMs)} ms, total ${(report.totalMs / 1000).toFixed(1)} s`,
    ...slowest.map((line) => `  slow: ${line}`),
  ].join('\n');
}

void (async () => {
  const seeds = fuzzSeeds();
  console.log(`fuzz: ${seeds.length} seed files, seed ${seed}, ${inputs} plugin inputs, ${serverInputs} server inputs; failures go to ${values.out}`);
  const plugin = await fuzzPlugin(fuzzInputs(seeds, inputs, seed), (done) => done % 1000 === 0 && console.log(`  plugin: ${done}/${inputs}`));
  console.log(summary('plugin', plugin));
  const server = await fuzzServer(fuzzInputs(seeds, serverInputs, seed + 1), seed + 1, (done) => done % 500 === 0 && console.log(`  server: ${done}/${serverInputs}`));
  console.log(`${summary('server', server)} (${server.requests} requests besides the diagnostics)`);
  const failures = [...saveFailures(plugin, path.join(values.out!, 'plugin')), ...saveFailures(server, path.join(values.out!, 'server'))];
  for (const line of failures) console.log(`  ${line}`);
  process.exitCode = failures.length > 0 ? 1 : 0;
})();
