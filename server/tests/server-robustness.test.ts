import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ExecuteCommandRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { copyFixture, fixtureDir, uriOf, useSessions } from './support/lsp-session';

const CONTROLLER = 'app/Http/Controllers/SessionController.php';
const OWN_REGRESSIONS = path.resolve(__dirname, '../../eslint-plugin/tests/regressions/inputs');

/** Hostile and half-typed input through the running server: every request answered, within budget (5 MB documents: server-responsiveness). */
describe('language server over stdio: hostile input', function () {
  this.timeout(60_000);
  const start = useSessions();

  it('checks every regression input within the budget and keeps answering', async () => {
    const { session, workspace } = await start();
    for (const name of fs.readdirSync(OWN_REGRESSIONS)) {
      const file = path.join(workspace, 'app/Http/Controllers', name);
      const started = performance.now();
      const languageId = { '.js': 'javascript', '.ts': 'typescript' }[path.extname(name)] ?? 'php';
      const uri = await session.open(file, fs.readFileSync(path.join(OWN_REGRESSIONS, name), 'utf8'), languageId);
      const published = await session.diagnosticsFor(uri);
      assert.ok(performance.now() - started < 5_000, `${name}: ${Math.round(performance.now() - started)} ms`);
      // A clear result: findings or the parse-error warning, never a rule giving up or the internal-error diagnostic.
      assert.ok(!published.diagnostics.some((d) => d.code === 'internal-error' || /could not finish this check/.test(d.message)), `${name}: ${JSON.stringify(published.diagnostics)}`);
      await session.close(uri);
    }
    const controller = await session.open(path.join(workspace, CONTROLLER));
    assert.deepEqual((await session.diagnosticsFor(controller)).diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`), ['13 secure-logout/invalidate-session']);
  });

  it('the workspace scan stays inside the folder: a symlink to / and a FIFO are skipped with their reason', async () => {
    const { session, workspace } = await start();
    fs.symlinkSync('/', path.join(workspace, 'app/root'));
    fs.symlinkSync('/etc/hostname', path.join(workspace, 'app/Hostname.php'));
    execFileSync('mkfifo', [path.join(workspace, 'app/Pipe.php')]);
    const result = (await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'secure-logout.scanWorkspace', arguments: [] })) as {
      filesChecked: number;
      skipped: { path: string; reason: string }[];
    };
    assert.deepEqual(result.skipped.map((skip) => `${path.relative(workspace, skip.path)}: ${skip.reason.replace(/\(.*\)/, '(…)')}`).sort(), [
      'app/Hostname.php: symlink out of the workspace folder (…)',
      'app/Pipe.php: not a regular file (…)',
      'app/root: symlink out of the workspace folder (…)',
    ]);
    assert.equal(result.filesChecked, 9);
    assert.ok(!session.diagnostics.some((p) => !p.uri.startsWith(uriOf(workspace))), 'nothing outside the workspace was published');
  });

  it('a hostile Laravel workspace (traversal includes, PSR-4 outside, /dev/zero, a FIFO, include fan-out): checked within budget, nothing outside read', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-hostile-'));
    try {
      const workspace = path.join(parent, 'app');
      fs.cpSync(fixtureDir, workspace, { recursive: true });
      fs.mkdirSync(path.join(parent, 'outside'));
      fs.writeFileSync(path.join(parent, 'outside/OutsideController.php'), "<?php\n\nnamespace Out;\n\nuse Illuminate\\Support\\Facades\\Auth;\n\nclass OutsideController\n{\n    public function destroy()\n    {\n        Auth::logout();\n    }\n}\n");
      fs.writeFileSync(path.join(parent, 'outside/routes.php'), "<?php\nRoute::post('/secret', [\\Out\\OutsideController::class, 'destroy']);\n");
      const composer = JSON.parse(fs.readFileSync(path.join(workspace, 'composer.json'), 'utf8')) as { autoload: { 'psr-4': Record<string, unknown> } };
      composer.autoload['psr-4'] = { 'App\\': 'app/', 'Out\\': '../outside/', 'Broken\\': 5 };
      fs.writeFileSync(path.join(workspace, 'composer.json'), JSON.stringify(composer));
      const routes = path.join(workspace, 'routes');
      fs.symlinkSync('/dev/zero', path.join(routes, 'zero.php'));
      execFileSync('mkfifo', [path.join(routes, 'fifo.php')]);
      // Each level requires the next one twice: 2^20 walks without a bound.
      for (let level = 0; level < 20; level++) {
        fs.writeFileSync(path.join(routes, `fan${level}.php`), `<?php\nrequire __DIR__.'/fan${level + 1}.php';\nrequire __DIR__.'/fan${level + 1}.php';\n`);
      }
      const includes = ["__DIR__.'/../../../../../../../../etc/passwd'", "'/proc/self/environ'", "__DIR__.'/../../outside/routes.php'", "__DIR__.'/zero.php'", "__DIR__.'/fifo.php'", "__DIR__.'/fan0.php'"];
      fs.appendFileSync(path.join(routes, 'web.php'), `${includes.map((file) => `require ${file};`).join('\n')}\nRoute::post('/out', [\\Out\\OutsideController::class, 'destroy']);\n`);

      const { session } = await start({ workspace });
      const started = performance.now();
      const controller = await session.open(path.join(workspace, CONTROLLER));
      const published = await session.diagnosticsFor(controller);
      assert.ok(performance.now() - started < 5_000, `${Math.round(performance.now() - started)} ms`);
      assert.deepEqual(published.diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`), ['13 secure-logout/invalidate-session']);
      const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri: controller }, position: { line: 12, character: 30 } });
      assert.ok(hover, 'the hover is answered');

      const result = (await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'secure-logout.scanWorkspace', arguments: [] })) as {
        refused?: { path: string; reason: string }[];
        durationMs: number;
      };
      assert.ok(result.durationMs < 10_000, `scan took ${result.durationMs} ms`);
      assert.deepEqual(result.refused?.map((file) => `${path.basename(file.path)}: ${file.reason}`).sort(), [
        'OutsideController.php: outside the project root',
        'environ: outside the project root',
        'fifo.php: not a regular file',
        'passwd: outside the project root',
        'routes.php: outside the project root',
        'zero.php: not a regular file',
      ]);
      assert.ok(!session.diagnostics.some((p) => !p.uri.startsWith(uriOf(workspace))), 'nothing outside the workspace was published');
      assert.ok(!session.diagnostics.some((p) => p.diagnostics.some((d) => d.code === 'internal-error')), JSON.stringify(session.diagnostics));
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  it('a Node workspace whose package.json is null: checked within budget, its logouts listed as not analysed with package.json named', async () => {
    const workspace = copyFixture(path.resolve(__dirname, '../../test-fixtures/express-passport07'));
    fs.writeFileSync(path.join(workspace, 'package.json'), 'null');
    const { session } = await start({ workspace });
    const started = performance.now();
    const routes = await session.open(path.join(workspace, 'src/routes/session.js'), undefined, 'javascript');
    const published = await session.diagnosticsFor(routes);
    assert.ok(performance.now() - started < 5_000, `${Math.round(performance.now() - started)} ms`);
    // The passport version is unknown: its logouts are not judged (no guess), and the scan says why.
    assert.deepEqual(published.diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`), []);
    const result = (await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'secure-logout.scanWorkspace', arguments: [] })) as {
      notAnalysed?: { path: string; line: number; reason: string }[];
    };
    assert.deepEqual(result.notAnalysed?.map((route) => `${path.relative(workspace, route.path)}:${route.line} ${route.reason}`), [
      'src/routes/api.js:8 package.json is not a JSON object: its libraries and versions are unknown, so its logouts are not judged',
      'src/routes/session.js:6 package.json is not a JSON object: its libraries and versions are unknown, so its logouts are not judged',
      'src/routes/session.js:14 package.json is not a JSON object: its libraries and versions are unknown, so its logouts are not judged',
      'src/routes/session.js:25 package.json is not a JSON object: its libraries and versions are unknown, so its logouts are not judged',
    ]);
    assert.deepEqual(session.logs.filter((line) => / failed: /.test(line)), []);
  });
});
