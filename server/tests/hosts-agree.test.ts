import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import plugin = require('eslint-plugin-secure-logout');
import { SHARED_ACCEPTANCE_CASES, sharedAcceptance } from '../../scripts/test-support/environment';
import { LspSession } from './support/lsp-session';

/**
 * One analysis, thin hosts (issue 12): for every fixture project of the repository (the fixture
 * apps, each JS/TS shape and call-path project, and the shared acceptance cases when present),
 * the language server's workspace scan publishes exactly the (file, line, rule) findings that
 * `eslint` reports on the same files through configs.recommended.
 */
const ROOT = path.resolve(__dirname, '../..');
const NODE_FIXTURES = path.join(ROOT, 'eslint-plugin/tests/fixtures/node');

/** Project directories: folders with a package.json, composer.json or routes/ (the groups call-paths/ and shapes/ hold one project per folder). */
function projects(): string[] {
  const isProject = (dir: string) => ['package.json', 'composer.json', 'routes'].some((name) => fs.existsSync(path.join(dir, name)));
  const children = (dir: string) => fs.readdirSync(dir).map((name) => path.join(dir, name)).filter((child) => fs.statSync(child).isDirectory());
  const dirs = [...children(path.join(ROOT, 'test-fixtures')), ...children(NODE_FIXTURES).flatMap((dir) => (isProject(dir) ? [dir] : children(dir)))];
  if (sharedAcceptance.present()) dirs.push(...children(SHARED_ACCEPTANCE_CASES));
  return dirs.filter(isProject).sort();
}

/** What the scan leaves out by default (server settings `exclude`): dependencies, build output and tests. */
const NOT_SCANNED = /(^|\/)(vendor|node_modules|dist|build|tests?|storage)\//;

async function cliFindings(dir: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never, ignorePatterns: ['expected.json'], errorOnUnmatchedPattern: false });
  const results = await eslint.lintFiles(['.']);
  // Hosts that crash alike would agree too: a rule that gave up on a file is a failure here.
  const gaveUp = results.flatMap((r) => r.messages.filter((m) => m.messageId === 'analysisFailed').map((m) => `${r.filePath}: ${m.message}`));
  assert.deepEqual(gaveUp, []);
  return results
    .map((result) => ({ rel: path.relative(dir, result.filePath), messages: result.messages }))
    .filter(({ rel }) => !NOT_SCANNED.test(rel))
    // ESLint's own syntax errors (no rule id) stay with the CLI: in the editor they are the language support's job (lint-engine.ts).
    .flatMap(({ rel, messages }) => messages.filter((m) => m.ruleId !== null).map((m) => `${rel}:${m.line} ${m.ruleId}`))
    .sort();
}

async function serverFindings(dir: string): Promise<string[]> {
  const session = new LspSession({ workspace: dir, settings: {} });
  try {
    await session.initialize();
    await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'secure-logout.scanWorkspace', arguments: [] });
    // The last publication per file is what the editor shows.
    const latest = new Map(session.diagnostics.map((p) => [p.uri, p.diagnostics]));
    return [...latest]
      .flatMap(([uri, diagnostics]) => diagnostics.map((d) => `${path.relative(dir, fileURLToPath(uri))}:${d.range.start.line + 1} ${String(d.code)}`))
      .sort();
  } finally {
    await session.dispose();
  }
}

describe('the editor and eslint report the same findings on every fixture project', function () {
  this.timeout(60_000);
  const compared = { projects: 0, findings: 0 };
  for (const dir of projects()) {
    it(path.relative(ROOT, dir).replace(/^\.\.\/shared\//, 'shared/'), async () => {
      const cli = await cliFindings(dir);
      assert.deepEqual(await serverFindings(dir), cli);
      compared.projects++;
      compared.findings += cli.length;
    });
  }
  it('compared real findings, not only empty projects', () => {
    // Without ../shared the repository's own projects hold 45 findings in 53 projects; with it, 79 in 102.
    const [minProjects, minFindings] = sharedAcceptance.present() ? [100, 75] : [50, 40];
    assert.ok(compared.projects >= minProjects && compared.findings >= minFindings, `${compared.findings} findings in ${compared.projects} projects`);
    console.log(`      hosts agree: ${compared.findings} findings in ${compared.projects} projects`);
  });
});
