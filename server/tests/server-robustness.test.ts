import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExecuteCommandRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { uriOf, useSessions } from './support/lsp-session';

const CONTROLLER = 'app/Http/Controllers/SessionController.php';
const OWN_REGRESSIONS = path.resolve(__dirname, '../../eslint-plugin/tests/regressions/inputs');

/** Hostile and half-typed input through the running server: every request answered, within budget. */
describe('language server over stdio: hostile input', function () {
  this.timeout(60_000);
  const start = useSessions();

  it('answers a hover on another file within 200 ms while a 5 MB JavaScript document is checked', async () => {
    const { session, workspace } = await start();
    const controller = await session.open(path.join(workspace, CONTROLLER));
    await session.diagnosticsFor(controller);
    const handler = "app.post('/logout', (req, res) => { req.logout(() => res.redirect('/')); });\n";
    const big = `const express = require('express');\nconst app = express();\n${handler.repeat(Math.ceil(5_000_000 / handler.length))}`;
    const bigUri = await session.open(path.join(workspace, 'generated-routes.js'), big, 'javascript');
    const started = performance.now();
    const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri: controller }, position: { line: 12, character: 30 } });
    const hoverMs = performance.now() - started;
    assert.ok(hover, 'the hover on the finding is answered');
    assert.ok(hoverMs < 200, `hover took ${Math.round(hoverMs)} ms`);
    const published = await session.diagnosticsFor(bigUri);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['secure-logout/parse-error']);
    // Named in the output channel and in the status item.
    await session.waitFor(() => session.logs.find((line) => line.startsWith('over budget or not analysed: ') && line.includes('generated-routes.js')), 'the output line');
    const status = await session.waitFor(() => session.status.find((s) => s.uri === bigUri && s.state === 'ok'), 'the status of the big document');
    assert.match(status.message ?? '', /did not analyse this file/);
  });

  it('checks every regression input within the budget and keeps answering', async () => {
    const { session, workspace } = await start();
    for (const name of fs.readdirSync(OWN_REGRESSIONS)) {
      const file = path.join(workspace, 'app/Http/Controllers', name);
      const started = performance.now();
      const uri = await session.open(file, fs.readFileSync(path.join(OWN_REGRESSIONS, name), 'utf8'));
      const published = await session.diagnosticsFor(uri);
      assert.ok(performance.now() - started < 5_000, `${name}: ${Math.round(performance.now() - started)} ms`);
      assert.ok(!published.diagnostics.some((d) => /could not finish this check/.test(d.message)), `${name}: ${JSON.stringify(published.diagnostics)}`);
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
});
