import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyFixture, serverBinary } from './support/lsp-session';
import { neovim, neovimVersion } from '../../scripts/test-support/environment';
import { requireOrSkip } from '../../scripts/test-support/requirements';

/** The demo app of the repository (the lead's fixture), the controller the README shows. */
const DEMO = path.resolve(__dirname, '../../test-fixtures/laravel-sanctum-spa');
const DEMO_CONTROLLER = 'app/Http/Controllers/Auth/SpaSessionController.php';
const SCRIPT = path.resolve(__dirname, 'neovim/lsp-flow.lua');

interface NeovimResult {
  error?: string;
  first_diagnostics_ms: number;
  initial: { line: number; col: number; code: string; source: string; message: string }[];
  rounds: { code: string; titles: string[]; applied: string; edit_to_diagnostics_ms: number; remaining: number }[];
  final_diagnostics: number;
  lines: string[];
}

describe('Neovim 0.7 built-in LSP client (headless) against the real server', function () {
  this.timeout(90_000);
  const version = neovimVersion();

  before(function () {
    // .ci/run installs Debian's neovim; a developer machine without it cannot run this client test.
    requireOrSkip(this, neovim.need, version !== undefined, neovim.enable);
  });

  it('opens the demo controller, receives both findings, applies the quick fixes and ends with a clean, fixed buffer', () => {
    assert.ok(version && Number(version.split('.')[1]) >= 7, `Neovim ${version}`);
    const workspace = copyFixture(DEMO);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-nvim-')), 'result.json');
    try {
      const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-n', '-i', 'NONE', '-c', `luafile ${SCRIPT}`], {
        env: {
          ...process.env,
          SECURE_LOGOUT_NODE: process.execPath,
          SECURE_LOGOUT_SERVER: serverBinary,
          SECURE_LOGOUT_ROOT: workspace,
          SECURE_LOGOUT_FILE: path.join(workspace, DEMO_CONTROLLER),
          SECURE_LOGOUT_OUT: out,
        },
        encoding: 'utf8',
        timeout: 80_000,
      });
      assert.ok(fs.existsSync(out), `no result from Neovim (status ${run.status}): ${run.stderr}${run.stdout}`);
      const result = JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimResult;
      assert.equal(result.error, undefined);
      assert.equal(run.status, 0);

      assert.deepEqual(
        result.initial.map((d) => [d.line, d.col, d.code, d.source]),
        [
          [40, 8, 'secure-logout/invalidate-session', 'secure-logout'],
          [40, 8, 'secure-logout/forget-request-guard-user', 'secure-logout'],
        ],
      );
      assert.deepEqual(
        result.rounds.map((round) => [round.code, round.applied, round.remaining]),
        [
          ['secure-logout/invalidate-session', 'Add $request->session()->invalidate() and $request->session()->regenerateToken() after the logout (secure-logout/invalidate-session)', 1],
          ['secure-logout/forget-request-guard-user', "Add Auth::guard('sanctum')->forgetUser() after the logout (secure-logout/forget-request-guard-user)", 0],
        ],
      );
      // What Neovim's code action menu lists for the first finding.
      assert.ok(result.rounds[0]!.titles.includes('Change auth:sanctum to auth:web in routes/api.php:11 (secure-logout/forget-request-guard-user)'));
      assert.ok(result.rounds[0]!.titles.includes('Disable secure-logout/invalidate-session for this line'));
      assert.equal(result.final_diagnostics, 0);
      assert.deepEqual(result.lines.slice(37, 46), [
        '    public function destroy(Request $request): Response',
        '    {',
        "        Auth::guard('web')->logout();",
        "        Auth::guard('sanctum')->forgetUser();",
        '        $request->session()->invalidate();',
        '        $request->session()->regenerateToken();',
        '',
        '        return response()->noContent();',
        '    }',
      ]);
      // The buffer was fixed, not the file: nothing was saved.
      assert.equal(fs.readFileSync(path.join(workspace, DEMO_CONTROLLER), 'utf8'), fs.readFileSync(path.join(DEMO, DEMO_CONTROLLER), 'utf8'));
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });
});
