import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExecuteCommandRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { copyFixture, LspSession } from './support/lsp-session';

/**
 * Explainable silence in JS/TS (SPEC §2.3): a logout route whose handler is vendor code or a
 * module that cannot be read, and a project without package.json, get no finding; the route's
 * hover and the workspace-scan summary say what was not analysed and why.
 */
const FIXTURES = path.resolve(__dirname, '../../test-fixtures');

interface ScanResult {
  notAnalysed?: { path: string; line: number; target: string; reason: string }[];
}

describe('language server over stdio: JS/TS routes and logouts it could not analyse', function () {
  this.timeout(30_000);
  let workspace: string;
  let session: LspSession;

  afterEach(async () => {
    await session?.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  async function start(fixture: string): Promise<void> {
    workspace = copyFixture(path.join(FIXTURES, fixture));
    session = new LspSession({ workspace, settings: {} });
    await session.initialize();
  }

  async function hoverText(relative: string, line: number): Promise<string> {
    const uri = await session.open(path.join(workspace, relative), undefined, 'javascript');
    assert.deepEqual((await session.diagnosticsFor(uri, { version: 1 })).diagnostics, [], 'no finding');
    const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: line - 1, character: 4 } });
    return (hover?.contents as { value: string } | undefined)?.value ?? '';
  }

  async function scan(): Promise<string[]> {
    const result = (await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'secure-logout.scanWorkspace', arguments: [] })) as ScanResult;
    return (result.notAnalysed ?? []).map((r) => `${path.relative(workspace, r.path).split(path.sep).join('/')}:${r.line} ${r.target} | ${r.reason}`);
  }

  it('a route to a handler from an installed package: the hover and the scan name it and why', async () => {
    await start('express-unanalysed');
    const text = await hoverText('src/app.js', 14);
    assert.ok(text.startsWith("**Not analysed by secure-logout:** `sso.logout from '@acme/sso'` — the handler comes from the installed package @acme/sso"), text);
    assert.deepEqual(await hoverText('src/app.js', 16), '', 'an analysed route has no such hover');

    assert.deepEqual(await scan(), [
      "src/app.js:14 sso.logout from '@acme/sso' | the handler comes from the installed package @acme/sso, which this analysis does not read (vendor code)",
      "src/app.js:15 signOut from './auth/sign-out' | the handler's module './auth/sign-out' cannot be resolved to a file of the project",
      "src/app.js:17 app.use('/legacy', legacy) | the router module src/routes/legacy.js could not be parsed: the routes it declares are not analysed",
      "src/app.js:18 app.use('/admin', require('./routes/admin')) | the router module './routes/admin' cannot be resolved to a file of the project: the routes it declares are not analysed",
    ]);
  });

  it('a project without package.json: the logout line says why it was not judged, and so does the scan', async () => {
    await start('node-no-manifest');
    const reason = 'no package.json in this folder or above: which server libraries (passport, express-session, …) and versions this code uses is unknown, so its logouts are not judged';
    assert.equal(await hoverText('src/server.js', 6), `**Not analysed by secure-logout:** \`req.logout()\` — ${reason}. No finding here does not mean this logout is safe.`);
    assert.deepEqual(await scan(), [`src/server.js:6 req.logout() | ${reason}`]);
  });
});
