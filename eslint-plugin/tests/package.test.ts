import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import plugin = require('../src/index');

/**
 * The plugin as users get it, following the README's "Use it in your Laravel app" to the letter: its
 * `npm pack` command, its install line (offline, from the npm cache `npm ci` filled) into a fresh
 * Laravel 11/12-shaped project (`"type": "module"`), and its two configs copied verbatim.
 */
const ROOT = path.resolve(__dirname, '../..');
const PLUGIN_DIR = path.join(ROOT, 'eslint-plugin');
const DEMO = path.join(ROOT, 'test-fixtures/laravel-sanctum-spa');

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
}

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const USE_IT = README.slice(README.indexOf('## Use it in your Laravel app'), README.indexOf('\n## ', README.indexOf('## Use it in your Laravel app') + 5));

/** The first fenced block of `lang` in the "Use it" section after `marker`, exactly as users copy it. */
function readmeBlock(marker: string, lang: 'js' | 'sh'): string {
  const from = USE_IT.indexOf(marker);
  assert.ok(from >= 0, `README "Use it in your Laravel app" mentions ${marker}`);
  const block = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(USE_IT.slice(from));
  assert.ok(block, `README shows a ${lang} block after ${marker}`);
  return block[1]!;
}

/** The README's command line that starts with `prefix`, split into words. */
function readmeCommand(prefix: string): string[] {
  const line = USE_IT.split('\n').find((l) => l.startsWith(prefix));
  assert.ok(line, `README shows \`${prefix} …\``);
  return line.split(/\s+/).filter(Boolean);
}

