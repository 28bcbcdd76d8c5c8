import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { refusedNodeFiles } from '../../src/project/node/dependencies';
import { findRoot, projectAboveFolder, stayInsideFolder } from '../../src/project/node/node-project';
import { unanalysedNodeRoutes } from '../../src/project/node/unanalysed';
import plugin = require('../../src/index');
// The module object itself (the namespace import above is a read-only view of it).
import nodeFs = require('node:fs');

/**
 * A hostile Node workspace (issue 15): a router imported through a symlink to a directory outside
 * the project, relative imports and a package.json import alias climbing out of it, a module that is a link to /dev/zero, a FIFO
 * among the sources, a tsconfig.json linked from outside, a link to `/`, and a package.json that
 * is a FIFO. Through the ESLint API the Node project model reads nothing outside the project root
 * and no special file, finishes quickly, and names each refusal with its reason, on the route that
 * depends on it too. Symlinks and FIFOs are made here: they cannot be committed portably.
 */
const PASSPORT05 = path.resolve(__dirname, '../../../test-fixtures/express-passport05');
const config = plugin.configs.recommended as Linter.Config[];
const LINTED = ['src/controllers/session-controller.js', 'src/app.js', 'src/hostile.js'];

const HOSTILE = `const express = require('express');
const linked = require('./linked/auth');
const climb = require('../../../../../../../../../../etc/passwd');
const { requireLogin } = require('../../outside/mw');
const zero = require('./zero');
const sessionController = require('./controllers/session-controller');

const router = express.Router();
router.use('/sso', require('./linked/router'));
router.use('/up', require('../../outside/router'));
router.post('/session/logout', requireLogin, sessionController.logout);
router.post('/sso/logout', linked.logout);
router.post('/zero/logout', zero.logout);
router.post('/climb/logout', climb.logout);
router.post('/alias/logout', require('#out/auth').logout);
module.exports = router;
`;

/** `base/app` (the project) next to `base/outside`, whose modules would each change what is reported if read. */
function hostileApp(): { base: string; root: string } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-node-boundary-'));
  const root = path.join(base, 'app');
  fs.cpSync(PASSPORT05, root, { recursive: true });
  const write = (rel: string, text: string) => fs.writeFileSync(path.join(base, rel), text);
  fs.mkdirSync(path.join(base, 'outside'));
  write('outside/auth.js', "exports.logout = (req, res) => { req.logout(); res.redirect('/'); };\n");
  write('outside/mw.js', 'exports.requireLogin = (req, res, next) => next();\n');
  write('outside/router.js', "const router = require('express').Router();\nrouter.post('/logout', (req, res) => { req.logout(); res.redirect('/'); });\nmodule.exports = router;\n");
  // Read, it would make every source file compiled output and silence the app.
  write('outside/tsconfig.json', '{ "compilerOptions": { "outDir": "src" } }\n');
  write('app/src/hostile.js', HOSTILE);
  // A package.json import alias mapped out of the project.
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  write('app/package.json', JSON.stringify({ ...manifest, imports: { '#out/*': '../outside/*.js' } }));
  fs.symlinkSync(path.join(base, 'outside'), path.join(root, 'src/linked'));
  fs.symlinkSync('/dev/zero', path.join(root, 'src/zero.js'));
  fs.symlinkSync('/', path.join(root, 'src/root'));
  fs.symlinkSync(path.join(base, 'outside/tsconfig.json'), path.join(root, 'tsconfig.json'));
  execFileSync('mkfifo', [path.join(root, 'src/pipe.js')]);
  return { base, root };
}

/** Runs `lint` and returns the paths the process opened or read (readFileSync, openSync) while it ran. */
async function readsDuring(lint: () => Promise<void>): Promise<string[]> {
  const reads: string[] = [];
  const spied = { readFileSync: nodeFs.readFileSync, openSync: nodeFs.openSync } as const;
  const target = nodeFs as unknown as Record<keyof typeof spied, unknown>;
  for (const name of Object.keys(spied) as (keyof typeof spied)[]) {
    const original = spied[name] as (...args: unknown[]) => unknown;
    target[name] = (file: unknown, ...rest: unknown[]): unknown => {
      if (typeof file === 'string') reads.push(file);
      return original(file, ...rest);
    };
  }
  try {
    await lint();
  } finally {
    Object.assign(target, spied);
  }
  return reads;
}

