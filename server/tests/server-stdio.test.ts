import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeActionRequest, ExecuteCommandRequest, HoverRequest, type CodeAction } from 'vscode-languageserver-protocol/node';
import { copyFixture, LspSession } from './support/lsp-session';

const CONTROLLER = 'app/Http/Controllers/SessionController.php';
const DOCS = 'https://github.com/secure-logout/secure-logout/blob/main/eslint-plugin/docs/rules/invalidate-session.md';

describe('language server over stdio (real binary)', function () {
  this.timeout(30_000);
  let workspace: string;
  let session: LspSession;

  beforeEach(async () => {
    workspace = copyFixture();
    session = new LspSession({ workspace, settings: {} });
    await session.initialize();
  });

  afterEach(async () => {
    await session.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('publishes a finding for the unsaved buffer, fixes it with the quick fix, then publishes none', async () => {
    const uri = await session.open(path.join(workspace, CONTROLLER));
    const published = await session.diagnosticsFor(uri, { version: 1 });
    assert.equal(published.diagnostics.length, 1);
    const [finding] = published.diagnostics;
    assert.equal(finding!.code, 'secure-logout/invalidate-session');
    assert.equal(finding!.source, 'secure-logout');
    assert.equal(finding!.severity, 1);
    assert.deepEqual(finding!.codeDescription, { href: DOCS });
    assert.deepEqual(finding!.range, { start: { line: 12, character: 8 }, end: { line: 12, character: 36 } });
    // The first sentence only: problem and fix, short enough for the Problems panel (SPEC §4 Messages).
    assert.equal(finding!.message, 'Logout on POST /logout keeps the session: add invalidate() + regenerateToken().');
    // The evidence at the finding, then the chain at the route (route → middleware → guard → session driver).
    assert.deepEqual(
      finding!.relatedInformation!.map((info) => `${path.relative(workspace, fileURLToPath(info.location.uri))}:${info.location.range.start.line + 1} ${info.message}`),
      [
        `${CONTROLLER}:13 This logout leaves the session alive: the old session id keeps working, the CSRF token stays valid and flash and other session data are kept. Route: POST /logout (routes/web.php:7).`,
        'routes/web.php:7 Chain: POST /logout → StartSession → auth → guard web (driver session) → session driver database',
      ],
    );

    const actions = (await session.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: finding!.range,
      context: { diagnostics: [finding!] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((action) => [action.title, action.kind]),
      [
        ['Add $request->session()->invalidate() and $request->session()->regenerateToken() after the logout (secure-logout/invalidate-session)', 'quickfix'],
        ['Disable secure-logout/invalidate-session for this line', 'quickfix'],
        ['Disable secure-logout/invalidate-session for the entire file', 'quickfix'],
        ['Show documentation for secure-logout/invalidate-session', 'quickfix'],
        ['Fix all secure-logout problems in this file', 'source.fixAll.secure-logout'],
      ],
    );
    const quickFix = actions[0]!;
    assert.equal(quickFix.isPreferred, true);
    const before = session.diagnostics.length;
    session.applyEdit(quickFix.edit!);
    assert.equal(
      session.document(uri).getText().split('\n').slice(11, 17).join('\n'),
      [
        '    {',
        "        Auth::guard('web')->logout();",
        '        $request->session()->invalidate();',
        '        $request->session()->regenerateToken();',
        '',
        "        return redirect('/');",
      ].join('\n'),
    );
    const after = await session.diagnosticsFor(uri, { version: 2, since: before });
    assert.deepEqual(after.diagnostics, []);
  });
});

describe('language server over stdio: editing, hover and actions', function () {
  this.timeout(30_000);
  let workspace: string;
  let session: LspSession;
  let controllerPath: string;
  let badText: string;

  beforeEach(async () => {
    workspace = copyFixture();
    controllerPath = path.join(workspace, CONTROLLER);
    badText = fs.readFileSync(controllerPath, 'utf8');
    session = new LspSession({ workspace, settings: {} });
    await session.initialize();
  });

  afterEach(async () => {
    await session.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  const fixedText = () => badText.replace("logout();\n", 'logout();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();\n');

  it('explains the finding on hover: first the finding, its quick fix and the chain, then why, then route, middleware and their sources, guard, session driver', async () => {
    const uri = await session.open(controllerPath);
    const [finding] = (await session.diagnosticsFor(uri, { version: 1 })).diagnostics;
    const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 12, character: 20 } });
    assert.ok(hover && typeof hover.contents === 'object' && 'kind' in hover.contents);
    assert.equal(hover.contents.kind, 'markdown');
    const lines = hover.contents.value.split('\n');
    assert.deepEqual(lines.slice(0, 13), [
      `**${finding!.message}** \`secure-logout/invalidate-session\``,
      '',
      '**Quick fix:** Add $request->session()->invalidate() and $request->session()->regenerateToken() after the logout',
      '',
      '**Chain:** `POST /logout` (routes/web.php:7) → `StartSession` → `auth` → guard `web` (driver `session`) → session driver `database`',
      '',
      `**Why:** ${finding!.relatedInformation![0]!.message} ([secure-logout/invalidate-session documentation](${DOCS}))`,
      '',
      '---',
      '',
      '**Route** `POST /logout` — `routes/web.php:7`',
      '',
      'Middleware, in order:',
    ]);
    assert.ok(lines.includes('- `Illuminate\\Session\\Middleware\\StartSession`: bootstrap/app.php:9 applies the web group (withRouting(web:)), which contains Illuminate\\Session\\Middleware\\StartSession (framework default)'), lines.join('\n'));
    assert.ok(lines.includes('- `auth`: routes/web.php:7 applies auth'));
    assert.ok(lines.includes("**Effective guard:** `web` (driver `session`): routes/web.php:7 applies auth, i.e. the default guard (web, config/auth.php:6 (default of env('AUTH_GUARD'), no .env file))"));
    assert.ok(lines.includes("**Session driver:** `database` (config/session.php:7 (default of env('SESSION_DRIVER'), no .env file))"));
    assert.ok(lines.includes('**laravel/framework:** 11.9.2 (composer.lock)'));
    assert.deepEqual(hover.range, { start: { line: 12, character: 8 }, end: { line: 12, character: 36 } });
    assert.equal(await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 14, character: 10 } }), null);
  });

  it('"Disable for this line" inserts an indented PHP directive that silences the finding', async () => {
    const uri = await session.open(controllerPath);
    const [finding] = (await session.diagnosticsFor(uri, { version: 1 })).diagnostics;
    const actions = (await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: finding!.range, context: { diagnostics: [] } })) as CodeAction[];
    const disable = actions.find((action) => action.title === 'Disable secure-logout/invalidate-session for this line')!;
    const before = session.diagnostics.length;
    session.applyEdit(disable.edit!);
    assert.deepEqual(session.document(uri).getText().split('\n').slice(11, 14), [
      '    {',
      '        // eslint-disable-next-line secure-logout/invalidate-session',
      "        Auth::guard('web')->logout();",
    ]);
    assert.deepEqual((await session.diagnosticsFor(uri, { version: 2, since: before })).diagnostics, []);
  });

  it('source.fixAll.secure-logout fixes the file in one edit, and offers nothing once fixed', async () => {
    const uri = await session.open(controllerPath);
    await session.diagnosticsFor(uri, { version: 1 });
    const request = () =>
      session.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      }) as Promise<CodeAction[]>;
    // Away from any finding a plain request (a cursor move) lists nothing, and costs no re-lint.
    assert.deepEqual(
      await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, context: { diagnostics: [] } }),
      [],
    );
    const [fixAll, ...others] = await request();
    assert.equal(others.length, 0);
    assert.equal(fixAll!.title, 'Fix all secure-logout problems in this file');
    const edits = (fixAll!.edit!.documentChanges![0] as { edits: unknown[] }).edits;
    assert.equal(edits.length, 1);
    const before = session.diagnostics.length;
    session.applyEdit(fixAll!.edit!);
    assert.equal(session.document(uri).getText(), fixedText());
    assert.deepEqual((await session.diagnosticsFor(uri, { version: 2, since: before })).diagnostics, []);
    assert.deepEqual(await request(), []);
  });

  it('"Show documentation" makes the client show the rule URL', async () => {
    const uri = await session.open(controllerPath);
    const [finding] = (await session.diagnosticsFor(uri, { version: 1 })).diagnostics;
    const actions = (await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: finding!.range, context: { diagnostics: [] } })) as CodeAction[];
    const show = actions.find((action) => action.title.startsWith('Show documentation'))!;
    assert.deepEqual(show.command, { title: 'Show documentation for secure-logout/invalidate-session', command: 'secure-logout.showDocumentation', arguments: [DOCS] });
    await session.connection.sendRequest(ExecuteCommandRequest.type, { command: show.command!.command, arguments: show.command!.arguments! });
    // This client has no window/showDocument: the server falls back to a message with the link.
    await session.waitFor(() => session.shownMessages.includes(`secure-logout rule documentation: ${DOCS}`), 'the documentation message');
  });

  it('never publishes results for an outdated version; 50 rapid edits end in the right diagnostics', async () => {
    const uri = await session.open(controllerPath, badText);
    await session.diagnosticsFor(uri, { version: 1 });
    const textOf = new Map<number, string>([[1, badText]]);
    for (let version = 2; version <= 51; version++) {
      const text = version % 2 === 1 ? badText : fixedText();
      textOf.set(version, text);
      await session.replace(uri, text);
    }
    const final = await session.diagnosticsFor(uri, { version: 51 });
    assert.equal(final.diagnostics.length, 1);
    assert.equal(final.diagnostics[0]!.code, 'secure-logout/invalidate-session');
    const publications = session.diagnostics.filter((p) => p.uri === uri);
    let previous = 0;
    for (const publication of publications) {
      // Every publication names the version it was computed for, versions only go forward, and
      // the findings are exactly those of that version's text.
      assert.ok(publication.version !== undefined && publication.version >= previous, `version ${publication.version} after ${previous}`);
      previous = publication.version;
      assert.equal(publication.diagnostics.length, textOf.get(publication.version) === badText ? 1 : 0, `version ${publication.version}`);
    }
    // The burst is checked at its end, not once per keystroke.
    assert.ok(publications.length < 10, `${publications.length} publications for 50 edits`);
  });
});
