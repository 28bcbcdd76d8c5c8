import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeActionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { copyFixture, useSessions } from './support/lsp-session';
import { eslintConfigUsingSecureLogout } from '../src/workspace-eslint';

const CONTROLLER = 'app/Http/Controllers/SessionController.php';
const ESM_CONFIG = "import secureLogout from 'eslint-plugin-secure-logout';\n\nexport default [...secureLogout.configs.recommended];\n";

describe('when the workspace ESLint config runs secure-logout too', function () {
  this.timeout(30_000);
  const start = useSessions();

  it('recognises the config from its text: flat configs (nearest wins), .eslintrc and package.json eslintConfig', () => {
    const workspace = copyFixture();
    try {
      const controller = path.join(workspace, CONTROLLER);
      assert.equal(eslintConfigUsingSecureLogout(controller, workspace), undefined);
      fs.writeFileSync(path.join(workspace, 'eslint.config.js'), ESM_CONFIG);
      assert.equal(eslintConfigUsingSecureLogout(controller, workspace), path.join(workspace, 'eslint.config.js'));
      // A nearer flat config without secure-logout is the one ESLint uses for files below it.
      fs.writeFileSync(path.join(workspace, 'app', 'eslint.config.mjs'), 'export default [];\n');
      assert.equal(eslintConfigUsingSecureLogout(controller, workspace), undefined);
      fs.rmSync(path.join(workspace, 'app', 'eslint.config.mjs'));
      fs.rmSync(path.join(workspace, 'eslint.config.js'));
      fs.writeFileSync(path.join(workspace, '.eslintrc.json'), JSON.stringify({ rules: { 'secure-logout/invalidate-session': 'error' } }));
      assert.equal(eslintConfigUsingSecureLogout(controller, workspace), path.join(workspace, '.eslintrc.json'));
      fs.rmSync(path.join(workspace, '.eslintrc.json'));
      fs.writeFileSync(path.join(workspace, 'package.json'), JSON.stringify({ name: 'app', eslintConfig: { plugins: ['secure-logout'], rules: { 'secure-logout/logout-guard': 'error' } } }));
      assert.equal(eslintConfigUsingSecureLogout(controller, workspace), path.join(workspace, 'package.json'));
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('reporter auto: with ESLint running in the editor, ESLint reports and this server publishes nothing but still explains on hover', async () => {
    const workspace = copyFixture();
    fs.writeFileSync(path.join(workspace, 'eslint.config.js'), ESM_CONFIG);
    const { session } = await start({ workspace, settings: { eslintRunsInEditor: true } });
    const uri = await session.open(path.join(workspace, CONTROLLER));
    assert.deepEqual((await session.diagnosticsFor(uri, { version: 1 })).diagnostics, []);
    assert.ok(session.logs.some((line) => line.startsWith(`ESLint reports secure-logout findings here (${path.join(workspace, 'eslint.config.js')} runs secure-logout)`)), session.logs.join('\n'));
    const range = { start: { line: 12, character: 8 }, end: { line: 12, character: 36 } };
    assert.deepEqual(await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [] } }), []);
    const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 12, character: 20 } });
    assert.ok(hover && JSON.stringify(hover.contents).includes('secure-logout/invalidate-session'));
  });

  it('reports here when ESLint does not run in the editor (untrusted workspace, no vscode-eslint), or with reporter: secureLogout', async () => {
    for (const settings of [{ eslintRunsInEditor: false }, { eslintRunsInEditor: true, reporter: 'secureLogout' }]) {
      const workspace = copyFixture();
      fs.writeFileSync(path.join(workspace, 'eslint.config.js'), ESM_CONFIG);
      const { session } = await start({ workspace, settings });
      const uri = await session.open(path.join(workspace, CONTROLLER));
      assert.deepEqual((await session.diagnosticsFor(uri, { version: 1 })).diagnostics.map((d) => d.code), ['secure-logout/invalidate-session'], JSON.stringify(settings));
    }
  });

  it('reports here when the workspace config does not run secure-logout, even with ESLint in the editor', async () => {
    const workspace = copyFixture();
    fs.writeFileSync(path.join(workspace, 'eslint.config.js'), 'export default [];\n');
    const { session } = await start({ workspace, settings: { eslintRunsInEditor: true } });
    const uri = await session.open(path.join(workspace, CONTROLLER));
    assert.deepEqual((await session.diagnosticsFor(uri, { version: 1 })).diagnostics.map((d) => d.code), ['secure-logout/invalidate-session']);
  });
});
