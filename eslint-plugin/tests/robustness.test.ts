import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Linter } from 'eslint';
import plugin = require('../src/index');

/**
 * Half-typed code is the normal state of a file in an editor: every prefix of every fixture
 * handler must lint without an exception and without a fatal message from our PHP language.
 */
const FIXTURES = path.resolve(__dirname, '../../test-fixtures');
const config = plugin.configs.recommended as Linter.Config[];

function handlerFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'vendor') handlerFiles(full, out);
    else if (/\.(php|js|ts)$/.test(entry.name) && /logout|session/i.test(fs.readFileSync(full, 'utf8'))) out.push(full);
  }
  return out;
}

describe('robustness: every prefix of every fixture handler', function () {
  this.timeout(120_000);
  const files = handlerFiles(FIXTURES);

  it('finds handler files to cut', function () {
    assert.ok(files.length >= 10, `${files.length} files`);
  });

  for (const file of files) {
    it(path.relative(FIXTURES, file), function () {
      const text = fs.readFileSync(file, 'utf8');
      const linter = new Linter({ cwd: path.dirname(file) });
      const step = Math.max(1, Math.floor(text.length / 60));
      for (let end = 0; end <= text.length; end += step) {
        const prefix = text.slice(0, end);
        let messages: Linter.LintMessage[] = [];
        assert.doesNotThrow(() => {
          messages = linter.verify(prefix, config, { filename: file });
        }, `prefix of ${end} characters`);
        // JS/TS parsers report syntax errors as fatal parsing errors (that is ESLint's contract for
        // JS); the PHP language never does.
        if (file.endsWith('.php')) assert.deepEqual(messages.filter((m) => m.fatal), [], `prefix of ${end} characters`);
      }
    });
  }
});
