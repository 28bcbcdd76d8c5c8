import * as assert from 'node:assert/strict';
import { ESLint, type Linter } from 'eslint';
import { fixtureFile, plugin } from '../../support/js-rule-tester';

/** `settings['secure-logout'].logoutHelpers` in JS/TS: a helper that completes the logout ends the session (README "Settings"). */
const old = fixtureFile('passport05', 'src/app.js');

// The helper comes from a package: the analysis cannot read what it does.
const app = (call: string) =>
  `const express = require('express');\nconst sessions = require('@acme/sessions');\nconst { endSession } = sessions;\nconst app = express();\n\napp.post('/logout', (req, res) => {\n  req.logout();\n  ${call};\n  res.redirect('/');\n});\n\nmodule.exports = app;\n`;

async function findings(code: string, logoutHelpers?: { name: string; completes: boolean }[]): Promise<string[]> {
  const config: Linter.Config[] = [...(plugin.configs.recommended as Linter.Config[]), ...(logoutHelpers ? [{ settings: { 'secure-logout': { logoutHelpers } } }] : [])];
  const eslint = new ESLint({ cwd: fixtureFile('passport05', ''), overrideConfigFile: true, overrideConfig: config });
  const [result] = await eslint.lintText(code, { filePath: old });
  return result!.messages.map((m) => `${m.ruleId}:${m.line}`);
}

describe('logout helpers in JS/TS', function () {
  this.timeout(60_000);
  const incomplete = ['secure-logout/invalidate-session:7'];

  it('without the setting, the passport < 0.6 logout followed by a package helper is incomplete', async function () {
    assert.deepEqual(await findings(app('endSession(req)')), incomplete);
  });

  it('a helper declared to complete the logout ends the session: by function name, by receiver and name', async function () {
    assert.deepEqual(await findings(app('endSession(req)'), [{ name: 'endSession', completes: true }]), []);
    assert.deepEqual(await findings(app('sessions.endSession(req)'), [{ name: 'sessions.endSession', completes: true }]), []);
    // A bare name matches the method of that name on any receiver.
    assert.deepEqual(await findings(app('sessions.endSession(req)'), [{ name: 'endSession', completes: true }]), []);
  });

  it('another receiver than the declared one, or a helper that only logs out, leaves the logout incomplete', async function () {
    assert.deepEqual(await findings(app('sessions.endSession(req)'), [{ name: 'cache.endSession', completes: true }]), incomplete);
    assert.deepEqual(await findings(app('endSession(req)'), [{ name: 'endSession', completes: false }]), incomplete);
  });
});
