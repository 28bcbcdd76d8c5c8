import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import plugin = require('../src/index');
// The module object itself (not an import's namespace copy): patching it is seen by every importer.
import fsModule = require('node:fs');

/**
 * Issue 15's hostile workspaces through the ESLint API (the CLI's host): a symlink to `/` inside
 * the app, includes and requires that climb out of it or go through that link, a link to
 * /dev/zero and a FIFO among the project files. Every file system call made while linting is
 * recorded: nothing outside the project is opened or listed, the lint finishes within budget,
 * and the app's own findings are unchanged.
 */
const FIXTURES = path.resolve(__dirname, '../../test-fixtures');
const REPO = path.resolve(__dirname, '../..');
const BUDGET_MS = 10_000;

type Spied = 'readFileSync' | 'openSync' | 'readdirSync' | 'opendirSync';
const SPIED: Spied[] = ['readFileSync', 'openSync', 'readdirSync', 'opendirSync'];

/** Runs `lint` with the synchronous fs entry points recorded (the plugin reads synchronously). */
async function recordingFileAccess<T>(lint: () => Promise<T>): Promise<{ value: T; touched: string[] }> {
  const touched: string[] = [];
  const originals = new Map<Spied, unknown>();
  const mutableFs = fsModule as unknown as Record<Spied, (...args: unknown[]) => unknown>;
  for (const name of SPIED) {
    const original = mutableFs[name];
    originals.set(name, original);
    mutableFs[name] = function (this: unknown, ...args: unknown[]) {
      if (typeof args[0] === 'string') touched.push(path.resolve(args[0]));
      return original.apply(this, args);
    };
  }
  try {
    return { value: await lint(), touched };
  } finally {
    for (const name of SPIED) mutableFs[name] = originals.get(name) as never;
  }
}

/** Paths touched that lie neither in the project (as written, or resolved) nor in this checkout (modules loading). */
function outside(touched: string[], root: string): string[] {
  const inside = (file: string, dir: string) => file === dir || file.startsWith(dir + path.sep);
  const realRoot = fs.realpathSync(root);
  return [...new Set(touched)].filter((file) => {
    if (inside(file, REPO)) return false;
    if (!inside(file, root) && !inside(file, realRoot)) return true;
    // Written as inside, but through a link out of the project.
    try {
      const real = fs.realpathSync(file);
      return !inside(real, realRoot);
    } catch {
      return false; // does not exist: nothing was read
    }
  });
}

function messagesOf(results: ESLint.LintResult[], root: string): string[] {
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.ruleId ?? `fatal: ${m.message}`}`)).sort();
}

async function lintTimed(root: string, patterns: string[]): Promise<{ messages: string[]; touched: string[]; ms: number }> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as Linter.Config[] as never });
  const started = performance.now();
  const { value, touched } = await recordingFileAccess(() => eslint.lintFiles(patterns));
  return { messages: messagesOf(value, root), touched, ms: performance.now() - started };
}

describe('regressions: hostile workspaces through the ESLint API', function () {
  this.timeout(60_000);
  let base: string;

  before(function () {
    if (process.platform === 'win32') this.skip(); // FIFOs and symlinks to / are POSIX shapes
  });
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-hostile-'));
    fs.writeFileSync(path.join(base, 'outside.php'), "<?php\nRoute::post('/outside', fn () => null);\n");
    fs.writeFileSync(path.join(base, 'outside.js'), "module.exports = require('fs').readFileSync('/etc/hostname');\n");
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  /** A fixture copied beside `outside.*` (the project models are cached per root: a clean run gets its own copy). */
  function copy(fixture: string, name: string): string {
    const root = path.join(base, name);
    fs.cpSync(path.join(FIXTURES, fixture), root, { recursive: true });
    return root;
  }

  it('Laravel: a symlink to / in app/ and routes/, includes through it and out of the app, /dev/zero, a FIFO', async () => {
    const root = copy('laravel-sanctum-spa', 'app');
    const clean = await lintTimed(copy('laravel-sanctum-spa', 'clean'), ['app/Http', 'routes/*.php']);
    assert.ok(clean.messages.length > 0, 'the fixture has findings');
    fs.symlinkSync('/', path.join(root, 'app/root'));
    fs.symlinkSync('/', path.join(root, 'routes/root'));
    fs.symlinkSync('/dev/zero', path.join(root, 'app/Models/Zero.php'));
    execFileSync('mkfifo', [path.join(root, 'app/Models/Pipe.php')]);
    const composer = JSON.parse(fs.readFileSync(path.join(root, 'composer.json'), 'utf8')) as { autoload: { 'psr-4': Record<string, string> } };
    composer.autoload['psr-4']['Root\\'] = 'app/root/etc/';
    composer.autoload['psr-4']['Up\\'] = '../';
    fs.writeFileSync(path.join(root, 'composer.json'), JSON.stringify(composer));
    const requires = ["__DIR__.'/root/etc/hostname'", "__DIR__.'/../../outside.php'", "__DIR__.'/../app/Models/Zero.php'", "__DIR__.'/../app/Models/Pipe.php'"];
    fs.appendFileSync(path.join(root, 'routes/web.php'), `\n${requires.map((file) => `require ${file};`).join('\n')}\nRoute::post('/x', [\\Root\\Hostname::class, 'x']);\n`);

    // app/ is linted whole, as `eslint app` would; ESLint itself does not follow the link to /.
    const { messages, touched, ms } = await lintTimed(root, ['app/Http', 'routes/*.php']);
    assert.ok(ms < BUDGET_MS, `${Math.round(ms)} ms`);
    assert.deepEqual(outside(touched, root), []);
    assert.deepEqual(messages, clean.messages);
  });

  it('Node: a symlink to / in src/, requires through it and out of the app, /dev/zero, a FIFO', async () => {
    const root = copy('express-passport07', 'app');
    const clean = await lintTimed(copy('express-passport07', 'clean'), ['src/*.js', 'src/routes/*.js']);
    assert.ok(clean.messages.length > 0, 'the fixture has findings');
    fs.symlinkSync('/', path.join(root, 'src/root'));
    fs.mkdirSync(path.join(root, 'lib'));
    fs.symlinkSync('/dev/zero', path.join(root, 'lib/zero.js'));
    execFileSync('mkfifo', [path.join(root, 'lib/pipe.js')]);
    const requires = ['./root/etc/hostname', '../../outside.js', '../lib/zero.js', '../lib/pipe.js'];
    fs.writeFileSync(path.join(root, 'src/hostile.js'), `${requires.map((file, i) => `import m${i} from '${file}';`).join('\n')}\nexport default [${requires.map((_, i) => `m${i}`).join(', ')}];\n`);

    const { messages, touched, ms } = await lintTimed(root, ['src/*.js', 'src/routes/*.js']);
    assert.ok(ms < BUDGET_MS, `${Math.round(ms)} ms`);
    assert.deepEqual(outside(touched, root), []);
    assert.deepEqual(messages, clean.messages);
  });
});
