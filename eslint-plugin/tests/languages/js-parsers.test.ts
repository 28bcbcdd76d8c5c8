import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { MAX_NESTING, NESTING_TOO_DEEP, parseJs, TYPESCRIPT_NOT_INSTALLED } from '../../src/languages/js/js-parsers';
import { jsProjects } from '../support/js-projects';
import { sharedAcceptance } from '../../../scripts/test-support/environment';

/**
 * Without typescript-eslint (an optional peer) plain JS is parsed by espree. Our analysis reads
 * only ESTree shapes on JS files, so every JS project of the repository (and every shared
 * acceptance case) must get the same messages on its .js/.mjs/.cjs/.jsx files either way. Each
 * parser runs in its own process: the project model caches parsed modules, and one process must
 * not lend the other its trees.
 */
const ROOT = path.resolve(__dirname, '../../..');
const JS_FILE = /\.(?:[cm]?js|jsx)$/;

const LINT_ALL = `
const path = require('node:path');
const { ESLint } = require('eslint');
const plugin = require(${JSON.stringify(path.join(ROOT, 'eslint-plugin/src/index.ts'))});
(async () => {
  const out = {};
  for (const dir of JSON.parse(process.argv[1])) {
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended, ignorePatterns: ['expected.json'], errorOnUnmatchedPattern: false });
    for (const r of await eslint.lintFiles(['.'])) {
      // A syntax error is each parser's own sentence; where it is found is what must agree.
      out[path.relative(${JSON.stringify(ROOT)}, r.filePath)] = r.messages.map((m) => (m.fatal ? { line: m.line, fatal: true } : { line: m.line, column: m.column, rule: m.ruleId, message: m.message, fix: m.fix, suggestions: m.suggestions }));
    }
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

/** file (relative to the repository) → its messages, from a fresh process with `parser` forced. */
function lintAll(dirs: string[], parser: 'typescript-eslint' | 'espree'): Record<string, unknown[]> {
  return JSON.parse(
    execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', LINT_ALL, JSON.stringify(dirs)], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, SECURE_LOGOUT_JS_PARSER: parser },
    }),
  ) as Record<string, unknown[]>;
}

const pick = (all: Record<string, unknown[]>, keep: (file: string) => boolean) => Object.fromEntries(Object.entries(all).filter(([file]) => keep(file)));

describe('JS parsers: espree without typescript-eslint', function () {
  this.timeout(300_000);

  it('every JS project (and acceptance case) gets the same messages on its JS files from espree as from typescript-eslint', function () {
    const dirs = jsProjects();
    const [typescriptEslint, espree] = [lintAll(dirs, 'typescript-eslint'), lintAll(dirs, 'espree')];
    const js = (file: string) => JS_FILE.test(file);
    assert.deepEqual(pick(espree, js), pick(typescriptEslint, js));
    const findings = Object.values(pick(espree, js)).flat().length;
    const files = Object.keys(pick(espree, js)).length;
    // The repository's own projects alone (a fresh clone without ../shared) hold 34 JS files and 10 messages.
    const [minFiles, minFindings] = sharedAcceptance.present() ? [60, 15] : [30, 8];
    assert.ok(files >= minFiles && findings >= minFindings, `${files} JS files, ${findings} messages: too few to prove anything`);
    // TypeScript files without typescript-eslint: one parse-error line each where a logout could hide, nothing else.
    const typescript = Object.entries(pick(espree, (file) => !js(file) && /\.[cm]?tsx?$/.test(file)));
    assert.ok(typescript.length > 0);
    for (const [file, messages] of typescript) {
      for (const m of messages as { rule: string; message: string }[]) {
        assert.equal(m.rule, 'secure-logout/parse-error', file);
        assert.match(m.message, new RegExp(`Reason: ${TYPESCRIPT_NOT_INSTALLED}\\.$`), file);
      }
    }
  });

  describe('parseJs', function () {
    const overflow = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    const syntax = () => {
      throw new SyntaxError('Unexpected token');
    };
    const program = (depth: number) => {
      let node: object = { type: 'Identifier', name: 'a' };
      for (let i = 1; i < depth; i++) node = { type: 'UnaryExpression', operator: '!', argument: node };
      return node;
    };
    /** Runs `check` with SECURE_LOGOUT_JS_PARSER set as the equivalence run sets it. */
    function withParser(parser: 'typescript-eslint' | 'espree', check: () => void): void {
      process.env['SECURE_LOGOUT_JS_PARSER'] = parser;
      try {
        check();
      } finally {
        delete process.env['SECURE_LOGOUT_JS_PARSER'];
      }
    }

    it('falls back to espree for a JS file whose typescript-estree parse overflows the stack, and names the reason for a TS file', function () {
      withParser('typescript-eslint', () => {
        assert.deepEqual(parseJs('a.js', overflow, () => 'espree', () => ({})), { parsed: 'espree' });
        assert.deepEqual(parseJs('a.ts', overflow, () => 'espree', () => ({})), { unanalysed: NESTING_TOO_DEEP });
        assert.deepEqual(parseJs('a.js', overflow, overflow, () => ({})), { unanalysed: NESTING_TOO_DEEP });
      });
      assert.deepEqual(parseJs('a.ts', () => 'typescript-eslint', overflow, () => ({})), { parsed: 'typescript-eslint' });
    });

    it('declines a tree deeper than ESLint and our walks can recurse through, and takes one just within', function () {
      const within = program(MAX_NESTING);
      assert.equal((parseJs('a.ts', () => within, overflow, (p) => p) as { parsed: object }).parsed, within);
      assert.deepEqual(parseJs('a.ts', () => program(MAX_NESTING + 1), overflow, (p) => p), { unanalysed: NESTING_TOO_DEEP });
      withParser('espree', () => assert.deepEqual(parseJs('a.js', overflow, () => program(MAX_NESTING + 1), (p) => p), { unanalysed: NESTING_TOO_DEEP }));
    });

    it('passes a syntax error through (ESLint reports it), from either parser', function () {
      withParser('typescript-eslint', () => assert.throws(() => parseJs('a.js', syntax, () => 'espree', () => ({})), SyntaxError));
      withParser('espree', () => {
        assert.throws(() => parseJs('a.js', () => 'typescript-eslint', syntax, () => ({})), SyntaxError);
        assert.deepEqual(parseJs('a.mts', () => 'typescript-eslint', syntax, () => ({})), { unanalysed: TYPESCRIPT_NOT_INSTALLED });
      });
    });
  });
});
