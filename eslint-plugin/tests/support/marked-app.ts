import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import plugin = require('../../src/index');
import { Analysis } from '../../../server/src/analysis';
import { ProjectRoots } from '../../../server/src/project-roots';
import { laravelApp } from '../project/laravel-app';
import { findingsOf } from './fixture-projects';

/**
 * A synthetic Laravel app whose PHP files mark their expected findings in place: a line ending
 * in `// expect: invalidate-session` (several ids separated by spaces) must be reported with
 * exactly those rules, and no other line may be reported.
 */
export function expectedFindings(files: Record<string, string>): string[] {
  const expected: string[] = [];
  for (const [rel, text] of Object.entries(files)) {
    text.split('\n').forEach((line, index) => {
      const marker = /\/\/ expect: ([\w\s-]+)$/.exec(line);
      for (const rule of marker?.[1]!.trim().split(/\s+/) ?? []) expected.push(`${rel}:${index + 1} secure-logout/${rule}`);
    });
  }
  return expected.sort();
}

/** The analysis the language server's lint worker runs, as it checks a file opened in the editor. */
const editorAnalysis = new Analysis(() => {});

function editorFindings(root: string, filePaths: readonly string[]): string[] {
  const roots = new ProjectRoots();
  roots.setWorkspaceFolders([root]);
  return filePaths.flatMap((filePath, index) => {
    const text = fs.readFileSync(filePath, 'utf8');
    const uri = `file://${filePath}`;
    const checked = editorAnalysis.check({ uri, languageId: 'php', version: index, text, filePath, root: roots.rootOf(filePath), rules: {}, purpose: 'open' });
    editorAnalysis.forget(uri);
    return checked.messages.map((m) => `${path.relative(root, filePath)}:${m.line} ${m.ruleId}`);
  });
}

/**
 * Lints the app through configs.recommended: exactly the marked findings, and the same ones in
 * the language server's analysis; every suggestion parses and removes its finding.
 */
export async function assertMarkedApp(files: Record<string, string>, options: Parameters<typeof laravelApp>[1] = {}): Promise<string> {
  const root = laravelApp(files, options);
  const expected = expectedFindings(files);
  assert.deepEqual(await findingsOf(root), expected);
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as Linter.Config[] as never });
  const results = await eslint.lintFiles(['.']);
  assert.deepEqual(editorFindings(root, results.map((r) => r.filePath)).sort(), expected, 'the language server reports what eslint reports');
  for (const result of results) {
    const text = fs.readFileSync(result.filePath, 'utf8');
    for (const message of result.messages) {
      // SHOW_FINDINGS=1 prints the messages, to read them while writing a shape.
      if (process.env['SHOW_FINDINGS']) console.log(`${path.relative(root, result.filePath)}:${message.line} ${message.ruleId}: ${message.message}`);
      for (const suggestion of message.suggestions ?? []) {
        const fixed = text.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + text.slice(suggestion.fix.range[1]);
        const [again] = await eslint.lintText(fixed, { filePath: result.filePath });
        const where = `${path.relative(root, result.filePath)}:${message.line} "${suggestion.desc}"`;
        assert.equal(again!.messages.filter((m) => m.fatal || m.ruleId === 'secure-logout/parse-error').length, 0, `${where} does not parse:\n${fixed}`);
        const count = (messages: Linter.LintMessage[]) => messages.filter((m) => m.ruleId === message.ruleId).length;
        assert.ok(count(again!.messages) < count(result.messages), `${where} leaves the finding:\n${fixed}`);
      }
    }
    await eslint.lintText(text, { filePath: result.filePath });
  }
  return root;
}
