import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeActionRequest, HoverRequest, type CodeAction } from 'vscode-languageserver-protocol/node';
import { copyFixture, useSessions, type LspSession } from './support/lsp-session';

/** 5 MB documents, each far over the 1,000,000-character cap: the check declines them, and nothing waits for it. */
const FIVE_MB_HANDLER = {
  javascript: "app.post('/logout', (req, res) => { req.logout(() => res.redirect('/')); });\n",
  php: "    public function logout{n}(Request $request)\n    {\n        Auth::logout();\n        return redirect('/');\n    }\n",
};
function fiveMegabytes(language: 'javascript' | 'php'): string {
  const handler = FIVE_MB_HANDLER[language];
  const count = Math.ceil(5_000_000 / handler.length);
  if (language === 'javascript') return `const express = require('express');\nconst app = express();\n${handler.repeat(count)}`;
  const methods = Array.from({ length: count }, (_, i) => handler.replace('{n}', String(i))).join('');
  return `<?php\n\nnamespace App\\Http\\Controllers;\n\nuse Illuminate\\Http\\Request;\nuse Illuminate\\Support\\Facades\\Auth;\n\nclass GeneratedController extends Controller\n{\n${methods}}\n`;
}

const EXPRESS_APP = path.resolve(__dirname, '../../test-fixtures/express-passport07');
const SESSION_ROUTES = 'src/routes/session.js';
/** The server's per-check budget (server/src/analysis.ts). */
const CHECK_BUDGET_MS = 2_000;

/**
 * The session routes (two findings) followed by ~950 KB of ordinary route handlers: just under the
 * 1,000,000-character cap, so it is really parsed and analysed. It takes seconds (7.5 s per 900 KB
 * here), far longer than any request may wait.
 */
function bigRoutesModule(routes: string, characters = 950_000): string {
  const parts = [routes];
  let length = routes.length;
  for (let i = 0; length < characters; i++) {
    // Dense (many nodes per character), so even a fast machine takes seconds: CI's took 2 s on the spaced-out form.
    const handler = `router.post('/i/${i}', (q, s) => { const v = q.b.v${i}; if (v) { s.j({ a: [v, v, v], b: v(v)(v) }); } else { s.s(4).e(); } });\n`;
    parts.push(handler);
    length += handler.length;
  }
  return parts.join('').replace('export default router;\n', '') + 'export default router;\n';
}

/** Sends a request and measures how long its answer took. */
async function timed<T>(request: () => Promise<T>): Promise<{ answer: T; ms: number }> {
  const started = performance.now();
  const answer = await request();
  return { answer, ms: performance.now() - started };
}

const publishedVersions = (session: LspSession, uri: string) => session.diagnostics.filter((p) => p.uri === uri).map((p) => p.version);

