import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import plugin = require('../src/index');

/**
 * The plugin as users get it: `npm pack`, installed with eslint into a fresh Laravel project
 * (offline, from the npm cache `npm ci` filled), configured with the README's two lines.
 */
const ROOT = path.resolve(__dirname, '../..');
const PLUGIN_DIR = path.join(ROOT, 'eslint-plugin');
const DEMO = path.join(ROOT, 'test-fixtures/laravel-sanctum-spa');

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
}

/** The `eslint.config.js` block of the README, as users copy it. */
function readmeConfig(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /`eslint\.config\.js`:\s*```js\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README shows an eslint.config.js block');
  return block[1]!;
}

function versionOf(name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

describe('eslint-plugin-secure-logout as an npm package', function () {
  this.timeout(240_000);
  let work: string;
  let tarball: string;

  before(function () {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-pack-'));
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], PLUGIN_DIR)) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(work, packed!.filename);
    fs.writeFileSync(path.join(work, 'files.json'), JSON.stringify(packed!.files.map((f) => f.path)));
  });

  after(function () {
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('ships the built code, types, docs, README and LICENSE, and no sources or tests', function () {
    const files = JSON.parse(fs.readFileSync(path.join(work, 'files.json'), 'utf8')) as string[];
    for (const required of ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts', 'docs/rules/invalidate-session.md']) {
      assert.ok(files.includes(required), `${required} is in the package`);
    }
    assert.deepEqual(files.filter((f) => /^(src|tests)\//.test(f) || f.endsWith('.map') || f.endsWith('.tsbuildinfo')), []);
    const manifest = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, 'package.json'), 'utf8')) as Record<string, unknown>;
    // TypeScript only for JS/TS files: a PHP-only run never loads it (tests/speed/lazy-loading.test.ts).
    assert.deepEqual(manifest['peerDependencies'], { eslint: '^9.15.0 || ^10.0.0', typescript: '>=4.8.4 <6.1.0' });
    assert.deepEqual(manifest['peerDependenciesMeta'], { typescript: { optional: true } });
    assert.equal((manifest['exports'] as Record<string, Record<string, string>>)['.']!['types'], './dist/index.d.ts');
  });

  it('installed in a fresh Laravel project with the README config, `npx eslint .` reports what the workspace plugin reports', async function () {
    const project = path.join(work, 'app');
    fs.cpSync(DEMO, project, { recursive: true });
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'spa-backend', private: true }, null, 2));
    fs.writeFileSync(path.join(project, 'eslint.config.js'), readmeConfig());
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--save-dev', tarball, `eslint@${versionOf('eslint')}`, `@microsoft/eslint-formatter-sarif@${versionOf('@microsoft/eslint-formatter-sarif')}`], project);

    let output: string;
    try {
      output = run('npx', ['eslint', '.', '--format', 'json'], project);
    } catch (error) {
      // eslint exits 1 when it finds errors: that is the expected outcome here.
      output = (error as { stdout: string }).stdout;
    }
    const packaged = (JSON.parse(output) as ESLint.LintResult[]).flatMap((r) => r.messages.map((m) => `${path.relative(project, r.filePath)}:${m.line} ${m.ruleId}`)).sort();

    const workspace = new ESLint({ cwd: DEMO, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never });
    const expected = (await workspace.lintFiles(['.'])).flatMap((r) => r.messages.map((m) => `${path.relative(DEMO, r.filePath)}:${m.line} ${m.ruleId}`)).sort();
    assert.deepEqual(packaged, expected);
    assert.ok(packaged.includes('app/Http/Controllers/Auth/SpaSessionController.php:40 secure-logout/invalidate-session'));
    assert.ok(packaged.includes('app/Http/Controllers/Auth/AccountSessionController.php:20 secure-logout/no-replayable-session'));

    // The README's CI command: SARIF for code scanning, with rule help links.
    try {
      run('npx', ['eslint', '.', '--format', '@microsoft/eslint-formatter-sarif', '--output-file', 'secure-logout.sarif'], project);
    } catch {
      // exit code 1: findings
    }
    const sarif = JSON.parse(fs.readFileSync(path.join(project, 'secure-logout.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string }[]; tool: { driver: { rules: { id: string; helpUri: string }[] } } }[];
    };
    assert.deepEqual(sarif.runs[0]!.results.map((r) => r.ruleId).sort(), expected.map((e) => e.split(' ')[1]).sort());
    assert.match(sarif.runs[0]!.tool.driver.rules.find((r) => r.id === 'secure-logout/invalidate-session')!.helpUri, /docs\/rules\/invalidate-session\.md$/);
  });
});
