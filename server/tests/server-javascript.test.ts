import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeActionRequest, DidSaveTextDocumentNotification, HoverRequest, type CodeAction } from 'vscode-languageserver-protocol/node';
import { copyFixture, LspSession } from './support/lsp-session';

/** The team's Express + passport 0.5 fixture: `req.logout()` alone is CVE-2022-25896. */
const EXPRESS = path.resolve(__dirname, '../../test-fixtures/express-passport05');
const CONTROLLER = 'src/controllers/session-controller.js';

describe('language server over stdio: JavaScript documents', function () {
  this.timeout(30_000);
  let workspace: string;
  let session: LspSession;

  beforeEach(async () => {
    workspace = copyFixture(EXPRESS);
    session = new LspSession({ workspace, settings: {} });
    await session.initialize();
  });

  afterEach(async () => {
    await session.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('reports the passport 0.5 logout, fixes it with the preferred suggestion, and disables with a JS directive', async () => {
    const uri = await session.open(path.join(workspace, CONTROLLER), undefined, 'javascript');
    const [finding, ...others] = (await session.diagnosticsFor(uri, { version: 1 })).diagnostics;
    assert.equal(others.length, 0);
    assert.equal(finding!.code, 'secure-logout/invalidate-session');
    assert.equal(finding!.range.start.line, 4);
    assert.equal(finding!.message, 'Old session survives req.logout() (passport < 0.6): regenerate or destroy the session after it.');
    assert.match(finding!.relatedInformation![0]!.message, /CVE-2022-25896/);

    const actions = (await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: finding!.range, context: { diagnostics: [] } })) as CodeAction[];
    const disable = actions.find((action) => action.title === 'Disable secure-logout/invalidate-session for this line')!;
    const preferred = actions.find((action) => action.isPreferred)!;
    assert.match(preferred.title, /^Regenerate the session after req\.logout\(\) and respond in its callback \(secure-logout\/invalidate-session\)$/);

    let since = session.diagnostics.length;
    session.applyEdit(disable.edit!);
    assert.deepEqual(session.document(uri).getText().split('\n').slice(3, 6), [
      '  // passport 0.5: this only removes req.session.passport.user.',
      '  // eslint-disable-next-line secure-logout/invalidate-session',
      '  req.logout();',
    ]);
    assert.deepEqual((await session.diagnosticsFor(uri, { version: 2, since })).diagnostics, []);

    // Back to the original text, then the quick fix.
    since = session.diagnostics.length;
    await session.replace(uri, fs.readFileSync(path.join(workspace, CONTROLLER), 'utf8'));
    await session.diagnosticsFor(uri, { version: 3, since });
    since = session.diagnostics.length;
    session.applyEdit({ documentChanges: [{ textDocument: { uri, version: 3 }, edits: (preferred.edit!.documentChanges![0] as { edits: never[] }).edits }] });
    assert.match(session.document(uri).getText(), /req\.logout\(\);\n {2}req\.session\.regenerate\(\(err\) => \{\n {4}if \(err\) return next\(err\);\n {4}res\.redirect\('\/'\);\n {2}\}\);/);
    assert.deepEqual((await session.diagnosticsFor(uri, { version: 4, since })).diagnostics, []);
  });

  it('explains the finding on hover: the route in another module with its authentication, and the library versions', async () => {
    const uri = await session.open(path.join(workspace, CONTROLLER), undefined, 'javascript');
    const [finding] = (await session.diagnosticsFor(uri, { version: 1 })).diagnostics;
    const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 4, character: 6 } });
    assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents);
    assert.deepEqual(hover.contents.value.split('\n'), [
      `**${finding!.message}** \`secure-logout/invalidate-session\``,
      '',
      '**Quick fix:** Regenerate the session after req.logout() and respond in its callback',
      '',
      '**Chain:** `src/routes/auth.js:9` → `session` → `passport` 0.5.3 → `express-session` ^1.18.0',
      '',
      `**Why:** ${finding!.relatedInformation![0]!.message} ([secure-logout/invalidate-session documentation](https://github.com/secure-logout/secure-logout/blob/main/eslint-plugin/docs/rules/invalidate-session.md))`,
      '',
      '---',
      '',
      '**Route** `src/routes/auth.js:9` reaches this handler',
      '',
      '**Mounted by** `src/app.js:18`',
      '',
      '**Authentication, in order:** `session`',
      '',
      '**Libraries:** `passport` 0.5.3 (package.json range), `express-session` ^1.18.0 (package.json range)',
    ]);
    assert.deepEqual(hover.range, finding!.range);
  });

  it('re-checks an open handler when the route module that mounts it is saved (here: behind a bearer-only gate)', async () => {
    const uri = await session.open(path.join(workspace, CONTROLLER), undefined, 'javascript');
    assert.deepEqual((await session.diagnosticsFor(uri, { version: 1 })).diagnostics.map((d) => d.code), ['secure-logout/invalidate-session']);
    const routesPath = path.join(workspace, 'src/routes/auth.js');
    const routes = await session.open(routesPath, undefined, 'javascript');
    await session.diagnosticsFor(routes, { version: 1 });
    const bearerOnly = session.document(routes).getText().replace("router.post('/logout', sessionController.logout);", "router.post('/logout', passport.authenticate('bearer', { session: false }), sessionController.logout);");
    const since = session.diagnostics.length;
    await session.replace(routes, bearerOnly);
    fs.writeFileSync(routesPath, bearerOnly);
    await session.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: routes } });
    // The controller's text did not change (still version 1): only the saved route module can have cleared it.
    const rechecked = await session.waitFor(() => session.diagnostics.slice(since).find((p) => p.uri === uri), 'the handler re-checked after the route module was saved');
    assert.deepEqual(rechecked, { uri, version: 1, diagnostics: [] });
    assert.ok(session.logs.includes('src/routes/auth.js changed: re-checking src/controllers/session-controller.js'), session.logs.join('\n'));
  });

  it('appends a second rule to an existing eslint-disable-next-line directive instead of stacking comments', async () => {
    const text = fs.readFileSync(path.join(workspace, CONTROLLER), 'utf8').replace('  req.logout();\n  res.redirect', '  // eslint-disable-next-line no-console -- noisy\n  req.logout();\n  res.redirect');
    const uri = await session.open(path.join(workspace, CONTROLLER), text, 'javascript');
    const [finding] = (await session.diagnosticsFor(uri, { version: 1 })).diagnostics;
    const actions = (await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: finding!.range, context: { diagnostics: [] } })) as CodeAction[];
    session.applyEdit(actions.find((action) => action.title.startsWith('Disable '))!.edit!);
    assert.ok(session.document(uri).getText().includes('  // eslint-disable-next-line no-console, secure-logout/invalidate-session -- noisy\n  req.logout();'));
  });
});