/** Issue 15 point 2: a long lint runs in the lint worker and never blocks the LSP thread. */
describe('language server over stdio: responsiveness during a long lint', function () {
  this.timeout(120_000);
  const start = useSessions();

  async function openBoth(): Promise<{ session: LspSession; workspace: string; small: string; routes: string }> {
    const { session, workspace } = await start({ workspace: copyFixture(EXPRESS_APP) });
    const routes = fs.readFileSync(path.join(workspace, SESSION_ROUTES), 'utf8');
    const small = await session.open(path.join(workspace, SESSION_ROUTES), routes, 'javascript');
    const published = await session.diagnosticsFor(small, { version: 1 });
    assert.deepEqual(published.diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`), ['10 secure-logout/logout-callback', '21 secure-logout/logout-callback']);
    return { session, workspace, small, routes };
  }

  it('answers hover and code actions on another document within 200 ms while a 950 KB document is linted, then publishes its findings', async () => {
    const { session, workspace, small, routes } = await openBoth();
    const big = await session.open(path.join(workspace, 'src/routes/generated.js'), bigRoutesModule(routes), 'javascript');
    // The lint runs past its budget: named in the output channel and in the status item while it runs.
    await session.waitFor(() => session.logs.find((line) => line.startsWith('still checking ') && line.includes('generated.js')), 'the over-budget line', 30_000);
    await session.waitFor(() => session.status.find((s) => s.state === 'validating' && s.uri === big && /still checking .*generated\.js/.test(s.message ?? '')), 'the over-budget status');

    const at = { textDocument: { uri: small }, position: { line: 9, character: 6 } };
    const hover = await timed(() => session.connection.sendRequest(HoverRequest.type, at));
    const actions = await timed(() =>
      session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: small }, range: { start: at.position, end: at.position }, context: { diagnostics: [] } }),
    );
    const stillLinting = publishedVersions(session, big).length === 0;
    assert.ok(stillLinting, 'the long lint was over before the requests were answered: the input no longer takes long enough to prove anything');
    assert.match(JSON.stringify(hover.answer?.contents), /secure-logout\/logout-callback/);
    assert.ok(hover.ms < 200, `hover took ${Math.round(hover.ms)} ms`);
    const titles = ((actions.answer ?? []) as CodeAction[]).map((action) => action.title);
    assert.ok(titles.includes('Disable secure-logout/logout-callback for this line'), JSON.stringify(titles));
    assert.ok(actions.ms < 200, `code actions took ${Math.round(actions.ms)} ms`);

    // The big document's own findings still arrive: the session routes at its top.
    const published = await session.diagnosticsFor(big, { version: 1, timeoutMs: 60_000 });
    assert.deepEqual(published.diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`), ['10 secure-logout/logout-callback', '21 secure-logout/logout-callback']);
    const done = await session.waitFor(() => session.status.find((s) => s.state === 'ok' && s.uri === big), 'the status of the big document');
    assert.ok((done.lastValidationMs ?? 0) > CHECK_BUDGET_MS, `the lint took ${done.lastValidationMs} ms`);
    assert.match(done.message ?? '', /the check took \d+ ms \(budget 2000 ms\)/);

    // Its memory is given back: the worker is replaced, and the new one knows the open documents.
    await session.waitFor(() => session.logs.find((line) => line.startsWith('lint worker replaced after checking ') && line.includes('generated.js')), 'the worker replacement');
    const edited = await session.replace(small, routes.replace("res.redirect('/');\n});", "res.redirect('/');\n});\n// edited"));
    assert.equal((await session.diagnosticsFor(small, { version: edited })).diagnostics.length, 2);
  });

  for (const [language, file] of [['javascript', 'generated-routes.js'], ['php', 'app/Http/Controllers/GeneratedController.php']] as const) {
    it(`answers hover and code actions on another file within 200 ms while a 5 MB ${language === 'php' ? 'PHP' : 'JavaScript'} document is checked, and names it`, async () => {
      const { session, workspace } = await start();
      const controller = await session.open(path.join(workspace, 'app/Http/Controllers/SessionController.php'));
      assert.deepEqual((await session.diagnosticsFor(controller)).diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`), ['13 secure-logout/invalidate-session']);
      const big = fiveMegabytes(language);
      assert.ok(big.length >= 5_000_000, `${big.length} characters`);
      const bigUri = await session.open(path.join(workspace, file), big, language);
      const at = { textDocument: { uri: controller }, position: { line: 12, character: 30 } };
      const hover = await timed(() => session.connection.sendRequest(HoverRequest.type, at));
      const actions = await timed(() =>
        session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: controller }, range: { start: at.position, end: at.position }, context: { diagnostics: [] } }),
      );
      assert.match(JSON.stringify(hover.answer?.contents), /secure-logout\/invalidate-session/);
      assert.ok(hover.ms < 200, `hover took ${Math.round(hover.ms)} ms`);
      assert.ok(((actions.answer ?? []) as CodeAction[]).length > 0, 'code actions are answered');
      assert.ok(actions.ms < 200, `code actions took ${Math.round(actions.ms)} ms`);

      // Declined at the size cap within the check budget, with the reason.
      const published = await session.diagnosticsFor(bigUri);
      assert.deepEqual(
        published.diagnostics.map((d) => [d.code, d.relatedInformation?.map((info) => info.message)]),
        [['secure-logout/parse-error', [`Reason: file is larger than ${language === 'php' ? '2000000 bytes' : '1000000 characters'}.`]]],
      );
      // Named in the output channel and in the status item.
      await session.waitFor(() => session.logs.find((line) => line.startsWith('over budget or not analysed: ') && line.includes(path.basename(file))), 'the output line');
      const status = await session.waitFor(() => session.status.find((s) => s.uri === bigUri && s.state === 'ok'), 'the status of the big document');
      assert.match(status.message ?? '', /did not analyse this file/);
      assert.ok((status.lastValidationMs ?? Infinity) < CHECK_BUDGET_MS, `the check took ${status.lastValidationMs} ms`);
      assert.ok(!session.logs.some((line) => line.startsWith('still checking ')), session.logs.join('\n'));
    });
  }

  it('stops a check that never finishes at the hard limit, names the file, and checks on in a fresh worker', async () => {
    // The analysis of `hanging.js` loops forever, as php-parser did on a half-typed `#[`; the hard limit is 4 s here (30 s in use).
    const { session, workspace } = await start({ workspace: copyFixture(EXPRESS_APP), env: { SECURE_LOGOUT_SERVER_TEST_HANG_ON: 'hanging.js', SECURE_LOGOUT_SERVER_TEST_HARD_LIMIT_MS: '4000' } });
    const routes = fs.readFileSync(path.join(workspace, SESSION_ROUTES), 'utf8');
    const small = await session.open(path.join(workspace, SESSION_ROUTES), routes, 'javascript');
    assert.equal((await session.diagnosticsFor(small, { version: 1 })).diagnostics.length, 2);
    const hanging = await session.open(path.join(workspace, 'src/routes/hanging.js'), routes, 'javascript');
    await session.waitFor(() => session.logs.find((line) => line.startsWith('still checking ') && line.includes('hanging.js')), 'the over-budget line');
    const hover = await timed(() => session.connection.sendRequest(HoverRequest.type, { textDocument: { uri: small }, position: { line: 9, character: 6 } }));
    assert.ok(hover.answer && hover.ms < 200, `hover took ${Math.round(hover.ms)} ms`);

    const published = await session.diagnosticsFor(hanging, { version: 1 });
    assert.deepEqual(published.diagnostics.map((d) => [d.code, d.message]), [
      ['internal-error', 'secure-logout could not check this file (internal error: the check did not finish within 4 s and was stopped). Other files are still checked; please report this.'],
    ]);
    assert.ok(session.logs.some((line) => /^stopped checking .*hanging\.js: the check did not finish within 4 s and was stopped$/.test(line)), session.logs.join('\n'));
    await session.waitFor(() => session.status.find((s) => s.uri === hanging && s.state === 'error' && /did not finish within 4 s/.test(s.message ?? '')), 'the status of the stopped check');

    const edited = await session.replace(small, `${routes}// edited\n`);
    assert.equal((await session.diagnosticsFor(small, { version: edited })).diagnostics.length, 2);
  });

  it('never publishes a version that was edited during its long lint', async () => {
    const { session, workspace, routes } = await openBoth();
    const big = await session.open(path.join(workspace, 'src/routes/generated.js'), bigRoutesModule(routes), 'javascript');
    await session.waitFor(() => session.logs.find((line) => line.startsWith('still checking ') && line.includes('generated.js')), 'the over-budget line', 30_000);
    // The user deletes the generated part: the running lint of version 1 is stopped and version 2 is checked.
    const version = await session.replace(big, routes);
    const published = await session.diagnosticsFor(big, { version });
    assert.equal(published.diagnostics.length, 2);
    assert.ok(session.logs.some((line) => /^stopped checking .*generated\.js: a newer version of the document replaces it$/.test(line)), session.logs.join('\n'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(publishedVersions(session, big), [version]);
  });
});
