import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Linter } from 'eslint';
import plugin = require('eslint-plugin-secure-logout');
import * as path from 'node:path';
import { buildConfig, LintEngine } from '../src/lint-engine';
import { handlersAt } from '../src/php-handlers';
import { isPathIncluded, normalizeSettings } from '../src/settings';
import { eslintFixEdit, minimalEdits } from '../src/text-edits';
import { disableForLineEdit } from '../src/disable-comment';

describe('server helpers', () => {
  it('normalizes partial, nested and malformed settings to the defaults field by field', () => {
    assert.deepEqual(normalizeSettings(null), {
      enable: true,
      run: 'onType',
      rules: {},
      include: ['**/*.php', '**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
      exclude: ['**/vendor/**', '**/node_modules/**', '**/storage/**', '**/bootstrap/cache/**', '**/*.blade.php'],
      reporter: 'auto',
      eslintRunsInEditor: false,
    });
    const settings = normalizeSettings({ secureLogout: { enable: 'yes', run: 'onSave', rules: { 'invalidate-session': 'warning', 'secure-logout/logout-guard': 0, x: 'loud' }, include: 'src' } });
    assert.equal(settings.enable, true);
    assert.equal(settings.run, 'onSave');
    assert.deepEqual(settings.rules, { 'secure-logout/invalidate-session': 'warn', 'secure-logout/logout-guard': 'off' });
    assert.deepEqual(settings.include, normalizeSettings({}).include);
  });

  it('matches include/exclude globs relative to the workspace folder', () => {
    const settings = normalizeSettings({});
    assert.equal(isPathIncluded('/ws/app/Http/Controllers/A.php', '/ws', settings), true);
    assert.equal(isPathIncluded('/ws/vendor/x/A.php', '/ws', settings), false);
    assert.equal(isPathIncluded('/ws/resources/views/a.blade.php', '/ws', settings), false);
    assert.equal(isPathIncluded('/ws/README.md', '/ws', settings), false);
    assert.equal(isPathIncluded('/ws/.github/a.js', '/ws', settings), true);
    assert.equal(isPathIncluded('/ws/app/A.php', '/ws', normalizeSettings({ exclude: ['app/**'] })), false);
  });

  it('applies severity overrides to the recommended config, keeps options, ignores unknown rules', () => {
    const config = buildConfig({ 'secure-logout/invalidate-session': 'warn', 'secure-logout/no-such-rule': 'error' });
    const php = config.find((block) => block.language === 'secure-logout/php')!;
    assert.equal(php.rules!['secure-logout/invalidate-session'], 'warn');
    assert.ok(!('secure-logout/no-such-rule' in php.rules!));
    // The untouched config is the plugin's own object.
    assert.equal(buildConfig({})[0], plugin.configs.recommended[0]);
  });

  it('rewrites a whole text as one minimal edit, never splitting a CRLF', () => {
    const document = TextDocument.create('file:///a.php', 'php', 1, 'a\r\nb\r\nc');
    const [edit] = minimalEdits(document, 'a\r\nB\r\nc');
    assert.deepEqual(edit, { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, newText: 'B' });
    const [crlf] = minimalEdits(document, 'a\nb\r\nc');
    assert.equal(TextDocument.applyEdits(document, [crlf!]), 'a\nb\r\nc');
    assert.deepEqual(minimalEdits(document, document.getText()), []);
  });

  it('places fixes of a file that starts with a byte order mark where ESLint meant them (its ranges count after the mark)', () => {
    const root = path.resolve(__dirname, '../../test-fixtures/laravel-sanctum-spa');
    const file = path.join(root, 'app/Http/Controllers/BomController.php');
    const body = "<?php\n\nnamespace App\\Http\\Controllers;\n\nuse Illuminate\\Support\\Facades\\Auth;\n\nclass BomController extends Controller\n{\n    public function logout()\n    {\n        if ($a) { Auth::guard('web')->logout(); }\n        return 1;\n    }\n}\n";
    const engine = new LintEngine();
    const fixed = engine.fixAll(`\uFEFF${body}`, file, root).output;
    assert.ok(fixed.startsWith("\uFEFF<?php"), 'the mark is kept');
    assert.ok(fixed.includes("Auth::guard('web')->logout();\n        request()->session()->invalidate();"), fixed);
    assert.equal(engine.fixAll(fixed, file, root).output, fixed);
    const [message] = engine.lint(`\uFEFF${body}`, file, root).messages;
    const fix = message!.suggestions![0]!.fix;
    const edit = eslintFixEdit(TextDocument.create('file:///a.php', 'php', 1, `\uFEFF${body}`), fix.range, fix.text);
    assert.deepEqual(edit.range.start, { line: 10, character: 47 });
  });

  it('writes the disable directive with the line’s indentation and the file’s line ending', () => {
    const document = TextDocument.create('file:///a.php', 'php', 1, '<?php\r\nfunction f() {\r\n\tAuth::logout();\r\n}\r\n');
    const edit = disableForLineEdit(document, 2, 'secure-logout/invalidate-session');
    assert.equal(TextDocument.applyEdits(document, [edit]), '<?php\r\nfunction f() {\r\n\t// eslint-disable-next-line secure-logout/invalidate-session\r\n\tAuth::logout();\r\n}\r\n');
  });

  it('finds the class method or closure (innermost first) around a position, with the namespaced class name', () => {
    const text = [
      '<?php',
      'namespace App\\Http\\Controllers;',
      'class SessionController {',
      '    public function destroy() {',
      '        Auth::logout();',
      '    }',
      '}',
      'Route::middleware("auth")->group(function () {',
      '    Route::post("/x", function () { Auth::logout(); });',
      '});',
    ].join('\n');
    const linter = new Linter({ configType: 'flat', cwd: '/ws' });
    linter.verify(text, plugin.configs.recommended as Linter.Config[], { filename: '/ws/a.php' });
    const program = linter.getSourceCode()!.ast;
    assert.deepEqual(handlersAt(program, 5, 8), [{ className: 'App\\Http\\Controllers\\SessionController', method: 'destroy' }]);
    assert.deepEqual(handlersAt(program, 9, 40), [
      { line: 9, column: 22 },
      { line: 8, column: 33 },
    ]);
    assert.deepEqual(handlersAt(program, 1, 0), []);
  });
});
