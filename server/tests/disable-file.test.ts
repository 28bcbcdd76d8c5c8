import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Linter } from 'eslint';
import plugin = require('eslint-plugin-secure-logout');
import { TextDocument } from 'vscode-languageserver-textdocument';
import { disableForFileEdit } from '../src/disable-comment';

const RULE = 'secure-logout/invalidate-session';
const PHP_HANDLER = "namespace App\\Http\\Controllers;\n\nuse Illuminate\\Support\\Facades\\Auth;\n\nclass SessionController\n{\n    public function destroy()\n    {\n        Auth::logout();\n\n        return redirect('/');\n    }\n}\n";

function applyDisable(text: string, languageId: string, rule = RULE, uri = 'file:///ws/a.php'): string {
  const document = TextDocument.create(uri, languageId, 1, text);
  return TextDocument.applyEdits(document, [disableForFileEdit(document, rule)]);
}

function rulesReported(text: string, filename: string): string[] {
  const linter = new Linter({ configType: 'flat', cwd: path.dirname(filename) });
  return linter.verify(text, plugin.configs.recommended as Linter.Config[], { filename }).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('"Disable <rule> for the entire file"', () => {
  it('PHP: writes /* eslint-disable */ on its own line after <?php, and the finding is gone', () => {
    const text = `<?php\n\n${PHP_HANDLER}`;
    assert.deepEqual(rulesReported(text, '/ws/a.php'), [RULE]);
    const disabled = applyDisable(text, 'php');
    assert.equal(disabled, `<?php\n/* eslint-disable ${RULE} */\n\n${PHP_HANDLER}`);
    assert.deepEqual(rulesReported(disabled, '/ws/a.php'), []);
  });

  it('PHP: `<?php declare(strict_types=1);` on one line gets the comment right after the tag; CRLF is kept', () => {
    const text = `<?php declare(strict_types=1);\r\n\r\n${PHP_HANDLER.replace(/\n/g, '\r\n')}`;
    const disabled = applyDisable(text, 'php');
    assert.ok(disabled.startsWith(`<?php /* eslint-disable ${RULE} */ declare(strict_types=1);\r\n`), disabled);
    assert.deepEqual(rulesReported(disabled, '/ws/a.php'), []);
  });

  it('appends a second rule to the existing file directive instead of stacking comments', () => {
    const once = applyDisable(`<?php\n\n${PHP_HANDLER}`, 'php', 'secure-logout/logout-guard');
    const twice = applyDisable(once, 'php');
    assert.equal(twice, `<?php\n/* eslint-disable secure-logout/logout-guard, ${RULE} */\n\n${PHP_HANDLER}`);
    assert.ok(!rulesReported(twice, '/ws/a.php').includes(RULE));
  });

  it('JS: writes the directive on the first line (below a shebang), and the finding is gone', () => {
    const file = path.resolve(__dirname, '../../test-fixtures/express-passport05/src/controllers/session-controller.js');
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(rulesReported(text, file).includes(RULE));
    const disabled = applyDisable(text, 'javascript', RULE, `file://${file}`);
    assert.ok(disabled.startsWith(`/* eslint-disable ${RULE} */\n`));
    assert.ok(!rulesReported(disabled, file).includes(RULE));
    assert.equal(applyDisable('#!/usr/bin/env node\nreq.logout();\n', 'javascript', RULE, 'file:///ws/a.js'), `#!/usr/bin/env node\n/* eslint-disable ${RULE} */\nreq.logout();\n`);
  });
});
