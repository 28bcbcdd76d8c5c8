import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { CodeActionRequest, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, DidSaveTextDocumentNotification, ExecuteCommandRequest, FileChangeType, HoverRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LARAVEL_SKELETON, writeProject } from './support/laravel-app';
import secureLogout = require('eslint-plugin-secure-logout');
import { LspSession, uriOf } from './support/lsp-session';

/**
 * `settings['secure-logout']` (eslint-plugin README "Settings") in the editor: the server lints with
 * the settings `eslint` uses for the same files — the workspace ESLint config's when it runs
 * secure-logout (read from its text, never run), else the server's own `projectSettings` — and its
 * hover and related information explain the findings with those settings (SPEC §5: both hosts report
 * the same findings for the same files).
 */
const pluginDir = path.dirname(require.resolve('eslint-plugin-secure-logout/package.json'));
const recommended = secureLogout.configs.recommended as Linter.Config[];

const SETTINGS = {
  // 'admin' uses a custom driver config/auth.php names but cannot say is a session guard; 'staff' is not in config/auth.php at all.
  guards: { staff: 'cas' },
  sessionDrivers: ['cas'],
  logoutHelpers: [{ name: 'App\\Support\\AuthGateway::signOut', completes: false }],
};

const controller = (name: string, uses: string, parameters: string, body: string) =>
  `<?php\n\nnamespace App\\Http\\Controllers;\n\n${uses}use Illuminate\\Http\\Request;\n\nclass ${name}\n{\n    public function destroy(Request $request${parameters})\n    {\n        ${body}\n\n        return redirect('/');\n    }\n}\n`;

const LARAVEL_APP: Record<string, string> = {
  ...LARAVEL_SKELETON,
  'config/auth.php': "<?php\n\nreturn [\n    'defaults' => ['guard' => 'web'],\n    'guards' => [\n        'web' => ['driver' => 'session', 'provider' => 'users'],\n        'admin' => ['driver' => 'cas', 'provider' => 'admins'],\n    ],\n];\n",
  'routes/web.php': `<?php

use App\\Http\\Controllers\\AdminSessionController;
use App\\Http\\Controllers\\SessionController;
use App\\Http\\Controllers\\StaffSessionController;
use Illuminate\\Support\\Facades\\Route;

Route::post('/admin/logout', [AdminSessionController::class, 'destroy'])->middleware('auth:admin');
Route::post('/staff/logout', [StaffSessionController::class, 'destroy'])->middleware('auth:staff');
Route::post('/logout', [SessionController::class, 'destroy'])->middleware('auth');
`,
  'app/Http/Controllers/AdminSessionController.php': controller('AdminSessionController', 'use Illuminate\\Support\\Facades\\Auth;\n', '', "Auth::guard('admin')->logout();"),
  'app/Http/Controllers/StaffSessionController.php': controller('StaffSessionController', 'use Illuminate\\Support\\Facades\\Auth;\n', '', "Auth::guard('staff')->logout();"),
  // An opaque helper (it calls into a package): only the settings say it logs out.
  'app/Http/Controllers/SessionController.php': controller('SessionController', 'use App\\Support\\AuthGateway;\n', ', AuthGateway $gateway', '$gateway->signOut();'),
  'app/Support/AuthGateway.php': "<?php\n\nnamespace App\\Support;\n\nclass AuthGateway\n{\n    public function signOut(): void\n    {\n        app('sso')->forget();\n    }\n}\n",
};
const LARAVEL_FILES = ['app/Http/Controllers/AdminSessionController.php', 'app/Http/Controllers/StaffSessionController.php', 'app/Http/Controllers/SessionController.php'];
/** What `eslint` reports with SETTINGS (and what the server must report): a rule and line per file. */
const LARAVEL_FINDINGS = [
  'app/Http/Controllers/AdminSessionController.php:12 secure-logout/invalidate-session',
  'app/Http/Controllers/SessionController.php:12 secure-logout/invalidate-session',
  'app/Http/Controllers/StaffSessionController.php:12 secure-logout/invalidate-session',
];

