import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { LspSession } from './support/lsp-session';

/**
 * laravel/fortify's own POST /logout has no route line in the app: its finding is at
 * config/fortify.php's guard entry (SPEC §2.3), and the hover there explains the route Fortify
 * registers — the middleware it takes from the config, the guard and where each came from.
 */
const FIXTURE = path.resolve(__dirname, '../../test-fixtures/laravel-fortify-own-route');

describe('language server over stdio: Fortify’s own logout route', function () {
  this.timeout(30_000);
  let workspace: string;
  let session: LspSession;

  beforeEach(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-fortify-'));
    fs.cpSync(FIXTURE, workspace, { recursive: true });
    session = new LspSession({ workspace, settings: {} });
    await session.initialize();
  });

  afterEach(async () => {
    await session.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('reports logout-guard at the guard entry and explains the chain Fortify builds on hover', async () => {
    const uri = await session.open(path.join(workspace, 'config/fortify.php'));
    const { diagnostics } = await session.diagnosticsFor(uri, { version: 1 });
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)}`), ['8 secure-logout/logout-guard']);
    const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 7, character: 8 } });
    const text = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.ok(text.includes('**Chain:** `POST /logout` (config/fortify.php:8) → `StartSession` → `auth:sanctum` → guard `sanctum` (driver `sanctum`)'), text);
    assert.ok(text.includes("laravel/fortify's own routes: config/fortify.php 'middleware'"), text);
    assert.ok(text.includes("laravel/fortify's own logout route: auth_middleware:guard, Fortify 1.24.1"), text);
  });
});
