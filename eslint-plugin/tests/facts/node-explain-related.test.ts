import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { explainJsFinding } from '../../src/analysis/node/explain';

const PROJECT = path.resolve(__dirname, '../fixtures/node/call-paths/express-helpers');
const at = (file: string, line: number) => ({ filePath: path.join(PROJECT, file), line });

describe('explainJsFinding: related locations of a JS/TS finding', function () {
  const helper = path.join(PROJECT, 'src/lib/login-state.js');
  const text = fs.readFileSync(helper, 'utf8');
  // The message of the finding on `dropUser`'s logout (line 7), as invalidate-session reports it.
  const message = 'Old session survives req.logout() (passport < 0.6): regenerate or destroy the session after it. With passport 0.5.3 (CVE-2022-25896), the logout only removes the user from the session when called from src/routes/auth.js:20 (route at src/routes/auth.js:19): the session id survives.';

  it('names the incomplete caller the message names, its route, and the use() that mounts its router from another module', function () {
    const explanation = explainJsFinding(helper, text, 7, message)!;
    assert.deepEqual(explanation.incompleteCaller, at('src/routes/auth.js', 20));
    assert.deepEqual({ filePath: explanation.route!.filePath, line: explanation.route!.line }, at('src/routes/auth.js', 19));
    assert.deepEqual(explanation.route!.mountedAt, [at('src/app.js', 10)]);
  });

  it('names no caller when the message names none (a logout judged in its own handler)', function () {
    const explanation = explainJsFinding(helper, text, 7)!;
    assert.equal(explanation.incompleteCaller, null);
    assert.deepEqual(explanation.route!.mountedAt, [at('src/app.js', 10)]);
  });

  it('names the mount of the router module for a logout in a handler routed there', function () {
    const file = path.join(PROJECT, 'src/routes/auth.js');
    const explanation = explainJsFinding(file, fs.readFileSync(file, 'utf8'), 31)!;
    assert.deepEqual({ filePath: explanation.route!.filePath, line: explanation.route!.line }, at('src/routes/auth.js', 30));
    assert.deepEqual(explanation.route!.mountedAt, [at('src/app.js', 10)]);
  });
});