const JS_APP: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0', 'express-session': '^1.18.0', passport: '0.5.3', '@acme/sessions': '^1.0.0' } }),
  // passport < 0.6 keeps the session on logout; the package's endSession (declared in settings) ends it.
  'src/app.js': "const express = require('express');\nconst { endSession } = require('@acme/sessions');\nconst app = express();\n\napp.post('/logout', (req, res) => {\n  req.logout();\n  endSession(req);\n  res.redirect('/');\n});\n\nmodule.exports = app;\n",
};
const JS_SETTINGS = { logoutHelpers: [{ name: 'endSession', completes: true }] };

/** eslint.config.js as a user writes it (the plugin is installed in the workspace's node_modules). */
function eslintConfig(settings: unknown): string {
  return `const secureLogout = require('eslint-plugin-secure-logout');\n\nmodule.exports = [\n  ...secureLogout.configs.recommended,\n  {\n    settings: {\n      'secure-logout': ${JSON.stringify(settings, null, 2).replace(/\n/g, '\n      ')},\n    },\n  },\n];\n`;
}

function workspaceWith(files: Record<string, string>): string {
  const workspace = writeProject(files, 'secure-logout-settings-');
  fs.mkdirSync(path.join(workspace, 'node_modules'));
  fs.symlinkSync(pluginDir, path.join(workspace, 'node_modules', 'eslint-plugin-secure-logout'), 'dir');
  return workspace;
}

/** `eslint` on the files: the workspace's eslint.config.js, or `config` when given. */
async function cliFindings(workspace: string, files: string[], config?: Linter.Config[]): Promise<string[]> {
  const eslint = new ESLint({ cwd: workspace, ...(config ? { overrideConfigFile: true, overrideConfig: config } : {}) });
  const results = await eslint.lintFiles(files);
  return results.flatMap((result) => result.messages.map((m) => `${path.relative(workspace, result.filePath).split(path.sep).join('/')}:${m.line} ${m.ruleId}`)).sort();
}