function versionOf(name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The README's install line in `project`; its tarball path names the file `npm pack` wrote, and
 * eslint is pinned to the workspace's version: the install runs offline from the npm cache.
 */
function installAsReadmeSays(project: string, tarball: string, extra: string[] = []): void {
  const [npm, ...install] = readmeCommand('npm i -D');
  const tarballArg = install.findIndex((arg) => arg.endsWith('.tgz'));
  assert.equal(path.basename(install[tarballArg]!), path.basename(tarball), 'the README names the tarball npm pack writes');
  install[tarballArg] = tarball;
  const eslintArg = install.indexOf('eslint');
  assert.ok(eslintArg > 0, 'the README installs eslint');
  install[eslintArg] = `eslint@${versionOf('eslint')}`;
  run(npm!, [...install, '--prefer-offline', '--no-audit', '--no-fund', ...extra], project);
}

/** Every installed package that is TypeScript or typescript-eslint. */
function installedTypescript(project: string): string[] {
  const modules = path.join(project, 'node_modules');
  const scoped = fs.existsSync(path.join(modules, '@typescript-eslint')) ? fs.readdirSync(path.join(modules, '@typescript-eslint')).map((name) => `@typescript-eslint/${name}`) : [];
  return [...fs.readdirSync(modules).filter((name) => name === 'typescript' || name === 'typescript-eslint'), ...scoped];
}

/** `npx eslint . --format json` in `project`: "file:line rule" for every problem. */
function lintWithCli(project: string): string[] {
  let output: string;
  try {
    output = run('npx', ['eslint', '.', '--format', 'json'], project);
  } catch (error) {
    // eslint exits 1 when it finds errors: that is the expected outcome here.
    output = (error as { stdout: string }).stdout;
  }
  return (JSON.parse(output) as ESLint.LintResult[]).flatMap((r) => r.messages.map((m) => `${path.relative(project, r.filePath)}:${m.line} ${m.ruleId ?? `fatal: ${m.message}`}`)).sort();
}

describe('eslint-plugin-secure-logout as an npm package', function () {
  this.timeout(240_000);
  let work: string;
  let tarball: string;

  before(function () {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-pack-'));
    // The README's pack command, run where it says (the checkout's root); the tarball goes to `work`.
    const [npm, ...pack] = readmeCommand('npm pack');
    const [packed] = JSON.parse(run(npm!, [...pack, '--json', '--pack-destination', work], ROOT)) as { filename: string; files: { path: string }[] }[];
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
    // typescript-eslint and TypeScript only for TypeScript files: optional peers, so npm installs neither.
    // No dependency may require `typescript` as a peer either (npm would install it for that one).
    assert.deepEqual(manifest['peerDependencies'], { '@typescript-eslint/parser': '^8.0.0', eslint: '^9.15.0 || ^10.0.0', typescript: '>=4.8.4 <6.1.0' });
    assert.deepEqual(manifest['peerDependenciesMeta'], { '@typescript-eslint/parser': { optional: true }, typescript: { optional: true } });
    assert.deepEqual(Object.keys(manifest['dependencies'] as object).filter((name) => name.startsWith('@typescript-eslint/')), []);
    assert.equal((manifest['exports'] as Record<string, Record<string, string>>)['.']!['types'], './dist/index.d.ts');
  });

  it('installed with the README\'s command into a "type": "module" Laravel app, the README\'s ESM config reports what the workspace plugin reports, without TypeScript', async function () {
    const project = path.join(work, 'app');
    fs.cpSync(DEMO, project, { recursive: true });
    // What a Laravel 11/12 skeleton's package.json says about modules.
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ $schema: 'https://json.schemastore.org/package.json', private: true, type: 'module', scripts: { build: 'vite build', dev: 'vite' } }, null, 2));
    fs.writeFileSync(path.join(project, 'eslint.config.js'), readmeBlock('`eslint.config.js` —', 'js'));
    // The skeleton's front end: JS files the JS/TS block sees, in an app installed without TypeScript.
    fs.mkdirSync(path.join(project, 'resources/js'), { recursive: true });
    fs.writeFileSync(path.join(project, 'resources/js/app.js'), "import './bootstrap';\n");
    // Breeze's React layout posts to the logout route: front-end code, never a handler.
    fs.mkdirSync(path.join(project, 'resources/js/Layouts'), { recursive: true });
    fs.writeFileSync(path.join(project, 'resources/js/Layouts/AuthenticatedLayout.jsx'), "import { Link } from '@inertiajs/react';\n\nexport default function Nav() {\n    return <Link href={route('logout')} method=\"post\" as=\"button\">Log Out</Link>;\n}\n");
    fs.writeFileSync(path.join(project, 'resources/js/bootstrap.js'), "import axios from 'axios';\nwindow.axios = axios;\n\nwindow.axios.defaults.headers.common['X-Requested-With'] = 'XMLHttpRequest';\n");
    fs.writeFileSync(path.join(project, 'vite.config.js'), "import { defineConfig } from 'vite';\nimport laravel from 'laravel-vite-plugin';\n\nexport default defineConfig({\n    plugins: [laravel({ input: ['resources/css/app.css', 'resources/js/app.js'], refresh: true })],\n});\n");

    installAsReadmeSays(project, tarball, [`@microsoft/eslint-formatter-sarif@${versionOf('@microsoft/eslint-formatter-sarif')}`]);
    // A PHP-only app gets no TypeScript and no typescript-eslint: optional peers, nothing else pulls them in.
    assert.deepEqual(installedTypescript(project), []);

    const packaged = lintWithCli(project);
    const workspace = new ESLint({ cwd: DEMO, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never });
    const expected = (await workspace.lintFiles(['.'])).flatMap((r) => r.messages.map((m) => `${path.relative(DEMO, r.filePath)}:${m.line} ${m.ruleId}`)).sort();
    assert.deepEqual(packaged, expected);
    assert.ok(packaged.includes('app/Http/Controllers/Auth/SpaSessionController.php:40 secure-logout/invalidate-session'));
    assert.ok(packaged.includes('app/Http/Controllers/Auth/AccountSessionController.php:20 secure-logout/no-replayable-session'));

    // Without typescript-eslint a TypeScript file with a logout is named, not silently skipped.
    fs.writeFileSync(path.join(project, 'server.ts'), "app.post('/logout', (req: Request, res: Response) => { req.logout(); res.end(); });\n");
    assert.deepEqual(lintWithCli(project), [...expected, 'server.ts:1 secure-logout/parse-error'].sort());
    fs.rmSync(path.join(project, 'server.ts'));

    // The same app as a CommonJS project: the README's CommonJS config, and its ESM config as eslint.config.mjs.
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ private: true }, null, 2));
    fs.writeFileSync(path.join(project, 'eslint.config.js'), readmeBlock('In a CommonJS project', 'js'));
    assert.deepEqual(lintWithCli(project), expected, 'README CommonJS config');
    fs.rmSync(path.join(project, 'eslint.config.js'));
    fs.writeFileSync(path.join(project, 'eslint.config.mjs'), readmeBlock('`eslint.config.js` —', 'js'));
    assert.deepEqual(lintWithCli(project), expected, 'README ESM config as eslint.config.mjs');

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
  it('a JS back end installed the same way, without TypeScript, gets from espree the findings typescript-eslint gives; the README\'s TypeScript line adds TypeScript', async function () {
    const fixture = path.join(ROOT, 'test-fixtures/express-passport07');
    const project = path.join(work, 'express');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
    installAsReadmeSays(project, tarball);
    assert.deepEqual(installedTypescript(project), []);
    // The back end in api/ with its own package.json (passport 0.7, which the rules read), so the
    // installs at the root leave its dependencies alone.
    fs.cpSync(fixture, path.join(project, 'api'), { recursive: true });
    fs.writeFileSync(path.join(project, 'eslint.config.js'), readmeBlock('`eslint.config.js` —', 'js'));

    const workspace = new ESLint({ cwd: fixture, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never });
    const expected = (await workspace.lintFiles(['.'])).flatMap((r) => r.messages.map((m) => `api/${path.relative(fixture, r.filePath)}:${m.line} ${m.ruleId}`)).sort();
    assert.ok(expected.includes('api/src/routes/session.js:10 secure-logout/logout-callback'), expected.join('\n'));
    assert.deepEqual(lintWithCli(project), expected);

    // A TypeScript module without typescript-eslint: one line saying what to install.
    fs.writeFileSync(path.join(project, 'api/src/admin.ts'), "import { Router, type Request } from 'express';\nexport const admin = Router();\nadmin.post('/admin/logout', (req: Request, res) => { req.logout(); res.end(); });\n");
    assert.deepEqual(lintWithCli(project), [...expected, 'api/src/admin.ts:1 secure-logout/parse-error'].sort());
    const [npm, ...addTypescript] = readmeCommand('npm i -D typescript');
    run(npm!, [...addTypescript.map((arg) => (arg === 'typescript' || arg === '@typescript-eslint/parser' ? `${arg}@${versionOf(arg)}` : arg)), '--prefer-offline', '--no-audit', '--no-fund'], project);
    assert.deepEqual(lintWithCli(project), [...expected, 'api/src/admin.ts:3 secure-logout/logout-callback'].sort());
  });
});
