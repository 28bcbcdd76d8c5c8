// Builds the .vsix exactly as `npm run package -w extension` does and checks what users install:
// its size, its files, its manifest, and that the two bundles run without node_modules.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readZipEntries, type ZipEntry } from './zip';

const extensionDir = dirname(__dirname);
const repoDir = dirname(extensionDir);
const vsixPath = join(extensionDir, 'secure-logout.vsix');
const maxVsixBytes = 3 * 1024 * 1024;

describe('extension .vsix (npm run package -w extension)', function () {
  this.timeout(180_000);
  let entries: Map<string, ZipEntry>;

  before(function () {
    // npm itself runs the `package` script, as CI and the README do.
    execFileSync('npm', ['run', 'package', '-w', 'extension', '--silent'], { cwd: repoDir, stdio: 'pipe' });
    entries = new Map(readZipEntries(readFileSync(vsixPath)).map((entry) => [entry.name, entry]));
  });

  it('is smaller than 3 MB', function () {
    const size = statSync(vsixPath).size;
    assert.ok(size < maxVsixBytes, `the .vsix is ${size} bytes`);
  });

  it('contains the two bundles, the manifest, the docs, the licence and the icon, and nothing else', function () {
    // vsce stores README.md as readme.md, CHANGELOG.md as changelog.md and LICENSE as LICENSE.txt.
    assert.deepEqual([...entries.keys()].sort(), [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/dist/extension.js',
      'extension/dist/server.js',
      'extension/images/icon.png',
      'extension/images/quick-fix.png',
      'extension/package.json',
      'extension/readme.md',
    ]);
    const icon = entries.get('extension/images/icon.png')!.read();
    assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
    assert.match(entries.get('extension/LICENSE.txt')!.read().toString('utf8'), /^MIT License/);
  });

  it('has a manifest for VS Code 1.100 that declares untrusted-workspace support and the fix-all kind', function () {
    const manifest = JSON.parse(entries.get('extension/package.json')!.read().toString('utf8'));
    assert.equal(manifest.name, 'secure-logout');
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.equal(manifest.icon, 'images/icon.png');
    // Restricted Mode: everything works except the workspace's own include/exclude globs (and the
    // Audit sessions command, disabled by its enablement until the folder is trusted).
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['secureLogout.include', 'secureLogout.exclude']);
    assert.ok(manifest.activationEvents.includes('workspaceContains:artisan'));
    for (const language of ['php', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact']) {
      assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
    }
    assert.deepEqual(
      manifest.contributes.commands.map((command: { command: string }) => command.command).sort(),
      ['secure-logout.fixAllInFile', 'secure-logout.restartServer', 'secure-logout.scanWorkspace', 'secure-logout.showOutput', 'secureLogout.auditSessions'],
    );
    assert.equal(manifest.contributes.codeActions[0].actions.kind, 'source.fixAll.secure-logout');
    const settings = Object.keys(manifest.contributes.configuration.properties).sort();
    assert.deepEqual(settings, [
      'secureLogout.enable',
      'secureLogout.exclude',
      'secureLogout.include',
      'secureLogout.projectSettings',
      'secureLogout.reporter',
      'secureLogout.rules',
      'secureLogout.run',
      'secureLogout.trace.server',
    ]);
  });

  it('ships bundles that require nothing but Node built-ins and the vscode API', function () {
    const allowed = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`), 'vscode']);
    for (const bundle of ['extension/dist/extension.js', 'extension/dist/server.js']) {
      const code = entries.get(bundle)!.read().toString('utf8');
      const required = new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]!));
      const missing = [...required].filter((name) => !allowed.has(name));
      assert.deepEqual(missing, [], `${bundle} requires modules that are not in the .vsix`);
    }
  });

  it('ships a server bundle that starts on its own and reports a plain Laravel logout', async function () {
    const workDir = mkdtempSync(join(tmpdir(), 'secure-logout-vsix-'));
    try {
      const serverPath = join(workDir, 'server.js');
      writeFileSync(serverPath, entries.get('extension/dist/server.js')!.read());
      const project = join(workDir, 'project');
      mkdirSync(join(project, 'app', 'Http', 'Controllers'), { recursive: true });
      mkdirSync(join(project, 'routes'));
      writeFileSync(join(project, 'artisan'), '#!/usr/bin/env php\n<?php\n');
      writeFileSync(
        join(project, 'routes', 'web.php'),
        "<?php\n\nuse App\\Http\\Controllers\\LogoutController;\nuse Illuminate\\Support\\Facades\\Route;\n\n" +
          "Route::post('/logout', [LogoutController::class, 'store'])->middleware('auth')->name('logout');\n",
      );
      const controllerPath = join(project, 'app', 'Http', 'Controllers', 'LogoutController.php');
      const controller = [
        '<?php',
        '',
        'namespace App\\Http\\Controllers;',
        '',
        'use Illuminate\\Http\\Request;',
        'use Illuminate\\Support\\Facades\\Auth;',
        '',
        'class LogoutController extends Controller',
        '{',
        '    public function store(Request $request)',
        '    {',
        "        Auth::guard('web')->logout();",
        '',
        "        return redirect('/');",
        '    }',
        '}',
        '',
      ].join('\n');
      writeFileSync(controllerPath, controller);
      const diagnostics = await firstDiagnostics(serverPath, pathToFileURL(project).href, pathToFileURL(controllerPath).href, 'php', controller);
      const finding = diagnostics.find((diagnostic) => diagnostic.code === 'secure-logout/invalidate-session');
      assert.ok(finding, `diagnostics: ${JSON.stringify(diagnostics)}`);
      assert.equal(finding.range.start.line, 11);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });

  it('ships a server bundle whose TypeScript parser works: an Express passport 0.5 logout in a .ts file', async function () {
    const workDir = mkdtempSync(join(tmpdir(), 'secure-logout-vsix-'));
    try {
      const serverPath = join(workDir, 'server.js');
      writeFileSync(serverPath, entries.get('extension/dist/server.js')!.read());
      const project = join(workDir, 'project');
      mkdirSync(join(project, 'src'), { recursive: true });
      writeFileSync(
        join(project, 'package.json'),
        JSON.stringify({ name: 'app', private: true, dependencies: { express: '^4.19.2', 'express-session': '^1.18.0', passport: '0.5.3' } }),
      );
      const appPath = join(project, 'src', 'app.ts');
      const app = [
        "import express from 'express';",
        "import session from 'express-session';",
        "import passport from 'passport';",
        '',
        'const app = express();',
        "app.use(session({ secret: process.env.SESSION_SECRET ?? '', resave: false, saveUninitialized: false }));",
        'app.use(passport.initialize());',
        'app.use(passport.session());',
        '',
        "app.post('/logout', (req: express.Request, res: express.Response) => {",
        '  req.logout();',
        "  res.redirect('/');",
        '});',
        '',
        'export default app;',
        '',
      ].join('\n');
      writeFileSync(appPath, app);
      const diagnostics = await firstDiagnostics(serverPath, pathToFileURL(project).href, pathToFileURL(appPath).href, 'typescript', app);
      const finding = diagnostics.find((diagnostic) => diagnostic.code === 'secure-logout/invalidate-session');
      assert.ok(finding, `diagnostics: ${JSON.stringify(diagnostics)}`);
      assert.equal(finding.range.start.line, 10);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});

interface LspDiagnostic {
  code?: string | number;
  range: { start: { line: number; character: number } };
}

/**
 * Starts the bundled server with `--stdio` as a minimal LSP client without pull-diagnostics support
 * (so the server pushes), opens one document and resolves with its first non-empty diagnostics.
 */
function firstDiagnostics(serverPath: string, rootUri: string, uri: string, languageId: string, text: string): Promise<LspDiagnostic[]> {
  const server = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const send = (message: object) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    server.stdin.write(body);
  };
  let stderr = '';
  server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise<LspDiagnostic[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics within 30 s; stderr: ${stderr}`)), 30_000);
    const finish = (error: Error | undefined, diagnostics?: LspDiagnostic[]) => {
      clearTimeout(timer);
      server.kill();
      if (error) reject(error);
      else resolve(diagnostics!);
    };
    server.on('exit', (code) => finish(new Error(`the server exited with ${code}; stderr: ${stderr}`)));
    let buffer = Buffer.alloc(0);
    server.stdout.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const headerEnd = buffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
        if (buffer.length < headerEnd + 4 + length) return;
        const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
        buffer = buffer.subarray(headerEnd + 4 + length);
        if (message.id === 1 && message.result) {
          send({ method: 'initialized', params: {} });
          send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId, version: 1, text } } });
        } else if (message.id === 1 && message.error) {
          finish(new Error(`initialize failed: ${JSON.stringify(message.error)}`));
        } else if (message.id !== undefined && message.method) {
          // A request from the server (workspace/configuration, registrations...): answer with defaults.
          send({ id: message.id, result: message.method === 'workspace/configuration' ? message.params.items.map(() => null) : null });
        } else if (message.method === 'textDocument/publishDiagnostics' && message.params.uri === uri && message.params.diagnostics.length) {
          finish(undefined, message.params.diagnostics);
        }
      }
    });
    send({
      id: 1,
      method: 'initialize',
      params: {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'project' }],
        capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
      },
    });
  });
}
