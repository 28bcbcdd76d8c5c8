import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HoverRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { copyFixture, LspSession } from './support/lsp-session';

/**
 * JS/TS findings carry the places they rest on as LSP related information, as Laravel findings
 * do (issue 12): the incomplete caller of a helper and its route, the route of a handler in
 * another module, and the `app.use()` that mounts that router from yet another file.
 */
const HELPERS = path.resolve(__dirname, '../../eslint-plugin/tests/fixtures/node/call-paths/express-helpers');
const EXPRESS = path.resolve(__dirname, '../../test-fixtures/express-passport05');

describe('language server over stdio: related locations of JS/TS findings', function () {
  this.timeout(30_000);
  let workspace: string;
  let session: LspSession;

  afterEach(async () => {
    await session.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  async function findingIn(fixture: string, file: string): Promise<Diagnostic> {
    workspace = copyFixture(fixture);
    session = new LspSession({ workspace, settings: {} });
    await session.initialize();
    const uri = await session.open(path.join(workspace, file), undefined, 'javascript');
    const [finding, ...others] = (await session.diagnosticsFor(uri, { version: 1 })).diagnostics;
    assert.equal(others.length, 0);
    return finding!;
  }

  /** Each related location as `uri line: message` (1-based line), the uri checked to be the workspace file's. */
  function related(finding: Diagnostic): string[] {
    return (finding.relatedInformation ?? []).map((info, index) => {
      const file = path.relative(workspace, fileURLToPath(info.location.uri));
      assert.equal(info.location.uri, pathToFileURL(path.join(workspace, file)).href);
      // The first entry is the message's evidence, at the finding itself (its text is pinned by the message tests).
      const evidence = index === 0 && JSON.stringify(info.location.range) === JSON.stringify(finding.range) && info.message.length > 0;
      return `${file}:${info.location.range.start.line + 1} ${evidence ? '<evidence>' : info.message}`;
    });
  }

  it('a helper called from a route: the incomplete caller, its route, and the app.use() that mounts the router', async () => {
    const finding = await findingIn(HELPERS, 'src/lib/login-state.js');
    assert.equal(finding.range.start.line + 1, 7);
    assert.deepEqual(related(finding), [
      'src/lib/login-state.js:7 <evidence>',
      'src/routes/auth.js:20 calls this helper and leaves its logout incomplete',
      'src/routes/auth.js:19 Chain: src/routes/auth.js:19 → session → passport 0.5.3 → express-session ^1.18.0',
      'src/app.js:10 mounts src/routes/auth.js: its routes run behind the middleware before this line',
    ]);
    // The hover's details name the same places: the caller, the route reaching it, the mount.
    const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri: pathToFileURL(path.join(workspace, 'src/lib/login-state.js')).href }, position: { line: 6, character: 6 } });
    const lines = ((hover?.contents as { value: string } | undefined)?.value ?? '').split('\n');
    const details = lines.slice(lines.indexOf('---'));
    assert.deepEqual(details.slice(0, 6), [
      '---',
      '',
      '**Incomplete caller** `src/routes/auth.js:20` calls this helper and does not complete its logout',
      '',
      '**Route** `src/routes/auth.js:19` reaches that caller',
      '',
    ]);
    assert.ok(details.includes('**Mounted by** `src/app.js:10`'), details.join('\n'));
  });

  it('a controller routed from a router mounted in another file: the route and the mount', async () => {
    const finding = await findingIn(EXPRESS, 'src/controllers/session-controller.js');
    assert.deepEqual(related(finding), [
      'src/controllers/session-controller.js:5 <evidence>',
      'src/routes/auth.js:9 Chain: src/routes/auth.js:9 → session → passport 0.5.3 → express-session ^1.18.0',
      'src/app.js:18 mounts src/routes/auth.js: its routes run behind the middleware before this line',
    ]);
  });
});
