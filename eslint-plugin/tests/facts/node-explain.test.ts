import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { explainJsFinding } from '../../src/analysis/node/explain';

const FIXTURES = path.resolve(__dirname, '../../../test-fixtures');

describe('explainJsFinding (hover data for JS/TS findings)', function () {
  it('names the versions and the route in another module that reaches the handler', function () {
    const file = path.join(FIXTURES, 'express-passport05/src/controllers/session-controller.js');
    const explanation = explainJsFinding(file, fs.readFileSync(file, 'utf8'), 5)!;
    assert.equal(explanation.projectRoot, path.join(FIXTURES, 'express-passport05'));
    assert.deepEqual(
      explanation.libraries.map((l) => `${l.name} ${l.version} (${l.origin})`),
      ['passport 0.5.3 (package.json range)', 'express-session ^1.18.0 (package.json range)'],
    );
    assert.equal(explanation.route!.filePath, path.join(FIXTURES, 'express-passport05/src/routes/auth.js'));
    assert.equal(explanation.route!.line, 9);
    assert.equal(explanation.route!.tokenOnly, false);
  });

  it('shows why a bearer-only route owes no session invalidation', function () {
    const file = path.join(FIXTURES, 'express-passport05/src/controllers/api-controller.js');
    const explanation = explainJsFinding(file, fs.readFileSync(file, 'utf8'), 7)!;
    assert.equal(explanation.route!.line, 11);
    assert.deepEqual(explanation.route!.mechanisms.slice(-1), [{ name: 'bearer', kind: 'token' }]);
    assert.equal(explanation.route!.tokenOnly, true);
  });

  it('reads AdonisJS guards from start/routes.ts for a controller', function () {
    const file = path.join(FIXTURES, 'adonis-v6/app/controllers/api_session_controller.ts');
    const explanation = explainJsFinding(file, fs.readFileSync(file, 'utf8'), 9)!;
    assert.equal(explanation.route!.filePath, path.join(FIXTURES, 'adonis-v6/start/routes.ts'));
    assert.deepEqual(explanation.route!.mechanisms, [
      { name: 'api', kind: 'token' },
      { name: 'web', kind: 'session or other' },
    ]);
  });

  it('names the route of a caller for a helper in another module (the route context flows into helpers)', function () {
    const project = path.resolve(__dirname, '../fixtures/node/call-paths/express-helpers');
    const file = path.join(project, 'src/lib/login-state.js');
    const explanation = explainJsFinding(file, fs.readFileSync(file, 'utf8'), 7)!;
    assert.equal(explanation.route!.filePath, path.join(project, 'src/routes/auth.js'));
    assert.equal(explanation.route!.line, 19);
    assert.equal(explanation.route!.tokenOnly, false);
  });

  it('is null for a line without a logout handler, and for front-end code', function () {
    const file = path.join(FIXTURES, 'express-passport05/src/users.js');
    assert.equal(explainJsFinding(file, fs.readFileSync(file, 'utf8'), 3), null);
    const menu = path.join(FIXTURES, 'react-frontend/src/components/Header.jsx');
    assert.equal(explainJsFinding(menu, fs.readFileSync(menu, 'utf8'), 10), null);
  });
});
