import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import plugin = require('eslint-plugin-secure-logout');
import { copyFixture, LspSession } from './support/lsp-session';

/**
 * A logout judged along its call path across modules: the helper's finding depends on the
 * routers that call it. The editor reports what `eslint` reports for the same files, and an
 * unsaved edit of a caller re-checks the open helper.
 */
const PROJECT = path.resolve(__dirname, '../../eslint-plugin/tests/fixtures/node/call-paths/express-helpers');
const HELPERS = ['src/lib/login-state.js', 'src/lib/end-session.js', 'src/services/sessions.js', 'src/routes/auth.js', 'src/routes/api.js'];
const ROUTES = 'src/routes/auth.js';

describe('language server over stdio: JS/TS logouts judged along the call path', function () {
  this.timeout(30_000);
  let workspace: string;
  let session: LspSession;

  beforeEach(async () => {
    workspace = copyFixture(PROJECT);
    session = new LspSession({ workspace, settings: {} });
    await session.initialize();
  });

  afterEach(async () => {
    await session.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('reports the same (file, line, rule) as the CLI for helpers whose callers live in other modules', async () => {
    const eslint = new ESLint({ cwd: workspace, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never });
    const cli = (await eslint.lintFiles(HELPERS)).flatMap((r) => r.messages.map((m) => `${path.relative(workspace, r.filePath)}:${m.line} ${m.ruleId}`)).sort();
    assert.deepEqual(cli, ['src/lib/end-session.js:3 secure-logout/invalidate-session', 'src/lib/login-state.js:7 secure-logout/invalidate-session', 'src/services/sessions.js:3 secure-logout/invalidate-session']);

    const editor: string[] = [];
    for (const file of HELPERS) {
      const uri = await session.open(path.join(workspace, file), undefined, 'javascript');
      for (const d of (await session.diagnosticsFor(uri, { version: 1 })).diagnostics) editor.push(`${file}:${d.range.start.line + 1} ${String(d.code)}`);
    }
    assert.deepEqual(editor.sort(), cli);
  });

  it('re-checks the open helper when an unsaved edit makes its incomplete caller complete the logout', async () => {
    const helper = await session.open(path.join(workspace, 'src/lib/login-state.js'), undefined, 'javascript');
    const [finding] = (await session.diagnosticsFor(helper, { version: 1 })).diagnostics;
    assert.equal(finding!.range.start.line, 6);
    // The evidence after the first sentence names the incomplete caller and its route.
    assert.match(finding!.relatedInformation?.[0]?.message ?? '', /when called from src\/routes\/auth\.js:20 \(route at src\/routes\/auth\.js:19\)/);

    const routes = await session.open(path.join(workspace, ROUTES), undefined, 'javascript');
    await session.diagnosticsFor(routes, { version: 1 });
    const since = session.diagnostics.length;
    const completed = session.document(routes).getText().replace("  dropUser(req);\n  res.redirect('/login');", "  dropUser(req);\n  req.session.destroy(() => res.redirect('/login'));");
    assert.notEqual(completed, session.document(routes).getText());
    await session.replace(routes, completed);
    const next = await session.waitFor(() => session.diagnostics.slice(since).find((p) => p.uri === helper), 'the helper re-checked after its caller changed');
    assert.deepEqual(next.diagnostics, []);
  });
});
