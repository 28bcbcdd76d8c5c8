import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidSaveTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  FileChangeType,
  WorkDoneProgressCancelNotification,
  type CodeAction,
} from 'vscode-languageserver-protocol/node';
import { MAX_SCANNED_FILE_BYTES } from '../src/workspace-scan';
import { copyFixture, uriOf, useSessions } from './support/lsp-session';

const CONTROLLER = 'app/Http/Controllers/SessionController.php';

describe('language server over stdio: workspace, settings and isolation', function () {
  this.timeout(30_000);
  const start = useSessions();

  it('re-checks a controller when its route file changes (unsaved buffer), offers the cross-file route fix, and follows watched config files', async () => {
    const { session, workspace } = await start();
    const controller = await session.open(path.join(workspace, CONTROLLER));
    const rules = (p: { diagnostics: { code?: unknown; range: { start: { line: number } } }[] }) => p.diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)}`);
    assert.deepEqual(rules(await session.diagnosticsFor(controller, { version: 1 })), ['13 secure-logout/invalidate-session']);
    const routes = await session.open(path.join(workspace, 'routes/web.php'));
    await session.diagnosticsFor(routes, { version: 1 });

    // Unsaved edit: the logout route moves under auth:sanctum (a token-capable guard, database sessions).
    let since = session.diagnostics.length;
    await session.replace(routes, session.document(routes).getText().replace("'destroy'])->middleware('auth')", "'destroy'])->middleware('auth:sanctum')"));
    const recheck = await session.waitFor(() => session.diagnostics.slice(since).find((p) => p.uri === controller && p.diagnostics.length === 2), 'the controller re-checked with the route context');
    assert.equal(recheck.version, 1);
    assert.deepEqual(rules(recheck), ['13 secure-logout/invalidate-session', '13 secure-logout/forget-request-guard-user']);
    assert.ok(session.logs.includes('routes/web.php changed: re-checking app/Http/Controllers/SessionController.php'), session.logs.join('\n'));
    const forget = recheck.diagnostics[1]!;
    // The message's evidence first (at the finding), then the files it rests on.
    assert.deepEqual(
      forget.relatedInformation!.map((info) => `${path.relative(workspace, new URL(info.location.uri).pathname)}:${info.location.range.start.line + 1} ${info.message.slice(0, 60)}`).slice(0, 3),
      [
        'app/Http/Controllers/SessionController.php:13 This logout ends the session login, but POST /logout (routes',
        'routes/web.php:7 Chain: POST /logout → StartSession → auth:sanctum → guard sa',
      ],
    );

    // The second fix of forget-request-guard-user edits the route file, not the controller.
    const actions = (await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: controller }, range: forget.range, context: { diagnostics: [forget] } })) as CodeAction[];
    const moveRoute = actions.find((action) => action.title === 'Change auth:sanctum to auth:web in routes/web.php:7 (secure-logout/forget-request-guard-user)');
    assert.ok(moveRoute, actions.map((action) => action.title).join('\n'));
    assert.deepEqual(moveRoute.edit!.documentChanges!.map((change) => (change as { textDocument: { uri: string } }).textDocument.uri), [routes]);
    since = session.diagnostics.length;
    session.applyEdit(moveRoute.edit!);
    assert.match(session.document(routes).getText(), /Route::post\('\/logout', \[SessionController::class, 'destroy'\]\)->middleware\('auth:web'\);/);
    const afterMove = await session.waitFor(() => session.diagnostics.slice(since).find((p) => p.uri === controller && p.diagnostics.length === 1), 'the controller re-checked after the route fix');
    assert.deepEqual(rules(afterMove), ['13 secure-logout/invalidate-session']);

    // A config file that is not open changes on disk: the client's file watcher reports it.
    await session.replace(routes, session.document(routes).getText().replace("'auth:web'", "'auth:sanctum'"));
    await session.waitFor(() => session.diagnostics.slice(since).find((p) => p.uri === controller && p.diagnostics.length === 2), 'auth:sanctum again');
    const sessionConfig = path.join(workspace, 'config/session.php');
    fs.writeFileSync(sessionConfig, fs.readFileSync(sessionConfig, 'utf8').replace("env('SESSION_DRIVER', 'database')", "env('SESSION_DRIVER', 'file')"));
    since = session.diagnostics.length;
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(sessionConfig), type: FileChangeType.Changed }] });
    const fileDriver = await session.waitFor(() => session.diagnostics.slice(since).find((p) => p.uri === controller), 'the controller re-checked after the config change');
    // With the file driver no session row carries the user id: only the missing invalidation remains.
    assert.deepEqual(rules(fileDriver), ['13 secure-logout/invalidate-session']);
    assert.ok(session.logs.includes('config/session.php changed: re-checking open files of the project'));

    // A change to a file that feeds no other file's findings re-checks nothing else. The config
    // change sent after it is the barrier: the server handles watched-file changes in order and
    // logs every re-check it starts, so once the config change's re-check is published, a re-check
    // caused by ProfileController.php would already be in the log (no sleep, no false pass under load).
    const logsBefore = session.logs.length;
    since = session.diagnostics.length;
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(path.join(workspace, 'app/Http/Controllers/ProfileController.php')), type: FileChangeType.Changed }] });
    fs.writeFileSync(sessionConfig, fs.readFileSync(sessionConfig, 'utf8').replace("env('SESSION_DRIVER', 'file')", "env('SESSION_DRIVER', 'database')"));
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(sessionConfig), type: FileChangeType.Changed }] });
    const databaseDriver = await session.waitFor(() => session.diagnostics.slice(since).find((p) => p.uri === controller), 'the controller re-checked after the config change back');
    assert.deepEqual(rules(databaseDriver), ['13 secure-logout/invalidate-session', '13 secure-logout/forget-request-guard-user']);
    assert.deepEqual(
      session.logs.slice(logsBefore).filter((line) => line.includes(' changed: re-checking ')),
      ['config/session.php changed: re-checking open files of the project'],
    );
  });

  it('scans the workspace with progress; skips vendor/, symlink loops, broken links and oversized files', async () => {
    const workspace = copyFixture();
    fs.symlinkSync('..', path.join(workspace, 'app/loop'));
    fs.symlinkSync('missing.php', path.join(workspace, 'app/Broken.php'));
    fs.writeFileSync(path.join(workspace, 'app/Generated.php'), `<?php\n// logout\n${'$x = 1;\n'.repeat(MAX_SCANNED_FILE_BYTES / 8 + 1)}`);
    const { session } = await start({ workspace });
    const configurationsBefore = session.configurationScopes.length;
    const result = (await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'secure-logout.scanWorkspace', arguments: [], workDoneToken: 'scan-1' })) as {
      filesChecked: number;
      filesWithFindings: number;
      findings: number;
      skipped: { path: string; reason: string }[];
      cancelled: boolean;
    };
    assert.deepEqual(
      { ...result, skipped: result.skipped.map((skip) => `${path.relative(workspace, skip.path)}: ${skip.reason.replace(/\(.*\)/, '(…)')}`).sort() },
      {
        ...result,
        // Controller, ProfileController, SessionController, bootstrap/app.php, 3 config files, routes/web.php, tests/Feature/LogoutTest.php
        filesChecked: 9,
        filesWithFindings: 1,
        findings: 1,
        cancelled: false,
        skipped: ['app/Broken.php: broken or looping symlink (…)', 'app/Generated.php: oversized (…)', 'app/loop: symlink loop or already scanned through another link'],
      },
    );
    // Files that are not open use their folder's settings: one configuration request per scan, not one per file.
    assert.deepEqual(session.configurationScopes.slice(configurationsBefore), [uriOf(workspace)]);
    const published = session.diagnostics.filter((p) => p.diagnostics.length > 0);
    assert.deepEqual(published.map((p) => [p.uri, p.diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`)]), [[uriOf(path.join(workspace, CONTROLLER)), ['13 secure-logout/invalidate-session']]]);
    assert.ok(!session.diagnostics.some((p) => p.uri.includes('/vendor/') || p.uri.includes('/tests/')));
    const progress = session.progress.filter((event) => event.token === 'scan-1').map((event) => event.value);
    assert.equal(progress[0]!.kind, 'begin');
    assert.equal(progress[0]!.cancellable, true);
    assert.equal(progress.at(-1)!.kind, 'end');
    const reports = progress.filter((value) => value.kind === 'report');
    // 10 candidates: the 9 checked files and the oversized one, found too large when read.
    assert.deepEqual(reports.map((value) => value.percentage), [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    assert.equal(reports[2]!.message, '2/10 app/Http/Controllers/ProfileController.php');
    assert.ok(session.logs.some((line) => /^scan: skipped .*Generated\.php: oversized \(\d+ bytes > 1000000\)$/.test(line)));
  });

  it('stops a scan when the user cancels its progress', async () => {
    const workspace = copyFixture();
    const source = fs.readFileSync(path.join(workspace, CONTROLLER), 'utf8');
    for (let i = 0; i < 150; i++) fs.writeFileSync(path.join(workspace, `app/Http/Controllers/Copy${i}Controller.php`), source.replace('class SessionController', `class Copy${i}Controller`));
    const { session } = await start({ workspace });
    const scan = session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'secure-logout.scanWorkspace', arguments: [] }) as Promise<{ filesChecked: number; cancelled: boolean }>;
    // No workDoneToken: the server creates the progress itself (window/workDoneProgress/create).
    const begin = await session.waitFor(() => session.progress.find((event) => event.value.kind === 'report' && (event.value.percentage ?? 0) > 0), 'scan progress');
    await session.connection.sendNotification(WorkDoneProgressCancelNotification.type, { token: begin.token });
    const result = await scan;
    assert.equal(result.cancelled, true);
    assert.ok(result.filesChecked > 0 && result.filesChecked < 150, `${result.filesChecked} files checked`);
  });

  it('honours settings: disabled, severity override, rule off, exclude globs, run onSave', async () => {
    const { session, workspace } = await start({ settings: { rules: { 'invalidate-session': 'warn' } } });
    const uri = await session.open(path.join(workspace, CONTROLLER));
    assert.equal((await session.diagnosticsFor(uri, { version: 1 })).diagnostics[0]!.severity, 2);

    const cases: [unknown, number][] = [
      [{ enable: false }, 0],
      [{ rules: { 'secure-logout/invalidate-session': 'off' } }, 0],
      [{ exclude: ['app/Http/Controllers/**'] }, 0],
      [{ include: ['routes/**'] }, 0],
      [{ rules: { 'secure-logout/invalidate-session': 'error' } }, 1],
    ];
    for (const [settings, count] of cases) {
      (session as unknown as { options: { settings: unknown } }).options.settings = settings;
      const since = session.diagnostics.length;
      await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      const published = await session.diagnosticsFor(uri, { since });
      assert.equal(published.diagnostics.length, count, JSON.stringify(settings));
    }

    (session as unknown as { options: { settings: unknown } }).options.settings = { run: 'onSave' };
    await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await session.diagnosticsFor(uri, { since: session.diagnostics.length - 1 });
    const since = session.diagnostics.length;
    await session.replace(uri, session.document(uri).getText().replace("logout();\n", 'logout();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();\n'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.deepEqual(session.diagnostics.slice(since), [], 'no check while typing with run: onSave');
    await session.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    assert.deepEqual((await session.diagnosticsFor(uri, { since })).diagnostics, []);
  });

  it('takes settings from initializationOptions when the client has no workspace/configuration (Neovim style, nested)', async () => {
    const { session, workspace } = await start({ settings: undefined, initializationOptions: { secureLogout: { rules: { 'invalidate-session': 'warn' } } } });
    const uri = await session.open(path.join(workspace, CONTROLLER));
    assert.equal((await session.diagnosticsFor(uri, { version: 1 })).diagnostics[0]!.severity, 2);
    const since = session.diagnostics.length;
    await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { secureLogout: { enable: false } } });
    assert.deepEqual((await session.diagnosticsFor(uri, { since })).diagnostics, []);
  });

  it('answers pull requests (textDocument/diagnostic) and does not push to pull clients', async () => {
    const { session, workspace } = await start({ pull: true });
    const uri = await session.open(path.join(workspace, CONTROLLER));
    const report = await session.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    assert.deepEqual((report as { items: { code?: unknown }[] }).items.map((item) => item.code), ['secure-logout/invalidate-session']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(session.diagnostics, []);

    // A route change cannot be pushed to a pull client: the server asks it to pull again.
    const routes = await session.open(path.join(workspace, 'routes/web.php'));
    const refreshes = session.diagnosticRefreshes;
    await session.replace(routes, session.document(routes).getText().replace("'destroy'])->middleware('auth')", "'destroy'])->middleware('auth:sanctum')"));
    await session.waitFor(() => session.diagnosticRefreshes > refreshes, 'workspace/diagnostic/refresh');
    const again = await session.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    assert.deepEqual((again as { items: { code?: unknown }[] }).items.map((item) => item.code), ['secure-logout/invalidate-session', 'secure-logout/forget-request-guard-user']);
  });

  it('honours run: onSave for pull clients too: a pull while the buffer is unsaved answers the findings of the saved text', async () => {
    const { session, workspace } = await start({ pull: true, settings: { run: 'onSave' } });
    const uri = await session.open(path.join(workspace, CONTROLLER));
    const pull = async () => ((await session.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items: { code?: unknown }[] }).items.map((item) => item.code);
    assert.deepEqual(await pull(), ['secure-logout/invalidate-session']);
    await session.replace(uri, session.document(uri).getText().replace("logout();\n", 'logout();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();\n'));
    assert.deepEqual(await pull(), ['secure-logout/invalidate-session'], 'typing is not checked with run: onSave');
    await session.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    assert.deepEqual(await pull(), []);
  });

  it('checks untitled buffers (no file yet) by their language', async () => {
    const { session, workspace } = await start();
    const text = fs.readFileSync(path.join(workspace, CONTROLLER), 'utf8');
    const uri = 'untitled:Untitled-1';
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'php', version: 1, text } });
    const published = await session.diagnosticsFor(uri, { version: 1 });
    assert.deepEqual(published.diagnostics.map((d) => [d.range.start.line + 1, d.code]), [[13, 'secure-logout/invalidate-session']]);
  });

  it('isolates a crash in one file: that file gets an internal-error notice, the others are still checked', async () => {
    const { session, workspace } = await start({ env: { SECURE_LOGOUT_SERVER_TEST_CRASH_ON: 'SessionController' } });
    const crashing = await session.open(path.join(workspace, CONTROLLER));
    const notice = await session.diagnosticsFor(crashing, { version: 1 });
    assert.deepEqual(notice.diagnostics.map((d) => [d.code, d.severity]), [['internal-error', 3]]);
    assert.match(notice.diagnostics[0]!.message, /^secure-logout could not check this file \(internal error: injected crash while analysing .*SessionController\.php\)/);
    await session.waitFor(() => session.status.some((s) => s.state === 'error' && s.uri === crashing), 'an error status');
    const otherPath = path.join(workspace, 'app/Http/Controllers/OtherController.php');
    const other = await session.open(otherPath, fs.readFileSync(path.join(workspace, CONTROLLER), 'utf8').replace('SessionController', 'OtherController'));
    assert.deepEqual((await session.diagnosticsFor(other, { version: 1 })).diagnostics.map((d) => d.code), ['secure-logout/invalidate-session']);
    await session.waitFor(() => session.status.some((s) => s.state === 'ok' && s.uri === other && typeof s.lastValidationMs === 'number'), 'an ok status');
    // A scan goes on past the crashing file.
    const scan = (await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'secure-logout.scanWorkspace', arguments: [] })) as { filesChecked: number; findings: number };
    assert.equal(scan.filesChecked, 9);
    assert.ok(session.logs.some((line) => /^analysis of .*SessionController\.php failed \(isolated, other files are unaffected\): TypeError: injected crash/.test(line)));
    assert.ok(session.logs.some((line) => line.startsWith('scan: 9 files checked')), session.logs.join('\n'));
  });
});
