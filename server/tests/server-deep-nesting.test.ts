import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture, LspSession } from './support/lsp-session';

/**
 * A generated fluent chain of 1,000 calls once ended as the fatal "Maximum call stack size
 * exceeded" from typescript-estree. Through the running server, on the Express + passport 0.7
 * app: the JS file is analysed (espree reads it), a chain too deep for ESLint's own recursion is
 * one parse-error warning naming the reason, and the server keeps answering afterwards.
 */
const FIXTURE = path.resolve(__dirname, '../../test-fixtures/express-passport07');
const INPUTS = path.resolve(__dirname, '../../eslint-plugin/tests/regressions/inputs');

describe('language server over stdio: expressions nested deeper than the parsers recurse', function () {
  this.timeout(60_000);
  let workspace: string;
  let session: LspSession;

  before(async () => {
    workspace = copyFixture(FIXTURE);
    session = new LspSession({ workspace, settings: {} });
    await session.initialize();
  });

  after(async () => {
    await session?.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  async function diagnosticsOf(input: string): Promise<string[]> {
    const started = performance.now();
    const uri = await session.open(path.join(workspace, 'src', input), fs.readFileSync(path.join(INPUTS, input), 'utf8'), 'javascript');
    const { diagnostics } = await session.diagnosticsFor(uri);
    assert.ok(performance.now() - started < 5_000, `${input}: ${Math.round(performance.now() - started)} ms`);
    await session.close(uri);
    return diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)} ${[d.message, ...(d.relatedInformation ?? []).map((r) => r.message)].join(' | ')}`);
  }

  it('a 1,000-call chain in a JS route module: the logout finding, as on a short file', async () => {
    const [finding, ...rest] = await diagnosticsOf('chain-1000.js');
    assert.deepEqual(rest, []);
    assert.match(finding!, /^8 secure-logout\/logout-callback req\.logout\(\) without a callback throws/);
  });

  it('a 2,000-call chain: one parse-error warning that says why, then the server still analyses the app', async () => {
    const [warning, ...rest] = await diagnosticsOf('chain-2000.js');
    assert.deepEqual(rest, []);
    assert.match(warning!, /^1 secure-logout\/parse-error secure-logout did not analyse this file.*expression nesting too deep for the parser/);
    const routes = await session.open(path.join(workspace, 'src/routes/session.js'), undefined, 'javascript');
    assert.deepEqual((await session.diagnosticsFor(routes)).diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)}`), ['10 secure-logout/logout-callback', '21 secure-logout/logout-callback']);
  });
});
