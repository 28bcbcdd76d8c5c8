import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ExecuteCommandRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { LspSession } from './support/lsp-session';

/**
 * A hostile Node workspace over stdio (issue 15): a router imported through a symlink to a
 * directory outside the folder, relative imports climbing out of it, a module that is a link to
 * /dev/zero, a FIFO, a link to `/`, a tsconfig.json linked from outside, and a nested package
 * whose package.json is a FIFO. The scan finishes quickly, the analysis reads none of them, and
 * each is named with its reason: in the scan's "not read" list, and on the route's hover.
 */
const PASSPORT05 = path.resolve(__dirname, '../../test-fixtures/express-passport05');

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
module.exports = router;
`;

interface ScanResult {
  filesChecked: number;
  skipped: { path: string; reason: string }[];
  refused?: { path: string; reason: string }[];
  notAnalysed?: { path: string; line: number; target: string; reason: string }[];
}

describe('language server over stdio: a hostile JS workspace is read only inside its folder', function () {
  this.timeout(30_000);
  let base: string;
  let workspace: string;
  let session: LspSession;

  before(function () {
    if (process.platform === 'win32') this.skip(); // FIFOs and links to / and /dev/zero are POSIX shapes
  });

  beforeEach(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-js-boundary-'));
    workspace = path.join(base, 'app');
    fs.cpSync(PASSPORT05, workspace, { recursive: true });
    const write = (rel: string, text: string) => fs.writeFileSync(path.join(base, rel), text);
    fs.mkdirSync(path.join(base, 'outside'));
    write('outside/auth.js', "exports.logout = (req, res) => { req.logout(); res.redirect('/'); };\n");
    write('outside/mw.js', 'exports.requireLogin = (req, res, next) => next();\n');
    write('outside/router.js', "const router = require('express').Router();\nrouter.post('/logout', (req, res) => { req.logout(); res.redirect('/'); });\nmodule.exports = router;\n");
    write('outside/tsconfig.json', '{ "compilerOptions": { "outDir": "src" } }\n');
    write('app/src/hostile.js', HOSTILE);
    fs.symlinkSync(path.join(base, 'outside'), path.join(workspace, 'src/linked'));
    fs.symlinkSync('/dev/zero', path.join(workspace, 'src/zero.js'));
    fs.symlinkSync('/', path.join(workspace, 'src/root'));
    fs.symlinkSync(path.join(base, 'outside/tsconfig.json'), path.join(workspace, 'tsconfig.json'));
    execFileSync('mkfifo', [path.join(workspace, 'src/pipe.js')]);
    // A nested package whose manifest is a FIFO: reading it would block the worker for good.
    fs.mkdirSync(path.join(workspace, 'packages/api'), { recursive: true });
    execFileSync('mkfifo', [path.join(workspace, 'packages/api/package.json')]);
    fs.writeFileSync(path.join(workspace, 'packages/api/server.js'), "const app = require('express')();\napp.post('/logout', (req, res) => { req.logout(); res.redirect('/'); });\n");
    session = new LspSession({ workspace, settings: {} });
    await session.initialize();
  });

  afterEach(async () => {
    await session.dispose();
    fs.rmSync(base, { recursive: true, force: true });
  });

  const shown = (file: string) => path.relative(workspace, file).split(path.sep).join('/');

  it('the scan finishes quickly, keeps the findings, and lists each refusal and skipped link with its reason', async () => {
    const started = performance.now();
    const result = (await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'secure-logout.scanWorkspace', arguments: [] })) as ScanResult;
    assert.ok(performance.now() - started < 15_000, `${Math.round(performance.now() - started)} ms`);
    // The linked tsconfig.json (outDir "src") was not read: the app's own finding is still reported.
    const session05 = session.diagnostics.filter((d) => d.uri.endsWith('/src/controllers/session-controller.js') && d.diagnostics.length > 0).at(-1);
    assert.deepEqual(session05?.diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`), ['5 secure-logout/invalidate-session']);

    assert.deepEqual(result.refused?.map((file) => `${shown(file.path)}: ${file.reason}`).sort(), [
      `${shown('/etc/passwd')}: outside the project root`,
      '../outside/mw.js: outside the project root',
      '../outside/router.js: outside the project root',
      'packages/api/package.json: not a regular file',
      'src/linked/auth.js: outside the project root',
      'src/linked/router.js: outside the project root',
      'src/pipe.js: not a regular file',
      'src/zero.js: not a regular file',
      'tsconfig.json: outside the project root',
    ]);
    const skipped = result.skipped.map((file) => `${shown(file.path)}: ${file.reason}`).sort();
    const realOutside = fs.realpathSync(path.join(base, 'outside'));
    assert.deepEqual(skipped, [
      'src/linked: symlink out of the workspace folder (to ' + realOutside + ')',
      'src/pipe.js: not a regular file (FIFO, socket or device)',
      'src/root: symlink out of the workspace folder (to /)',
      'src/zero.js: not a regular file (FIFO, socket or device)',
    ]);
    assert.deepEqual(
      result.notAnalysed?.filter((route) => shown(route.path) !== 'src/hostile.js' || route.line !== 11).map((route) => `${shown(route.path)}:${route.line} | ${route.reason}`),
      [
        "src/hostile.js:9 | the router module src/linked/router.js was not read (outside the project root): the routes it declares are not analysed",
        "src/hostile.js:10 | the router module ../outside/router.js was not read (outside the project root): the routes it declares are not analysed",
        "src/hostile.js:12 | the handler's module src/linked/auth.js was not read (outside the project root)",
        "src/hostile.js:13 | the handler's module src/zero.js was not read (not a regular file)",
        `src/hostile.js:14 | the handler's module ${shown('/etc/passwd')} was not read (outside the project root)`,
        'packages/api/server.js:2 | package.json could not be read (not a regular file): its libraries and versions are unknown, so its logouts are not judged',
      ],
    );
    assert.ok(session.logs.some((line) => line.includes('scan: not read by the analysis') && line.includes('src/linked/auth.js: outside the project root')), session.logs.join('\n'));
  });

  it("the hover on a route whose handler lies behind a link out of the folder names the refusal", async () => {
    const uri = await session.open(path.join(workspace, 'src/hostile.js'), undefined, 'javascript');
    assert.deepEqual((await session.diagnosticsFor(uri, { version: 1 })).diagnostics, []);
    const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 11, character: 4 } });
    const text = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.ok(text.startsWith("**Not analysed by secure-logout:** `linked.logout from './linked/auth'` — the handler's module src/linked/auth.js was not read (outside the project root)"), text);
  });
});

describe('language server over stdio: a workspace folder inside a bigger Node project', function () {
  this.timeout(30_000);
  let base: string;
  let session: LspSession | undefined;

  afterEach(async () => {
    await session?.dispose();
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('the package.json above the folder is not read: the logout is named as not judged, with why', async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-js-above-'));
    // passport 0.5.3 above the folder: read, it would make this logout a finding.
    fs.cpSync(PASSPORT05, base, { recursive: true });
    const workspace = path.join(base, 'src/controllers');
    session = new LspSession({ workspace, settings: {} });
    await session.initialize();
    const uri = await session.open(path.join(workspace, 'session-controller.js'), undefined, 'javascript');
    assert.deepEqual((await session.diagnosticsFor(uri, { version: 1 })).diagnostics, []);
    const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 4, character: 6 } });
    const text = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.ok(text.startsWith('**Not analysed by secure-logout:** `req.logout()` — no package.json inside the workspace folder (the one above the folder is not read)'), text);
  });
});
