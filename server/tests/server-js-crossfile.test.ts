import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DidChangeWatchedFilesNotification, DocumentDiagnosticRequest, FileChangeType } from 'vscode-languageserver-protocol/node';
import { copyFixture, LspSession, uriOf } from './support/lsp-session';

/**
 * A JS handler's findings rest on other files: the router that routes it, the app that mounts
 * that router, package.json and the lock file. Changing any of them (unsaved buffer, or on disk
 * with a watcher event) re-checks the open handler, and only its dependents.
 */
const EXPRESS = path.resolve(__dirname, '../../test-fixtures/express-passport05');
const CONTROLLER = 'src/controllers/session-controller.js';
const ROUTES = 'src/routes/auth.js';
const BEARER = "passport.authenticate('bearer', { session: false })";

describe('language server over stdio: JS/TS findings follow changes of the modules they depend on', function () {
  this.timeout(30_000);
  let workspace: string;
  let session: LspSession;

  const file = (relative: string) => path.join(workspace, relative);
  const read = (relative: string) => fs.readFileSync(file(relative), 'utf8');
  const codes = (published: { diagnostics: { code?: unknown }[] }) => published.diagnostics.map((d) => d.code);
  const diskChange = (relative: string, type: FileChangeType) => session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(file(relative)), type }] });
  /** The handler's next publication after `since` publications. */
  const nextFor = (uri: string, since: number, what: string) => session.waitFor(() => session.diagnostics.slice(since).find((p) => p.uri === uri), what);
  const bearerOnlyRoutes = () => read(ROUTES).replace("router.post('/logout', sessionController.logout);", `router.post('/logout', ${BEARER}, sessionController.logout);`);

  async function openHandler(): Promise<string> {
    const uri = await session.open(file(CONTROLLER), undefined, 'javascript');
    assert.deepEqual(codes(await session.diagnosticsFor(uri, { version: 1 })), ['secure-logout/invalidate-session']);
    return uri;
  }

  beforeEach(() => {
    workspace = copyFixture(EXPRESS);
  });

  afterEach(async () => {
    await session.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  async function start(options: { pull?: boolean } = {}): Promise<void> {
    session = new LspSession({ workspace, settings: {}, ...options });
    await session.initialize();
  }

  it('re-checks the open handler on each unsaved edit of its router, and goes back to the disk when that buffer closes unsaved', async () => {
    await start();
    const handler = await openHandler();
    const routes = await session.open(file(ROUTES), undefined, 'javascript');
    await session.diagnosticsFor(routes, { version: 1 });

    let since = session.diagnostics.length;
    await session.replace(routes, bearerOnlyRoutes());
    // The handler's text did not change (still version 1): the unsaved router behind a bearer-only gate cleared it.
    assert.deepEqual(await nextFor(handler, since, 'the handler re-checked after the router buffer changed'), { uri: handler, version: 1, diagnostics: [] });
    assert.ok(session.logs.includes(`${ROUTES} changed: re-checking ${CONTROLLER}`), session.logs.join('\n'));
    assert.doesNotMatch(read(ROUTES), /bearer', \{ session: false \}\), sessionController\.logout/, 'nothing was saved');

    since = session.diagnostics.length;
    await session.close(routes);
    assert.deepEqual(codes(await nextFor(handler, since, 'the handler re-checked after the unsaved router closed')), ['secure-logout/invalidate-session']);
  });

  it('follows a router changed on disk, and the app module that mounts that router, through didChangeWatchedFiles', async () => {
    await start();
    const handler = await openHandler();

    let since = session.diagnostics.length;
    fs.writeFileSync(file(ROUTES), bearerOnlyRoutes());
    await diskChange(ROUTES, FileChangeType.Changed);
    assert.deepEqual(await nextFor(handler, since, 'the handler re-checked after the router changed on disk'), { uri: handler, version: 1, diagnostics: [] });

    since = session.diagnostics.length;
    fs.writeFileSync(file(ROUTES), fs.readFileSync(path.join(EXPRESS, ROUTES), 'utf8'));
    await diskChange(ROUTES, FileChangeType.Changed);
    assert.deepEqual(codes(await nextFor(handler, since, 'the handler re-checked after the router was restored')), ['secure-logout/invalidate-session']);

    // Two modules away: src/app.js mounts src/routes/auth.js, which routes the handler.
    since = session.diagnostics.length;
    fs.writeFileSync(file('src/app.js'), read('src/app.js').replace("app.use('/', authRoutes);", `app.use('/', ${BEARER}, authRoutes);`));
    await diskChange('src/app.js', FileChangeType.Changed);
    assert.deepEqual(await nextFor(handler, since, 'the handler re-checked after the app module changed'), { uri: handler, version: 1, diagnostics: [] });
    assert.ok(session.logs.includes(`src/app.js changed: re-checking ${CONTROLLER}`), session.logs.join('\n'));
  });

  it('follows library versions: passport 0.5 → 0.7 in package.json, then a created lock file that pins 0.5.3', async () => {
    await start();
    const handler = await openHandler();

    let since = session.diagnostics.length;
    fs.writeFileSync(file('package.json'), read('package.json').replace('"passport": "0.5.3"', '"passport": "^0.7.0"'));
    await diskChange('package.json', FileChangeType.Changed);
    const upgraded = await nextFor(handler, since, 'the handler re-checked after package.json changed');
    // passport ≥ 0.6 regenerates on logout, but wants its callback: both handlers' bare req.logout() now.
    assert.deepEqual(upgraded.diagnostics.map((d) => [d.range.start.line, d.code]), [[4, 'secure-logout/logout-callback'], [9, 'secure-logout/logout-callback']]);
    // The version is evidence: the first related information, after the one-sentence message.
    assert.match(upgraded.diagnostics[0]!.relatedInformation![0]!.message, /passport \^0\.7\.0/);

    since = session.diagnostics.length;
    const lock = { name: 'fixture-express-passport05', lockfileVersion: 3, requires: true, packages: { '': { name: 'fixture-express-passport05' }, 'node_modules/passport': { version: '0.5.3' } } };
    fs.writeFileSync(file('package-lock.json'), JSON.stringify(lock, null, 2));
    await diskChange('package-lock.json', FileChangeType.Created);
    const pinned = await nextFor(handler, since, 'the handler re-checked after a lock file appeared');
    assert.deepEqual(codes(pinned), ['secure-logout/invalidate-session']);
    assert.match(pinned.diagnostics[0]!.relatedInformation![0]!.message, /passport 0\.5\.3/);
  });

  it('notices a created module that routes the handler, and re-checks nothing for a module the handler does not depend on', async () => {
    await start();
    const handler = await openHandler();
    const users = await session.open(file('src/users.js'), undefined, 'javascript');
    await session.diagnosticsFor(users, { version: 1 });

    const since = session.diagnostics.length;
    await session.replace(users, `${session.document(users).getText()}\n// users are kept in memory\n`);
    const tokenRoutes = [
      "const express = require('express');",
      "const passport = require('passport');",
      "const sessionController = require('../controllers/session-controller');",
      '',
      'const router = express.Router();',
      `router.post('/token/logout', ${BEARER}, sessionController.logout);`,
      '',
      'module.exports = router;',
      '',
    ].join('\n');
    fs.writeFileSync(file('src/routes/token.js'), tokenRoutes);
    await diskChange('src/routes/token.js', FileChangeType.Created);
    assert.deepEqual(await nextFor(handler, since, 'the handler re-checked after a new router appeared'), { uri: handler, version: 1, diagnostics: [] });
    // One re-check, for the new router: the edit of the unrelated module re-checked nothing.
    assert.equal(session.diagnostics.slice(since).filter((p) => p.uri === handler).length, 1);
    assert.ok(session.logs.includes(`src/routes/token.js changed: re-checking ${CONTROLLER}`), session.logs.join('\n'));
    assert.ok(!session.logs.some((line) => line.startsWith('src/users.js changed')), session.logs.join('\n'));

    const before = session.diagnostics.length;
    fs.rmSync(file('src/routes/token.js'));
    await diskChange('src/routes/token.js', FileChangeType.Deleted);
    assert.deepEqual(codes(await nextFor(handler, before, 'the handler re-checked after the router was deleted')), ['secure-logout/invalidate-session']);
  });

  it('publishes only the current version while the handler and its router are edited together', async () => {
    await start();
    const handler = await openHandler();
    const routes = await session.open(file(ROUTES), undefined, 'javascript');
    await session.diagnosticsFor(routes, { version: 1 });

    const since = session.diagnostics.length;
    const original = session.document(handler).getText();
    await session.replace(handler, `${original}// v2\n`);
    await session.replace(routes, bearerOnlyRoutes());
    await session.replace(handler, `${original}// v3\n`);
    const last = await session.waitFor(() => session.diagnostics.slice(since).find((p) => p.uri === handler && p.version === 3), 'the handler at version 3');
    assert.deepEqual(last.diagnostics, []);
    // Give any late re-check time to show up: none may publish an older version after version 3.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const versions = session.diagnostics.slice(since).filter((p) => p.uri === handler).map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `publications in version order: ${versions.join(', ')}`);
    assert.equal(versions.at(-1), 3);
  });

  it('asks a pull client to pull again when a router buffer changes, and answers the new findings', async () => {
    await start({ pull: true });
    const handler = await session.open(file(CONTROLLER), undefined, 'javascript');
    const pull = async (uri: string) => ((await session.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items: { code?: unknown }[] }).items.map((item) => item.code);
    assert.deepEqual(await pull(handler), ['secure-logout/invalidate-session']);
    const routes = await session.open(file(ROUTES), undefined, 'javascript');
    assert.deepEqual(await pull(routes), []);

    const refreshes = session.diagnosticRefreshes;
    await session.replace(routes, bearerOnlyRoutes());
    await session.waitFor(() => session.diagnosticRefreshes > refreshes, 'workspace/diagnostic/refresh');
    assert.deepEqual(await pull(handler), []);
  });
});
