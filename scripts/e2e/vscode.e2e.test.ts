// End-to-end: the packaged .vsix installed into a real VS Code (code-server 4.100.3 = VS Code 1.100)
// and used through the browser as a person would, on a copy of the demo Laravel project, in
// Restricted Mode (the folder is not trusted: the extension must work there); the last steps trust
// the folder and run the one command that needs it, "Audit sessions".
//
// Run with `npm run test:e2e`. Needs code-server (scripts/e2e/install-code-server.sh, run by this
// test when missing) and Debian's chromium. Screenshots and timings go to .e2e/ (git-ignored);
// SECURE_LOGOUT_E2E_UPDATE_DOCS=1 also copies the quick-fix screenshot to docs/images/.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { prepareAuditProject } from './audit-project';
import { chromiumArgs, installCodeServer, installExtension, startCodeServer, userSettings, type CodeServer } from './code-server';
import { sample, waitFor, Workbench, type Problem } from './workbench';
import { chromium as chromiumRequirement, CHROMIUM_PATH } from '../test-support/environment';
import { requireOrSkip } from '../test-support/requirements';

const repoDir = join(__dirname, '..', '..');
const artifactsDir = join(repoDir, '.e2e');
const screenshotsDir = join(artifactsDir, 'screenshots');

/** The demo project and what the analysis must show in it. */
const demo = {
  project: process.env.SECURE_LOGOUT_E2E_PROJECT ?? join(repoDir, 'test-fixtures', 'laravel-sanctum-spa'),
  /** Opened first; its `destroy()` is a plain `logout()` with no session invalidation. */
  controller: process.env.SECURE_LOGOUT_E2E_CONTROLLER ?? 'app/Http/Controllers/Auth/SpaSessionController.php',
  rule: 'secure-logout/invalidate-session',
  /** Found by "Scan workspace" without being opened, then fixed on save (the rule has an autofix). */
  fixOnSave: {
    file: 'app/Http/Controllers/Auth/AccountSessionController.php',
    rule: 'secure-logout/no-replayable-session',
    fixedText: /->regenerate\(true\)|->invalidate\(\)/,
  },
  /** What the quick fix must leave in the editor. */
  fixedText: /\$request->session\(\)->invalidate\(\);\s*\$request->session\(\)->regenerateToken\(\);/,
};

/** A folder-relative exclude glob (matched by VS Code's glob engine in the client) covering the demo controller. */
const excludedFolderGlob = 'app/Http/Controllers/Auth/**';

/**
 * Added to the copy of the demo: a route to vendor code the analysis does not model, and a route
 * file include outside the project (refused). The scan must name both, with the reason.
 */
const unanalysed = {
  route: "Route::post('/sso/logout', [\\Vendor\\Sso\\LogoutController::class, 'logout']);",
  outsideInclude: "require __DIR__.'/../../outside-routes.php';",
};

/** Lines of hover text a person reads before the first chain (VS Code's problem text and related locations included). */
const MAX_HOVER_LINES_ABOVE_CHAIN = 6;

/** SPEC §4 Messages: the diagnostic is the message's first sentence, problem and fix, at most this long. */
const MAX_DIAGNOSTIC_CHARS = 100;

/** Numbers measured during the run, written to .e2e/timings.json and printed at the end. */
const timings: Record<string, number | string> = {};