describe('language server over stdio: settings[secure-logout] as eslint uses them', function () {
  this.timeout(60_000);
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  /** `settings`: the client's answer to workspace/configuration; `null`: a client that only pushes settings. */
  async function start(workspace: string, settings: unknown = {}): Promise<LspSession> {
    cleanup.push(() => fs.rmSync(workspace, { recursive: true, force: true }));
    const session = new LspSession({ workspace, ...(settings === null ? {} : { settings }) });
    cleanup.push(() => session.dispose());
    await session.initialize();
    return session;
  }

  async function serverFindings(session: LspSession, workspace: string, files: string[], languageId = 'php'): Promise<{ findings: string[]; diagnostics: Map<string, Diagnostic[]> }> {
    const diagnostics = new Map<string, Diagnostic[]>();
    const findings: string[] = [];
    for (const file of files) {
      const uri = await session.open(path.join(workspace, file), undefined, languageId);
      const published = await session.diagnosticsFor(uri, { version: 1 });
      diagnostics.set(file, published.diagnostics);
      findings.push(...published.diagnostics.map((d) => `${file}:${d.range.start.line + 1} ${String(d.code)}`));
    }
    return { findings: findings.sort(), diagnostics };
  }

  async function hoverText(session: LspSession, workspace: string, file: string, diagnostic: Diagnostic): Promise<string> {
    const uri = uriOf(path.join(workspace, file));
    const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: diagnostic.range.start });
    return (hover?.contents as { value: string } | undefined)?.value ?? '';
  }

  it('Laravel: a custom session driver and a logout helper declared in eslint.config.js give the CLI\'s findings, and the evidence names the settings', async () => {
    const workspace = workspaceWith({ ...LARAVEL_APP, 'eslint.config.js': eslintConfig(SETTINGS) });
    const cli = await cliFindings(workspace, LARAVEL_FILES);
    assert.deepEqual(cli, LARAVEL_FINDINGS, 'eslint with the settings');
    assert.deepEqual(await cliFindings(workspace, LARAVEL_FILES, recommended), [
      'app/Http/Controllers/StaffSessionController.php:12 secure-logout/invalidate-session',
    ], 'without the settings the admin guard is not a session guard and signOut() is not a logout: the case tells the settings apart');

    const session = await start(workspace);
    const { findings, diagnostics } = await serverFindings(session, workspace, LARAVEL_FILES);
    assert.deepEqual(findings, cli);

    const settingsLine = eslintConfig(SETTINGS).split('\n').findIndex((line) => line.includes("'secure-logout':")) + 1;
    const admin = diagnostics.get('app/Http/Controllers/AdminSessionController.php')![0]!;
    const adminNote = `driver \`cas\`, a session driver per settings (eslint.config.js:${settingsLine})`;
    assert.ok(admin.relatedInformation?.some((r) => r.message.includes(adminNote.replace(/`/g, ''))), JSON.stringify(admin.relatedInformation));
    assert.ok((await hoverText(session, workspace, 'app/Http/Controllers/AdminSessionController.php', admin)).includes(`guard \`admin\` (${adminNote})`));
    const staff = diagnostics.get('app/Http/Controllers/StaffSessionController.php')![0]!;
    assert.ok((await hoverText(session, workspace, 'app/Http/Controllers/StaffSessionController.php', staff)).includes(`guard \`staff\` (driver \`cas\`, from settings, a session driver per settings (eslint.config.js:${settingsLine}))`));
    const helper = diagnostics.get('app/Http/Controllers/SessionController.php')![0]!;
    assert.equal(helper.range.start.line + 1, 12);
    const helperHover = await hoverText(session, workspace, 'app/Http/Controllers/SessionController.php', helper);
    assert.ok(helperHover.includes('`POST /logout` (routes/web.php:10)'), helperHover);
    assert.ok(helperHover.includes(`**Logout helper** \`App\\Support\\AuthGateway::signOut\` is declared in settings (eslint.config.js:${settingsLine}): it only logs out, so the session must still be ended after it`), helperHover);
    const declared = helper.relatedInformation?.find((r) => r.location.uri === uriOf(path.join(workspace, 'eslint.config.js')));
    assert.deepEqual([declared?.location.range.start.line, declared?.message], [settingsLine - 1, 'declares App\\Support\\AuthGateway::signOut a logout helper that only logs out']);
    // Findings that call no declared helper do not mention one.
    assert.ok(!(await hoverText(session, workspace, 'app/Http/Controllers/AdminSessionController.php', admin)).includes('Logout helper'));
  });

  it('fix all in the file: the fix for a declared helper\'s incomplete logout leaves no finding, for the server and for eslint', async () => {
    const workspace = workspaceWith({ ...LARAVEL_APP, 'eslint.config.js': eslintConfig(SETTINGS) });
    const session = await start(workspace);
    const file = 'app/Http/Controllers/SessionController.php';
    const uri = uriOf(path.join(workspace, file));
    assert.deepEqual((await serverFindings(session, workspace, [file])).findings, [`${file}:12 secure-logout/invalidate-session`]);
    const [fixAll, ...others] = (await session.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.deepEqual([fixAll?.title, others.length], ['Fix all secure-logout problems in this file', 0]);
    const since = session.diagnostics.length;
    session.applyEdit(fixAll!.edit!);
    const fixed = session.document(uri).getText();
    assert.ok(fixed.includes('$gateway->signOut();\n        $request->session()->invalidate();'), fixed);
    assert.deepEqual((await session.diagnosticsFor(uri, { version: 2, since })).diagnostics, []);
    const [result] = await new ESLint({ cwd: workspace }).lintText(fixed, { filePath: path.join(workspace, file) });
    assert.deepEqual(result!.messages, []);
  });

  it('Laravel: the workspace scan reports what eslint reports on the whole app', async () => {
    const workspace = workspaceWith({ ...LARAVEL_APP, 'eslint.config.js': eslintConfig(SETTINGS) });
    const cli = await cliFindings(workspace, ['app', 'routes']);
    assert.deepEqual(cli, LARAVEL_FINDINGS);
    const session = await start(workspace);
    const result = (await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'secure-logout.scanWorkspace', arguments: [] })) as { findings: number };
    assert.equal(result.findings, cli.length);
    const scanned = LARAVEL_FILES.flatMap((file) => {
      const published = session.diagnostics.filter((p) => p.uri === uriOf(path.join(workspace, file))).at(-1);
      return (published?.diagnostics ?? []).map((d) => `${file}:${d.range.start.line + 1} ${String(d.code)}`);
    });
    assert.deepEqual(scanned.sort(), cli);
  });

  it('Laravel: without a workspace ESLint config, the server\'s own projectSettings apply, as the same settings do on the command line', async () => {
    const workspace = workspaceWith(LARAVEL_APP);
    const config = [...recommended, { settings: { 'secure-logout': SETTINGS } }];
    assert.deepEqual(await cliFindings(workspace, LARAVEL_FILES, config), LARAVEL_FINDINGS);
    const session = await start(workspace, { projectSettings: SETTINGS });
    const { findings, diagnostics } = await serverFindings(session, workspace, LARAVEL_FILES);
    assert.deepEqual(findings, LARAVEL_FINDINGS);
    const admin = diagnostics.get('app/Http/Controllers/AdminSessionController.php')![0]!;
    assert.ok((await hoverText(session, workspace, 'app/Http/Controllers/AdminSessionController.php', admin)).includes('guard `admin` (driver `cas`, a session driver per settings (secureLogout.projectSettings))'));
  });

  it('the workspace config wins over projectSettings where it runs secure-logout (said once in the log)', async () => {
    const workspace = workspaceWith({ ...LARAVEL_APP, 'eslint.config.js': eslintConfig({ sessionDrivers: ['cas'] }) });
    const cli = await cliFindings(workspace, LARAVEL_FILES);
    assert.deepEqual(cli, ['app/Http/Controllers/AdminSessionController.php:12 secure-logout/invalidate-session', 'app/Http/Controllers/StaffSessionController.php:12 secure-logout/invalidate-session']);
    const session = await start(workspace, { projectSettings: SETTINGS });
    assert.deepEqual((await serverFindings(session, workspace, LARAVEL_FILES)).findings, cli);
    assert.equal(session.logs.filter((line) => line.includes('secureLogout.projectSettings is ignored for files under eslint.config.js')).length, 1, session.logs.join('\n'));
  });

  it('settings the server cannot read without running the config: named in the log, and projectSettings apply instead', async () => {
    const computed = eslintConfig(SETTINGS).replace("'secure-logout': {", "'secure-logout': process.env.CI ? {} : {");
    const workspace = workspaceWith({ ...LARAVEL_APP, 'eslint.config.js': computed });
    const session = await start(workspace, { projectSettings: SETTINGS });
    assert.deepEqual((await serverFindings(session, workspace, LARAVEL_FILES)).findings, LARAVEL_FINDINGS);
    assert.ok(session.logs.some((line) => /settings\['secure-logout'\] of eslint\.config\.js cannot be read without running it \(eslint\.config\.js:\d+: .*computed.*\): secureLogout\.projectSettings applies instead/.test(line)), session.logs.join('\n'));
  });

  it('wrong settings: one error on the file naming the key and where it was read, as eslint stops on them', async () => {
    const workspace = workspaceWith({ ...LARAVEL_APP, 'eslint.config.js': eslintConfig({ guards: { admin: 3 } }) });
    await assert.rejects(cliFindings(workspace, LARAVEL_FILES), /Invalid settings\['secure-logout'\]: "guards.admin" must be a driver name/);
    const session = await start(workspace);
    const { diagnostics } = await serverFindings(session, workspace, LARAVEL_FILES.slice(0, 1));
    const [only, ...rest] = diagnostics.get(LARAVEL_FILES[0]!)!;
    assert.deepEqual(rest, []);
    assert.equal(only?.code, 'invalid-settings');
    assert.match(only!.message, /^secure-logout could not check this file: Invalid settings\['secure-logout'\] in eslint\.config\.js:\d+: "guards\.admin" must be a driver name/);
  });

  it('code actions: the cross-file route fix moves the route to the session guard the settings declare', async () => {
    // No 'web' guard: the only session guard is 'portal', with a custom driver only the settings call a session driver.
    const workspace = workspaceWith({
      ...LARAVEL_SKELETON,
      'config/auth.php': "<?php\n\nreturn [\n    'defaults' => ['guard' => 'portal'],\n    'guards' => [\n        'portal' => ['driver' => 'cas', 'provider' => 'users'],\n        'api' => ['driver' => 'sanctum', 'provider' => 'users'],\n    ],\n];\n",
      'config/session.php': "<?php\n\nreturn [\n    'driver' => 'database',\n];\n",
      'routes/web.php': "<?php\n\nuse App\\Http\\Controllers\\SessionController;\nuse Illuminate\\Support\\Facades\\Route;\n\nRoute::post('/logout', [SessionController::class, 'destroy'])->middleware('auth:sanctum');\n",
      'app/Http/Controllers/SessionController.php': controller('SessionController', 'use Illuminate\\Support\\Facades\\Auth;\n', '', "Auth::guard('portal')->logout();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();"),
      'eslint.config.js': eslintConfig({ sessionDrivers: ['cas'] }),
    });
    const file = 'app/Http/Controllers/SessionController.php';
    const cli = await cliFindings(workspace, [file]);
    assert.deepEqual(cli, [`${file}:12 secure-logout/forget-request-guard-user`]);
    assert.deepEqual(await cliFindings(workspace, [file], recommended), [], 'without the settings the portal logout is not a session logout');
    const session = await start(workspace);
    const { findings, diagnostics } = await serverFindings(session, workspace, [file]);
    assert.deepEqual(findings, cli);
    const finding = diagnostics.get(file)![0]!;
    const actions = (await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uriOf(path.join(workspace, file)) }, range: finding.range, context: { diagnostics: [finding] } })) as CodeAction[];
    const move = actions.find((action) => action.title.startsWith('Change auth:sanctum'));
    assert.equal(move?.title, 'Change auth:sanctum to auth:portal in routes/web.php:6 (secure-logout/forget-request-guard-user)', actions.map((a) => a.title).join('\n'));
  });

  it('re-checks open files when the settings change: the ESLint config on disk, or projectSettings', async () => {
    const workspace = workspaceWith({ ...LARAVEL_APP, 'eslint.config.js': eslintConfig(SETTINGS) });
    const session = await start(workspace, null);
    const admin = LARAVEL_FILES[0]!;
    const uri = uriOf(path.join(workspace, admin));
    assert.deepEqual((await serverFindings(session, workspace, [admin])).findings, [`${admin}:12 secure-logout/invalidate-session`]);

    let since = session.diagnostics.length;
    fs.writeFileSync(path.join(workspace, 'eslint.config.js'), eslintConfig({ guards: { staff: 'cas' } }));
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(path.join(workspace, 'eslint.config.js')), type: FileChangeType.Changed }] });
    assert.deepEqual((await session.waitFor(() => session.diagnostics.slice(since).find((p) => p.uri === uri), 'a re-check after eslint.config.js changed')).diagnostics, []);
    assert.deepEqual(await cliFindings(workspace, [admin]), [], 'eslint agrees');

    // Without a config that runs secure-logout, the server's own setting decides; changing it re-checks.
    fs.rmSync(path.join(workspace, 'eslint.config.js'));
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(path.join(workspace, 'eslint.config.js')), type: FileChangeType.Deleted }] });
    since = session.diagnostics.length;
    await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { secureLogout: { projectSettings: { sessionDrivers: ['cas'] } } } });
    const republished = await session.waitFor(() => session.diagnostics.slice(since).find((p) => p.uri === uri && p.diagnostics.length > 0), 'a re-check after projectSettings changed');
    assert.deepEqual(republished.diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)}`), ['12 secure-logout/invalidate-session']);
  });

  it('the ESLint config edited in the editor: its save re-checks the open files (the editor drops the watcher event of an open file)', async () => {
    const workspace = workspaceWith({ ...LARAVEL_APP, 'eslint.config.js': eslintConfig(SETTINGS) });
    const session = await start(workspace);
    const admin = LARAVEL_FILES[0]!;
    const uri = uriOf(path.join(workspace, admin));
    assert.deepEqual((await serverFindings(session, workspace, [admin])).findings, [`${admin}:12 secure-logout/invalidate-session`]);
    const configPath = path.join(workspace, 'eslint.config.js');
    const configUri = await session.open(configPath, undefined, 'javascript');
    const edited = eslintConfig({ guards: { staff: 'cas' } });
    await session.replace(configUri, edited);
    const since = session.diagnostics.length;
    fs.writeFileSync(configPath, edited);
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Changed }] });
    await session.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: configUri } });
    assert.deepEqual((await session.waitFor(() => session.diagnostics.slice(since).find((p) => p.uri === uri), 'the controller re-checked after the config was saved')).diagnostics, []);
  });

  it('a monorepo: the config at the folder root serves the app below it, by its files globs, and its change re-checks the app', async () => {
    const app = Object.fromEntries(Object.entries(LARAVEL_APP).map(([file, text]) => [`apps/portal/${file}`, text]));
    const config = eslintConfig(SETTINGS).replace('  {\n    settings:', "  {\n    files: ['apps/portal/**/*.php'],\n    settings:");
    const workspace = workspaceWith({ ...app, 'eslint.config.js': config });
    const files = LARAVEL_FILES.map((file) => `apps/portal/${file}`);
    const cli = await cliFindings(workspace, files);
    assert.deepEqual(cli, LARAVEL_FINDINGS.map((finding) => `apps/portal/${finding}`));
    const session = await start(workspace);
    assert.deepEqual((await serverFindings(session, workspace, files)).findings, cli);

    const since = session.diagnostics.length;
    fs.writeFileSync(path.join(workspace, 'eslint.config.js'), config.replace('apps/portal/**/*.php', 'apps/other/**/*.php'));
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(path.join(workspace, 'eslint.config.js')), type: FileChangeType.Changed }] });
    const uri = uriOf(path.join(workspace, files[0]!));
    assert.deepEqual((await session.waitFor(() => session.diagnostics.slice(since).find((p) => p.uri === uri), 'the app re-checked after the folder config changed')).diagnostics, []);
    assert.deepEqual(await cliFindings(workspace, [files[0]!]), []);
  });

  it('JS: a completing logout helper declared in eslint.config.js gives the CLI\'s findings', async () => {
    const workspace = workspaceWith({ ...JS_APP, 'eslint.config.js': eslintConfig(JS_SETTINGS) });
    const cli = await cliFindings(workspace, ['src/app.js']);
    assert.deepEqual(cli, []);
    assert.deepEqual(await cliFindings(workspace, ['src/app.js'], recommended), ['src/app.js:6 secure-logout/invalidate-session'], 'without the settings passport 0.5 keeps the session');
    const session = await start(workspace);
    assert.deepEqual((await serverFindings(session, workspace, ['src/app.js'], 'javascript')).findings, cli);
  });
});
