import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { ExecuteCommandRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import plugin = require('eslint-plugin-secure-logout');
import { LARAVEL_SKELETON, writeProject } from './support/laravel-app';
import { LspSession } from './support/lsp-session';

/**
 * A Laravel logout judged along its call path (SPEC §2.3): a service's logout completed by one
 * controller and not by another. The editor reports what `eslint` reports, names the incomplete
 * caller and its route as related locations, and a route the analysis cannot see is explained
 * on hover and in the workspace-scan summary.
 */
const APP: Record<string, string> = {
  ...LARAVEL_SKELETON,
  'routes/web.php': `<?php

use App\\Http\\Controllers\\AccountController;
use App\\Http\\Controllers\\SessionController;
use Illuminate\\Support\\Facades\\Route;

Route::post('/logout', [SessionController::class, 'destroy'])->middleware('auth');
Route::post('/account/close', [AccountController::class, 'close'])->middleware('auth');
Route::post('/sso/logout', [\\Vendor\\Sso\\LogoutController::class, 'logout'])->middleware('auth');
`,
  'app/Http/Controllers/SessionController.php': `<?php

namespace App\\Http\\Controllers;

use App\\Services\\Signer;
use Illuminate\\Http\\Request;

class SessionController
{
    public function destroy(Request $request, Signer $signer)
    {
        $signer->signOut();
        $request->session()->invalidate();
        $request->session()->regenerateToken();

        return redirect('/');
    }
}
`,
  'app/Http/Controllers/AccountController.php': `<?php

namespace App\\Http\\Controllers;

use App\\Services\\Signer;

class AccountController
{
    public function __construct(private Signer $signer)
    {
    }

    public function close()
    {
        $this->signer->signOut();

        return redirect('/');
    }
}
`,
  'app/Services/Signer.php': `<?php

namespace App\\Services;

use Illuminate\\Support\\Facades\\Auth;

class Signer
{
    public function signOut(): void
    {
        Auth::guard('web')->logout();
    }
}
`,
};
const FILES = ['app/Services/Signer.php', 'app/Http/Controllers/SessionController.php', 'app/Http/Controllers/AccountController.php', 'routes/web.php'];

describe('language server over stdio: Laravel logouts judged along the call path', function () {
  this.timeout(30_000);
  let workspace: string;
  let session: LspSession;

  beforeEach(async () => {
    workspace = writeProject(APP, 'secure-logout-php-callpath-');
    session = new LspSession({ workspace, settings: {} });
    await session.initialize();
  });

  afterEach(async () => {
    await session.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('reports the same (file, line, rule) as the CLI, with the incomplete caller and its route as related locations', async () => {
    const eslint = new ESLint({ cwd: workspace, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never });
    const cli = (await eslint.lintFiles(FILES)).flatMap((r) => r.messages.map((m) => `${path.relative(workspace, r.filePath)}:${m.line} ${m.ruleId}`)).sort();
    assert.deepEqual(cli, ['app/Services/Signer.php:11 secure-logout/invalidate-session']);

    const editor: string[] = [];
    for (const file of FILES) {
      const uri = await session.open(path.join(workspace, file));
      for (const d of (await session.diagnosticsFor(uri, { version: 1 })).diagnostics) editor.push(`${file}:${d.range.start.line + 1} ${String(d.code)}`);
    }
    assert.deepEqual(editor.sort(), cli);

    const uri = await session.open(path.join(workspace, 'app/Services/Signer.php'));
    const [finding] = (await session.diagnosticsFor(uri)).diagnostics;
    const related = (finding!.relatedInformation ?? []).map((r) => `${path.relative(workspace, new URL(r.location.uri).pathname)}:${r.location.range.start.line + 1} ${r.message}`);
    assert.ok(related.includes('app/Http/Controllers/AccountController.php:15 AccountController::close() calls this helper on POST /account/close'), related.join('\n'));
    assert.ok(related.includes('routes/web.php:8 Chain: POST /account/close → StartSession → auth → guard web (driver session) → session driver unknown'), related.join('\n'));
  });

  it('explains a route it could not analyse on hover and in the workspace-scan summary', async () => {
    const routes = await session.open(path.join(workspace, 'routes/web.php'));
    await session.diagnosticsFor(routes, { version: 1 });
    const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri: routes }, position: { line: 8, character: 10 } });
    const text = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.ok(text.startsWith('**Not analysed by secure-logout:** `Vendor\\Sso\\LogoutController@logout`'), text);
    assert.ok(text.includes('is vendor code this analysis does not model'), text);

    const result = (await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'secure-logout.scanWorkspace', arguments: [] })) as { notAnalysed?: { path: string; line: number; target: string; reason: string }[] };
    assert.deepEqual(
      result.notAnalysed?.map((r) => `${path.relative(workspace, r.path)}:${r.line} ${r.target}`),
      ['routes/web.php:9 Vendor\\Sso\\LogoutController@logout'],
    );
  });
});