describe('VS Code extension in a real VS Code (code-server 4.100.3)', function () {
  this.timeout(120_000);
  let stateDir: string;
  let project: string;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let workbench: Workbench;
  let step = 0;
  /** Line of the logout call the quick fix was applied to. */
  let quickFixedLine = 0;
  /** The first step's diagnostic text, as the Problems panel shows it. */
  let diagnosticMessage = '';

  async function screenshot(name: string): Promise<string> {
    const path = join(screenshotsDir, `${String(++step).padStart(2, '0')}-${name}.png`);
    await workbench.page.screenshot({ path });
    return path;
  }

  /** The extension's output channel as VS Code writes it to the log folder of the user data dir. */
  function outputChannelLog(): string {
    const logsDir = join(stateDir, 'user-data', 'logs');
    if (!existsSync(logsDir)) return '';
    return readdirSync(logsDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith(join('secure-logout.secure-logout', 'Secure Logout.log')))
      .map((file) => readFileSync(join(logsDir, file), 'utf8'))
      .join('\n');
  }

  /** Problems of one file, by its path relative to the project. */
  async function problemsOf(file: string): Promise<Problem[]> {
    return (await workbench.problems()).filter((problem) => relative(project, problem.path) === file);
  }

  before(async function () {
    this.timeout(600_000);
    requireOrSkip(this, chromiumRequirement.need, chromiumRequirement.present(), chromiumRequirement.enable);
    assert.ok(existsSync(join(demo.project, demo.controller)), `the demo controller ${demo.controller} is missing in ${demo.project}`);
    const entry = installCodeServer();
    execFileSync('npm', ['run', 'package', '-w', 'extension', '--silent'], { cwd: repoDir, stdio: ['ignore', 'ignore', 'inherit'] });
    rmSync(screenshotsDir, { recursive: true, force: true });
    mkdirSync(screenshotsDir, { recursive: true });

    stateDir = mkdtempSync(join(tmpdir(), 'secure-logout-e2e-'));
    // A copy, because the test edits and saves files.
    project = join(stateDir, 'laravel-app');
    cpSync(demo.project, project, { recursive: true });
    writeFileSync(join(project, 'routes', 'web.php'), `${readFileSync(join(project, 'routes', 'web.php'), 'utf8')}\n${unanalysed.route}\n${unanalysed.outsideInclude}\n`);
    writeFileSync(join(stateDir, 'outside-routes.php'), "<?php\n\nRoute::post('/outside', fn () => null);\n");
    const options = { entry, stateDir, vsixPath: join(repoDir, 'extension', 'secure-logout.vsix'), userSettings };
    const installOutput = installExtension(options);
    assert.match(installOutput, /Extension 'secure-logout.vsix' was successfully installed/);
    server = await startCodeServer(options);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs });
    // Wide enough for the Problems panel to show a 100-character message in full.
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    workbench = new Workbench(page);
    const loadStarted = Date.now();
    await page.goto(`${server.url}/?folder=${encodeURIComponent(project)}`);
    await workbench.waitUntilReady();
    timings.workbenchLoadMs = Date.now() - loadStarted;
    // The editor and the Problems panel get the width (the screenshots are about them).
    await workbench.runCommand('View: Close Primary Side Bar');
  });

  after(async function () {
    this.timeout(30_000);
    writeFileSync(join(artifactsDir, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    if (stateDir) writeFileSync(join(artifactsDir, 'secure-logout-output.log'), outputChannelLog());
    console.log(`      timings: ${JSON.stringify(timings)}`);
    if (this.currentTest?.state === 'failed' || process.exitCode) await screenshot('failure').catch(() => undefined);
    await browser?.close();
    await server?.stop();
    if (stateDir && process.env.SECURE_LOGOUT_E2E_KEEP !== '1') rmSync(stateDir, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
      writeFileSync(join(artifactsDir, 'secure-logout-output.log'), outputChannelLog());
      console.log('      the Secure Logout output channel is saved in .e2e/secure-logout-output.log');
      console.log(`      code-server log tail:\n${server?.log().slice(-2000)}`);
    }
  });

  it('shows the finding in the Problems panel after the demo controller is opened', async function () {
    await workbench.showProblems();
    // `workspaceContains:artisan` starts the extension with the window; measure the editor path
    // with the server up (its start-up is measured separately, from the log).
    await waitFor('the language server to be ready', async () => outputChannelLog(), (log) => /activated in \d+ ms/.test(log), 60_000);
    const opened = await workbench.openFile(demo.controller);
    const problems = await waitFor(
      `a ${demo.rule} problem in ${demo.controller}`,
      () => problemsOf(demo.controller),
      (found) => found.some((problem) => problem.code === demo.rule),
    );
    timings.firstDiagnosticAfterOpenMs = Date.now() - opened;
    const finding = problems.find((problem) => problem.code === demo.rule)!;
    assert.equal(finding.source, 'secure-logout');
    assert.ok(finding.line > 0, JSON.stringify(finding));
    // The diagnostic is one whole sentence, problem and fix, short enough for the panel to show it all.
    diagnosticMessage = finding.message;
    timings.diagnosticMessageChars = diagnosticMessage.length;
    assert.ok(diagnosticMessage.length <= MAX_DIAGNOSTIC_CHARS, `${diagnosticMessage.length} characters: ${diagnosticMessage}`);
    assert.match(diagnosticMessage, /^[A-Z`].*[^.]\.$/, 'one whole sentence');
    assert.doesNotMatch(diagnosticMessage, /\.\s/, 'only the first sentence; the evidence is related information');
    assert.match(diagnosticMessage, /invalidate\(\)/, 'the fix is in the sentence');
    assert.equal(finding.messageCut, false, `the Problems panel cuts "${diagnosticMessage}"`);
    await workbench.goTo(finding.line, finding.column);
    await page().locator('.squiggly-error, .squiggly-warning').first().waitFor({ timeout: 10_000 });
    await screenshot('finding');
  });

  it('explains the finding on hover: the finding, its quick fix and the chain first, then route, middleware and guard', async function () {
    // The cursor is on the finding (previous step). Ctrl+K Ctrl+I = "Show or Focus Hover".
    await page().keyboard.press('Control+K');
    await page().keyboard.press('Control+I');
    const hover = await waitFor(
      'the hover with the explanation',
      () => page().locator('.monaco-hover:not(.hidden)').first().innerText().then((value) => value.replace(/\u00a0/g, ' '), () => ''),
      (value) => value.includes('Middleware, in order') && value.includes('Effective guard'),
      10_000,
    );
    assert.match(hover, new RegExp(demo.rule));
    // VS Code puts the problem (with its related information) above the extension's hover; the
    // extension's part leads with the sentence, the quick fix and the chain, details after.
    const lead = hover.lastIndexOf(diagnosticMessage);
    const order = [lead, hover.indexOf('Quick fix:', lead), hover.indexOf('Chain:', lead), hover.indexOf('Middleware, in order', lead)];
    assert.ok(order.every((at, index) => at >= 0 && (index === 0 || at > order[index - 1]!)), `sentence, quick fix, chain, details in this order:\n${hover}`);
    assert.match(hover.slice(order[2]), /^Chain: POST \/api\/logout .*→.*guard sanctum/m);
    // How far a person reads to reach the chain: lines of hover text above its first appearance,
    // VS Code's problem text and its list of related locations (the chain at the route) included.
    const firstChain = hover.search(/^(\S.*: )?Chain: /m);
    timings.hoverLinesAboveChain = hover.slice(0, firstChain).split('\n').filter((line) => line.trim()).length;
    assert.ok(timings.hoverLinesAboveChain <= MAX_HOVER_LINES_ABOVE_CHAIN, `${timings.hoverLinesAboveChain} lines above the chain:\n${hover}`);
    await screenshot('hover');
    await page().keyboard.press('Escape');
  });

  it('shows the server state and the last validation time in the status bar', async function () {
    const item = await waitFor(
      'the Secure Logout status bar item to report a validation',
      () => workbench.statusBarItem('secure-logout.status'),
      (status) => /Secure Logout: \d+ ms/.test(status.text),
      15_000,
    );
    assert.match(item.label, /Language server running/);
    const check = new RegExp(`Last check: ${demo.controller.replace(/[.]/g, '\\.')} in (\\d+) ms`).exec(item.label);
    assert.ok(check, item.label);
    timings.serverCheckOfControllerMs = Number(check[1]);
  });

  it('honours a secureLogout.rules override in the folder\'s .vscode/settings.json, also in Restricted Mode', async function () {
    // Written on disk as a teammate's commit would; VS Code picks the change up and the client
    // forwards it (workspace/didChangeConfiguration, then the server refreshes pulled diagnostics).
    mkdirSync(join(project, '.vscode'), { recursive: true });
    const settingsPath = join(project, '.vscode', 'settings.json');
    const severityOf = async () => (await problemsOf(demo.controller)).find((problem) => problem.code === demo.rule)?.severity;
    assert.equal(await severityOf(), 'error');
    writeFileSync(settingsPath, JSON.stringify({ 'secureLogout.rules': { [demo.rule]: 'warn' } }, null, 2));
    await waitFor(`${demo.rule} to be reported as a warning`, severityOf, (severity) => severity === 'warning', 15_000);
    writeFileSync(settingsPath, '{}\n');
    await waitFor(`${demo.rule} to be an error again`, severityOf, (severity) => severity === 'error', 15_000);
  });

  it('stops checking with secureLogout.enable false, ignores the folder\'s exclude glob in Restricted Mode, and "Restart server" brings a fresh server', async function () {
    const settingsPath = join(project, '.vscode', 'settings.json');
    const hasFinding = async () => (await problemsOf(demo.controller)).some((problem) => problem.code === demo.rule);
    writeFileSync(settingsPath, JSON.stringify({ 'secureLogout.enable': false }, null, 2));
    await waitFor('the finding to disappear while disabled', hasFinding, (found) => !found, 20_000);
    writeFileSync(settingsPath, '{}\n');
    await waitFor('the finding to come back when enabled', hasFinding, (found) => found, 20_000);
    // include/exclude are restricted settings (package.json restrictedConfigurations): an untrusted
    // folder's own globs must not apply. The trusted case is checked after "Audit sessions" trusts it.
    const serverStarts = () => outputChannelLog().match(/secure-logout server: /g)?.length ?? 0;
    let startsBefore = serverStarts();
    const settingsChanges = outputChannelLog().split('settings changed').length - 1;
    writeFileSync(settingsPath, JSON.stringify({ 'secureLogout.exclude': [excludedFolderGlob] }, null, 2));
    await waitFor('the client to see the settings file change', async () => outputChannelLog(), (log) => log.split('settings changed').length > 1 + settingsChanges, 15_000);
    // Not even a restart (which would blank the problems for a moment): nothing that decides the checked files changed.
    const seen = await sample(() => hasFinding(), 3_000);
    assert.ok(seen.every(Boolean), `the finding disappeared while a workspace exclude glob was set in Restricted Mode (${seen.join(',')})`);
    assert.equal(serverStarts(), startsBefore, 'a restart for a setting Restricted Mode ignores');
    writeFileSync(settingsPath, '{}\n');
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    startsBefore = serverStarts();
    const logBefore = outputChannelLog().length;
    await workbench.runCommand('Secure Logout: Restart server');
    await waitFor('a new server start in the log', async () => serverStarts(), (starts) => starts > startsBefore, 20_000);
    await waitFor('the finding after the restart', hasFinding, (found) => found, 20_000);
    // A healthy server stops when asked: no kill, no error in the log.
    assert.doesNotMatch(outputChannelLog().slice(logBefore), /killing server process|\[error\]/);
    const item = await workbench.statusBarItem('secure-logout.status');
    assert.match(item.label, /Language server running/);
  });

  it('applies the quick fix chosen with Ctrl+. and the problem goes away', async function () {
    const [finding] = (await problemsOf(demo.controller)).filter((problem) => problem.code === demo.rule);
    quickFixedLine = finding!.line;
    await workbench.goTo(finding!.line, finding!.column);
    // Scroll the finding up (Ctrl+Down moves the view, not the cursor), the method's head still in
    // view: the menu opens below it and leaves the Problems panel visible, for the screenshot.
    for (let line = 0; line < 5; line++) await page().keyboard.press('Control+ArrowDown');
    await page().keyboard.press('Control+.');
    const titles = await workbench.codeActionTitles();
    // The rule's suggestion, not "Disable … for this line" or "Show documentation".
    const fixIndex = titles.findIndex((title) => /invalidate\(\)/.test(title) && !/^(Disable|Show)\b/.test(title));
    assert.ok(fixIndex >= 0, `no invalidating fix among ${JSON.stringify(titles)}`);
    for (const scope of ['this line', 'the entire file']) assert.ok(titles.includes(`Disable ${demo.rule} for ${scope}`), `"Disable … for ${scope}" among ${JSON.stringify(titles)}`);
    const screenshotPath = await screenshot('quick-fix-menu');
    if (process.env.SECURE_LOGOUT_E2E_UPDATE_DOCS === '1') {
      mkdirSync(join(repoDir, 'docs', 'images'), { recursive: true });
      copyFileSync(screenshotPath, join(repoDir, 'docs', 'images', 'vscode-quick-fix.png'));
      copyFileSync(screenshotPath, join(repoDir, 'extension', 'images', 'quick-fix.png'));
    }
    const applied = Date.now();
    await workbench.chooseCodeAction(fixIndex);
    const text = await waitFor('the fixed text in the editor', () => workbench.editorText(), (value) => demo.fixedText.test(value), 10_000);
    assert.match(text, /->logout\(\)/, 'the logout call itself stays');
    await waitFor(
      `the ${demo.rule} problem to disappear`,
      () => problemsOf(demo.controller),
      (found) => !found.some((problem) => problem.code === demo.rule),
      15_000,
    );
    timings.problemGoneAfterQuickFixMs = Date.now() - applied;
    await screenshot('fixed');
  });

  it('"Scan workspace" reports problems in files that were never opened', async function () {
    await workbench.save();
    const fileOf = (problem: Problem) => relative(project, problem.path);
    const before = new Set((await workbench.problems()).map(fileOf));
    const started = Date.now();
    await workbench.runCommand('Secure Logout: Scan workspace');
    const problems = await waitFor(
      'problems in files that were never opened',
      () => workbench.problems(),
      (found) => found.some((problem) => problem.code.startsWith('secure-logout/') && !before.has(fileOf(problem))),
      60_000,
    );
    timings.scanWorkspaceMs = Date.now() - started;
    const unopened = problems.filter((problem) => problem.code.startsWith('secure-logout/') && fileOf(problem) !== demo.controller);
    timings.scanFindings = unopened.map((problem) => `${fileOf(problem)}:${problem.line} ${problem.code}`).join(', ');
    assert.ok(
      unopened.some((problem) => fileOf(problem) === demo.fixOnSave.file && problem.code === demo.fixOnSave.rule),
      `${demo.fixOnSave.rule} in ${demo.fixOnSave.file} (never opened) after the scan`,
    );
    assert.ok(
      !problems.some((problem) => fileOf(problem) === demo.controller && problem.code === demo.rule),
      'the fixed controller stays clean after the scan',
    );
    // The status bar keeps the last validation time through the scan's own status messages.
    const status = await waitFor('the status bar after the scan', () => workbench.statusBarItem('secure-logout.status'), (item) => /Secure Logout: \d+ ms/.test(item.text), 10_000);
    assert.match(status.label, /Language server running/);
    // What the scan left out is said, not silent: one line with a Show action, the details in the output.
    const [notice] = await waitFor(
      'the scan summary notification',
      () => workbench.notifications().then((messages) => messages.filter((message) => message.startsWith('Secure Logout scan'))),
      (messages) => messages.length > 0,
      15_000,
    );
    assert.match(notice!, /1 route not analysed, 1 file not read/);
    const log = outputChannelLog();
    assert.match(log, /routes\/web\.php:\d+ Vendor\\Sso\\LogoutController@logout: .*vendor code/);
    assert.match(log, /outside-routes\.php: outside the project root \(project model\)/);
    await screenshot('scan-workspace');
    await workbench.dismissNotifications();
  });

  it('fixes a file on save with editor.codeActionsOnSave "source.fixAll.secure-logout"', async function () {
    const path = demo.fixOnSave.file;
    const target = (await problemsOf(path)).find((problem) => problem.code === demo.fixOnSave.rule);
    assert.ok(target, `the scan reported ${demo.fixOnSave.rule} in ${path}`);
    const before = readFileSync(join(project, path), 'utf8');
    await workbench.openFile(path);
    // VS Code runs save participants only for files with changes: make one, as a person would.
    await page().keyboard.press('Control+End');
    await page().keyboard.press('Enter');
    const saved = Date.now();
    await workbench.save();
    const after = await waitFor(
      `${path} to be saved with the fix`,
      async () => readFileSync(join(project, path), 'utf8'),
      (text) => text !== before,
      15_000,
    );
    timings.fixOnSaveMs = Date.now() - saved;
    assert.match(after, demo.fixOnSave.fixedText);
    await waitFor(
      `the ${target.code} problem in ${path} to disappear`,
      () => problemsOf(path),
      (found) => !found.some((problem) => problem.code === target.code),
      15_000,
    );
  });

  it('with secureLogout.run "onSave" checks a changed file only when it is saved', async function () {
    const settingsPath = join(project, '.vscode', 'settings.json');
    // Fix-on-save would repair the file as it is saved: switch it off for this folder.
    writeFileSync(settingsPath, JSON.stringify({ 'secureLogout.run': 'onSave', 'editor.codeActionsOnSave': { 'source.fixAll.secure-logout': 'never' } }, null, 2));
    // The client reads `run` when a document changes: VS Code must have applied the file first.
    await waitFor('the client to log the new settings', async () => outputChannelLog(), (log) => log.includes('"run":"onSave"'), 15_000);
    await workbench.openFile(demo.controller);
    // Delete the session calls below the logout call (bottom-up, the buffer matches the saved file):
    // the buffer has the bug again, unsaved.
    const lines = readFileSync(join(project, demo.controller), 'utf8').split('\n');
    const sessionCallLines = lines
      .map((line, index) => ({ line, number: index + 1 }))
      .filter(({ line, number }) => number > quickFixedLine && number <= quickFixedLine + 4 && /->session\(\)->(invalidate|regenerateToken)\(\);/.test(line))
      .map(({ number }) => number);
    assert.ok(sessionCallLines.length >= 2, `the quick fix's lines below line ${quickFixedLine}`);
    for (const line of sessionCallLines.reverse()) {
      await workbench.goTo(line, 1);
      await page().keyboard.press('Control+Shift+K');
    }
    await waitFor('the session calls to be deleted', () => workbench.editorText(), (value) => !/->invalidate\(\)/.test(value), 5_000);
    const hasFinding = async () => (await problemsOf(demo.controller)).some((problem) => problem.code === demo.rule);
    // Typing must not trigger a check: nothing may appear for a while (3 s is many debounce periods).
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    assert.equal(await hasFinding(), false, 'checked before saving although run is onSave');
    await workbench.save();
    await waitFor('the finding after saving', hasFinding, (found) => found, 15_000);
    writeFileSync(settingsPath, '{}\n');
  });

  it('"Disable … for the entire file" (Ctrl+.) silences the rule in that file, and undo brings it back', async function () {
    // The previous step left the controller saved with its bug and `run` back at onType.
    await waitFor('the client to log run=onType again', async () => outputChannelLog(), (log) => log.lastIndexOf('"run":"onType"') > log.lastIndexOf('"run":"onSave"'), 15_000);
    const finding = await waitFor(`the ${demo.rule} problem`, () => problemsOf(demo.controller), (found) => found.some((problem) => problem.code === demo.rule), 15_000)
      .then((found) => found.find((problem) => problem.code === demo.rule)!);
    await workbench.goTo(finding.line, finding.column);
    await page().keyboard.press('Control+.');
    const title = `Disable ${demo.rule} for the entire file`;
    const titles = await workbench.codeActionTitles();
    assert.ok(titles.includes(title), `"${title}" among ${JSON.stringify(titles)}`);
    await workbench.chooseCodeAction(titles.indexOf(title));
    // The editor renders only the lines in view: go to the top, where the directive goes.
    await page().keyboard.press('Control+Home');
    // PHP takes the block comment right after the opening tag (an ESLint directive, as in JS).
    const disabled = await waitFor('the directive at the top of the file', () => workbench.editorText(), (value) => value.includes(`/* eslint-disable ${demo.rule} */`), 10_000);
    assert.match(disabled, new RegExp(`^<\\?php\\n/\\* eslint-disable ${demo.rule} \\*/\\n`), 'below <?php, on its own line');
    const hasFinding = async () => (await problemsOf(demo.controller)).some((problem) => problem.code === demo.rule);
    await waitFor(`the ${demo.rule} problem to disappear`, hasFinding, (found) => !found, 15_000);
    await screenshot('disabled-for-file');
    await page().keyboard.press('Control+Z');
    await waitFor('the directive to be undone', () => workbench.editorText(), (value) => !value.includes('eslint-disable'), 5_000);
    await waitFor(`the ${demo.rule} problem after undo`, hasFinding, (found) => found, 15_000);
  });

  it('"Show output" opens its output channel, which logs activation and server start-up times', async function () {
    const shown = await workbench.outputText('Secure Logout: Show output');
    assert.match(shown, /\[info\]/, 'the Output panel shows the log channel');
    const log = await waitFor('the activation line in the log', async () => outputChannelLog(), (value) => /activated in \d+ ms/.test(value), 10_000);
    const match = /activated in (\d+) ms; server ready (\d+) ms/.exec(log)!;
    timings.activationMs = Number(match[1]);
    timings.serverReadyAfterLoadMs = Number(match[2]);
    assert.match(log, /workspace untrusted/);
    await screenshot('output');
  });

  it('"Audit sessions" is offered only once the folder is trusted, and opens the report of the app\'s sessions table', async function () {
    const command = 'Secure Logout: Audit sessions';
    const audit = prepareAuditProject(project, repoDir);
    assert.equal(await workbench.commandOffered(command), false, 'offered in Restricted Mode');
    await workbench.trustWorkspace();
    assert.equal(await workbench.commandOffered(command), true, 'not offered in a trusted folder');
    const started = Date.now();
    await workbench.runCommand(command);
    await waitFor('the report to open', () => workbench.activeTabLabel(), (label) => label.includes('sessions audit.md'), 60_000);
    const report = await waitFor('the report text', () => workbench.editorText(), (value) => value.includes('## stale-user-id'), 10_000);
    timings.auditSessionsMs = Date.now() - started;
    assert.match(report, /^# Session audit: laravel-app/m);
    assert.match(report, new RegExp(`^${audit.rows} rows: `, 'm'));
    assert.match(report, new RegExp(`^## stale-user-id: ${audit.staleIds.length}$`, 'm'));
    // Only 8-character prefixes: a whole session id is a credential.
    for (const id of audit.staleIds) {
      assert.ok(report.includes(id.slice(0, 8)), `stale row ${id.slice(0, 8)} listed`);
      assert.ok(!report.includes(id), 'a whole session id in the report');
    }
    assert.match(report, /^## expired: none$/m);
    await screenshot('audit-sessions');
    await workbench.runCommand('View: Close Editor');
  });

  it('applies the folder\'s exclude glob once the folder is trusted', async function () {
    const settingsPath = join(project, '.vscode', 'settings.json');
    await workbench.openFile(demo.controller);
    await workbench.showProblems();
    const hasFinding = async () => (await problemsOf(demo.controller)).some((problem) => problem.code === demo.rule);
    await waitFor(`the ${demo.rule} problem`, hasFinding, (found) => found, 15_000);
    writeFileSync(settingsPath, JSON.stringify({ 'secureLogout.exclude': [excludedFolderGlob] }, null, 2));
    await waitFor('the finding to disappear while its folder is excluded', hasFinding, (found) => !found, 20_000);
    writeFileSync(settingsPath, '{}\n');
    await waitFor('the finding to come back without the exclude', hasFinding, (found) => found, 20_000);
  });

  it('"Fix all problems in file" applies every fix to the active editor', async function () {
    assert.ok((await problemsOf(demo.controller)).some((problem) => problem.code === demo.rule));
    await workbench.runCommand('Secure Logout: Fix all problems in file');
    await waitFor('the fixed text in the editor', () => workbench.editorText(), (value) => demo.fixedText.test(value), 10_000);
    await waitFor(
      `no ${demo.rule} problem left`,
      () => problemsOf(demo.controller),
      (found) => !found.some((problem) => problem.code === demo.rule),
      15_000,
    );
    // Settings changes, restarts, trust, the audit: none of it may have logged an error.
    assert.deepEqual(outputChannelLog().split('\n').filter((line) => /\[error\]/.test(line)), [], 'errors in the output channel');
  });

  function page() {
    return workbench.page;
  }
});
