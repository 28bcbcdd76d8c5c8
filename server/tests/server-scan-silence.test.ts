import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { LspSession } from './support/lsp-session';

/**
 * The workspace scan names what it left out, with the reason (issues 12 and 15): routes whose
 * handler is not analysed, files the project model refused to read (outside the workspace, a
 * FIFO), and files the scan itself skipped (a symlink out of the folder). Nothing is silent.
 */
const APP: Record<string, string> = {
  artisan: '',
  'composer.json': JSON.stringify({ require: { 'laravel/framework': '^11.0' }, autoload: { 'psr-4': { 'App\\': 'app/' } } }),
  'config/auth.php': "<?php\n\nreturn [\n    'defaults' => ['guard' => 'web'],\n    'guards' => ['web' => ['driver' => 'session', 'provider' => 'users']],\n];\n",
  'routes/web.php': `<?php

use Illuminate\\Support\\Facades\\Route;

require __DIR__.'/../../outside.php';
require __DIR__.'/pipe.php';

Route::post('/sso/logout', [\\Vendor\\Sso\\LogoutController::class, 'logout'])->middleware('auth');
`,
};

interface ScanResult {
  skipped: { path: string; reason: string }[];
  refused?: { path: string; reason: string }[];
  notAnalysed?: { path: string; line: number; target: string; reason: string }[];
}

describe('language server over stdio: what the workspace scan did not analyse, and why', function () {
  this.timeout(30_000);
  let parent: string;
  let workspace: string;
  let session: LspSession;

  before(function () {
    if (process.platform === 'win32') this.skip(); // FIFOs and symlinks to / are POSIX shapes
  });

  beforeEach(async () => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-scan-silence-'));
    workspace = path.join(parent, 'app');
    for (const [rel, text] of Object.entries(APP)) {
      fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
      fs.writeFileSync(path.join(workspace, rel), text);
    }
    fs.writeFileSync(path.join(parent, 'outside.php'), "<?php\n\nRoute::post('/outside', fn () => null);\n");
    execFileSync('mkfifo', [path.join(workspace, 'routes/pipe.php')]);
    fs.symlinkSync('/etc/hostname', path.join(workspace, 'routes/host.php'));
    session = new LspSession({ workspace, settings: {} });
    await session.initialize();
  });

  afterEach(async () => {
    await session.dispose();
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('lists unanalysed routes, files the model refused and files the scan skipped, each with its reason', async () => {
    const result = (await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'secure-logout.scanWorkspace', arguments: [] })) as ScanResult;
    const shown = (file: string) => path.relative(workspace, file);
    assert.deepEqual(
      result.notAnalysed?.map((route) => `${shown(route.path)}:${route.line} ${route.target}`),
      ['routes/web.php:8 Vendor\\Sso\\LogoutController@logout'],
    );
    assert.deepEqual(result.refused?.map((file) => `${shown(file.path)}: ${file.reason}`).sort(), ['../outside.php: outside the project root', 'routes/pipe.php: not a regular file']);
    assert.deepEqual(
      result.skipped.map((file) => `${shown(file.path)}: ${file.reason}`).sort(),
      ['routes/host.php: symlink out of the workspace folder (to /etc/hostname)', 'routes/pipe.php: not a regular file (FIFO, socket or device)'],
    );
    assert.ok(session.logs.some((line) => line.includes('scan: not read by the analysis') && line.includes('outside.php: outside the project root')), session.logs.join('\n'));    // routes/pipe.php is in both lists but is one file: outside.php, host.php and pipe.php.
    assert.equal(session.status.filter((s) => s.message?.startsWith('scan:')).at(-1)?.message, 'scan: 0 findings in 2 files, 1 route not analysed, 3 files not read');
  });
});
