import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { LARAVEL_SKELETON, writeProject } from './support/laravel-app';
import { LspSession, uriOf } from './support/lsp-session';

/**
 * A handler's verdict rests on the services it calls (SPEC §2.3): the editor re-checks an open
 * controller when a service its verdict read changes — an unsaved edit of the open service, or
 * a change on disk the file watcher reports — without the controller being touched.
 */
const PHP_APP: Record<string, string> = {
  ...LARAVEL_SKELETON,
  'routes/web.php': `<?php

use App\\Http\\Controllers\\SessionController;
use Illuminate\\Support\\Facades\\Route;

Route::post('/logout', [SessionController::class, 'destroy'])->middleware('auth');
`,
  'app/Http/Controllers/SessionController.php': `<?php

namespace App\\Http\\Controllers;

use App\\Services\\SessionEnder;
use Illuminate\\Http\\Request;
use Illuminate\\Support\\Facades\\Auth;

class SessionController
{
    public function destroy(Request $request, SessionEnder $ender)
    {
        Auth::guard('web')->logout();
        $ender->end($request);

        return redirect('/');
    }
}
`,
  'app/Services/SessionEnder.php': `<?php

namespace App\\Services;

use Illuminate\\Http\\Request;

class SessionEnder
{
    public function end(Request $request): void
    {
        $request->session()->invalidate();
        $request->session()->regenerateToken();
    }
}
`,
};

const JS_APP: Record<string, string> = {
  'package.json': JSON.stringify({ dependencies: { express: '^4.19.0', 'express-session': '^1.18.0', passport: '0.5.3' } }),
  'src/services/sessions.js': `function endSession(req, res) {
  req.session.destroy(() => res.redirect('/login'));
}

module.exports = { endSession };
`,
  'src/routes/auth.js': `const express = require('express');
const { endSession } = require('../services/sessions');

const router = express.Router();

router.post('/logout', (req, res) => {
  req.logout();
  endSession(req, res);
});

module.exports = router;
`,
};

const cases = [
  { language: 'PHP', app: PHP_APP, languageId: 'php', handler: 'app/Http/Controllers/SessionController.php', service: 'app/Services/SessionEnder.php', removed: '        $request->session()->invalidate();\n', line: 13 },
  { language: 'JS', app: JS_APP, languageId: 'javascript', handler: 'src/routes/auth.js', service: 'src/services/sessions.js', removed: "  req.session.destroy(() => res.redirect('/login'));\n", line: 7 },
];

describe('language server over stdio: a handler is re-checked when a service its verdict read changes', function () {
  this.timeout(30_000);
  let workspace: string;
  let session: LspSession;

  const file = (relative: string) => path.join(workspace, relative);
  const lines = (published: { diagnostics: { code?: unknown; range: { start: { line: number } } }[] }) => published.diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)}`);
  const nextFor = (uri: string, since: number, what: string) => session.waitFor(() => session.diagnostics.slice(since).find((p) => p.uri === uri), what);

  afterEach(async () => {
    await session?.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  async function start(app: Record<string, string>): Promise<void> {
    workspace = writeProject(app, 'secure-logout-verdict-reads-');
    session = new LspSession({ workspace, settings: {} });
    await session.initialize();
  }

  it('PHP: a controller created on disk that calls the open helper and completes its logout clears the helper', async () => {
    const { 'app/Http/Controllers/SessionController.php': controllerText, ...withoutController } = PHP_APP;
    await start({ ...withoutController, 'app/Services/SessionEnder.php': "<?php\n\nnamespace App\\Services;\n\nuse Illuminate\\Support\\Facades\\Auth;\n\nclass SessionEnder\n{\n    public function end(): void\n    {\n        Auth::guard('web')->logout();\n    }\n}\n" });
    const helper = await session.open(file('app/Services/SessionEnder.php'));
    assert.deepEqual(lines(await session.diagnosticsFor(helper, { version: 1 })), ['11 secure-logout/invalidate-session'], 'no caller yet: judged on its own body');

    const since = session.diagnostics.length;
    const caller = controllerText!.replace("        Auth::guard('web')->logout();\n        $ender->end($request);", '        $ender->end();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();');
    fs.mkdirSync(path.dirname(file('app/Http/Controllers/SessionController.php')), { recursive: true });
    fs.writeFileSync(file('app/Http/Controllers/SessionController.php'), caller);
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(file('app/Http/Controllers/SessionController.php')), type: FileChangeType.Created }] });
    assert.deepEqual(lines(await nextFor(helper, since, 'the helper re-checked after a caller was created')), []);
  });

  for (const { language, app, languageId, handler, service, removed, line } of cases) {
    it(`${language}: an unsaved edit of the open service changes the open handler's findings, and undoing it clears them`, async () => {
      await start(app);
      const handlerUri = await session.open(file(handler), undefined, languageId);
      assert.deepEqual(lines(await session.diagnosticsFor(handlerUri, { version: 1 })), []);
      const serviceUri = await session.open(file(service), undefined, languageId);
      await session.diagnosticsFor(serviceUri, { version: 1 });

      let since = session.diagnostics.length;
      const original = session.document(serviceUri).getText();
      assert.ok(original.includes(removed));
      await session.replace(serviceUri, original.replace(removed, ''));
      assert.deepEqual(lines(await nextFor(handlerUri, since, 'the handler re-checked after its service lost the invalidation')), [`${line} secure-logout/invalidate-session`]);

      since = session.diagnostics.length;
      await session.replace(serviceUri, original);
      assert.deepEqual(lines(await nextFor(handlerUri, since, 'the handler re-checked after the invalidation came back')), []);
    });

    it(`${language}: a change of the service on disk (didChangeWatchedFiles) re-checks the open handler`, async () => {
      await start(app);
      const handlerUri = await session.open(file(handler), undefined, languageId);
      assert.deepEqual(lines(await session.diagnosticsFor(handlerUri, { version: 1 })), []);

      const since = session.diagnostics.length;
      fs.writeFileSync(file(service), app[service]!.replace(removed, ''));
      await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(file(service)), type: FileChangeType.Changed }] });
      assert.deepEqual(lines(await nextFor(handlerUri, since, 'the handler re-checked after its service changed on disk')), [`${line} secure-logout/invalidate-session`]);
      assert.ok(session.logs.some((l) => l.startsWith(`${service} changed: re-checking ${handler}`)), session.logs.join('\n'));
    });
  }
});