const rows = (root: string, messages: ESLint.LintResult[]) =>
  messages.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.ruleId}`)).sort();

describe('workspace boundary, JS/TS: the Node project model stays inside the project root', function () {
  this.timeout(30_000);
  let app: { base: string; root: string };
  let clean: string;

  before(function () {
    if (process.platform === 'win32') this.skip(); // FIFOs and links to / and /dev/zero are POSIX shapes
    app = hostileApp();
    clean = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-node-clean-'));
    fs.cpSync(PASSPORT05, clean, { recursive: true });
    fs.writeFileSync(path.join(clean, 'src/hostile.js'), HOSTILE.split('\n').filter((line) => !/linked|climb|outside|zero|#out/.test(line)).join('\n'));
  });
  after(() => {
    if (app) fs.rmSync(app.base, { recursive: true, force: true });
    if (clean) fs.rmSync(clean, { recursive: true, force: true });
  });

  it('lints the app quickly, with the findings of a clean copy, reading nothing outside the root and no special file', async () => {
    const lint = async (cwd: string) => new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config as never }).lintFiles(LINTED);
    const expected = rows(clean, await lint(clean));
    assert.ok(expected.some((row) => row.startsWith('src/controllers/session-controller.js:')), expected.join('\n'));

    let results: ESLint.LintResult[] = [];
    const started = performance.now();
    const reads = await readsDuring(async () => {
      results = await lint(app.root);
    });
    assert.ok(performance.now() - started < 10_000, `${Math.round(performance.now() - started)} ms`);
    assert.deepEqual(rows(app.root, results), expected);
    assert.ok(reads.includes(path.join(app.root, 'src/routes/auth.js')), 'the spy sees the project model read the router of the linted controller');
    const realRoot = fs.realpathSync(app.root);
    const realOutside = fs.realpathSync(path.join(app.base, 'outside'));
    const hostile = [...new Set(reads)].filter((file) => {
      const real = fs.existsSync(file) ? fs.realpathSync(file) : path.resolve(file);
      return real.startsWith(realOutside + path.sep) || real.startsWith('/etc/') || real.startsWith('/dev/') || real === path.join(realRoot, 'src/pipe.js');
    });
    assert.deepEqual(hostile, []);
  });

  it('names each refusal with its reason, and on the route that depends on it', () => {
    const rel = (file: string) => path.relative(app.root, file).split(path.sep).join('/');
    const routes = unanalysedNodeRoutes(path.join(app.root, 'src/hostile.js'), true).map((r) => `${r.line} ${r.target} | ${r.reason}`);
    assert.deepEqual(routes, [
      "9 router.use('/sso', require('./linked/router')) | the router module src/linked/router.js was not read (outside the project root): the routes it declares are not analysed",
      "10 router.use('/up', require('../../outside/router')) | the router module ../outside/router.js was not read (outside the project root): the routes it declares are not analysed",
      "12 linked.logout from './linked/auth' | the handler's module src/linked/auth.js was not read (outside the project root)",
      "13 zero.logout from './zero' | the handler's module src/zero.js was not read (not a regular file)",
      `14 climb.logout from '../../../../../../../../../../etc/passwd' | the handler's module ${rel('/etc/passwd')} was not read (outside the project root)`,
      "15 require('#out/auth').logout from '#out/auth' | the handler's module ../outside/auth.js was not read (outside the project root)",
    ]);
    const refused = Object.fromEntries(refusedNodeFiles(app.root).map(({ file, reason }) => [rel(file), reason]));
    assert.deepEqual(refused, {
      [rel('/etc/passwd')]: 'outside the project root',
      '../outside/auth.js': 'outside the project root',
      '../outside/mw.js': 'outside the project root',
      '../outside/router.js': 'outside the project root',
      'src/linked/auth.js': 'outside the project root',
      'src/linked/router.js': 'outside the project root',
      'src/pipe.js': 'not a regular file',
      'src/zero.js': 'not a regular file',
      'tsconfig.json': 'outside the project root',
    });
    assert.ok(!Object.keys(refused).some((file) => file.startsWith('src/root/')), 'the link to / is not entered');
  });

  it('a package.json that is a FIFO: nothing blocks, the logout is named as not judged, the manifest as not read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-node-fifo-'));
    try {
      execFileSync('mkfifo', [path.join(dir, 'package.json')]);
      fs.writeFileSync(path.join(dir, 'server.js'), "const app = require('express')();\napp.post('/logout', (req, res) => { req.logout(); res.redirect('/'); });\n");
      const started = performance.now();
      const [result] = await new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config as never }).lintFiles(['server.js']);
      assert.ok(performance.now() - started < 10_000, `${Math.round(performance.now() - started)} ms`);
      assert.deepEqual(result!.messages, []);
      assert.deepEqual(
        unanalysedNodeRoutes(path.join(dir, 'server.js'), true).map((r) => `${r.line} ${r.target} | ${r.reason}`),
        ['2 req.logout() | package.json could not be read (not a regular file): its libraries and versions are unknown, so its logouts are not judged'],
      );
      assert.deepEqual(refusedNodeFiles(dir).map(({ file, reason }) => `${path.basename(file)}: ${reason}`), ['package.json: not a regular file']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('workspace boundary, JS/TS: an editor workspace folder is as far up as the project is looked for', function () {
  it('a folder inside a project stops the search; the same folder nested in another workspace folder does not', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-node-ceiling-'));
    try {
      fs.cpSync(PASSPORT05, base, { recursive: true });
      const controllers = path.join(base, 'src/controllers');
      assert.equal(findRoot(controllers), base, 'the CLI: the nearest package.json, wherever it is');
      stayInsideFolder(controllers);
      assert.equal(findRoot(controllers), null);
      assert.equal(projectAboveFolder(controllers), true);
      stayInsideFolder(base);
      assert.equal(findRoot(controllers), base, 'both folders are the workspace: the project is inside it');
      assert.equal(projectAboveFolder(controllers), false);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});
