import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';

/**
 * ESLint's --concurrency lints files in worker threads, each with its own copy of the plugin and
 * its own project models (nothing is shared between threads). The findings must be exactly those
 * of a single-threaded run. Workers load the config from a file, so this uses the built plugin.
 */
const ROOT = path.resolve(__dirname, '../../..');
const APPS = ['laravel-sanctum-spa', 'laravel-breeze', 'laravel-12-has-middleware', 'laravel-8-kernel-namespace', 'express-passport07', 'koa', 'nestjs'];

function messages(results: ESLint.LintResult[], root: string): string[] {
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`)).sort();
}

describe('--concurrency', function () {
  this.timeout(180_000);
  let work: string;

  before(function () {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-concurrency-'));
    for (const app of APPS) fs.cpSync(path.join(ROOT, 'test-fixtures', app), path.join(work, app), { recursive: true });
    const plugin = pathToFileURL(path.join(ROOT, 'eslint-plugin/dist/index.js')).href;
    fs.writeFileSync(path.join(work, 'eslint.config.mjs'), `import plugin from ${JSON.stringify(plugin)};\nexport default plugin.configs.recommended;\n`);
  });

  after(function () {
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('two worker threads report exactly what one thread reports, over several Laravel and Node apps', async function () {
    const lint = (concurrency: number | 'off') => new ESLint({ cwd: work, concurrency }).lintFiles(['.']);
    const single = messages(await lint('off'), work);
    const threaded = messages(await lint(2), work);
    assert.ok(single.filter((m) => m.includes('secure-logout/')).length >= 10, `too few findings to compare:\n${single.join('\n')}`);
    assert.deepEqual(threaded, single);
  });
});
