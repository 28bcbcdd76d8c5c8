import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * A PHP-only run never loads (or even resolves) TypeScript or typescript-eslint's parser, and a
 * JS-only run never loads php-parser: each language's machinery loads on its first file. The same
 * holds for our own analyses: a PHP-only run loads none of the Node analysis (analysis, project
 * and facts under node/, but the JS prefilter's word list), a JS-only run none of the Laravel one. Checked in a fresh process, whose
 * module resolutions are recorded by a hook installed before the plugin is loaded.
 */
const ROOT = path.resolve(__dirname, '../../..');
const LARAVEL_APP = path.join(ROOT, 'test-fixtures/laravel-sanctum-spa');
const EXPRESS_APP = path.join(ROOT, 'test-fixtures/express-passport07');
const NEST_APP = path.join(ROOT, 'test-fixtures/nestjs');

const PROBE = `
const Module = require('node:module');
const resolved = new Set();
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = /^(typescript|php-parser|@typescript-eslint\\/(parser|typescript-estree))(\\/|$)/.exec(request);
  if (m && !request.endsWith('/package.json')) resolved.add(m[1]);
  return original.call(this, request, ...rest);
};
const { ESLint } = require('eslint');
const plugin = require(${JSON.stringify(path.join(ROOT, 'eslint-plugin/src/index.ts'))});
(async () => {
  const out = {};
  for (const [label, dir] of JSON.parse(process.argv[1])) {
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
    const results = await eslint.lintFiles(['.']);
    // The JS parser's word list (facts/node/relevant-text) is not analysis: the JS prefilter loads it with the parser.
    const analyses = new Set(Object.keys(require.cache).filter((file) => !/relevant-text\\.ts$/.test(file)).flatMap((file) => /[\\\\/]src[\\\\/](?:analysis|project|facts)[\\\\/](laravel|node)[\\\\/]/.exec(file)?.[1] ?? []));
    out[label] = { findings: results.flatMap((r) => r.messages.map((m) => m.ruleId)).filter(Boolean).sort(), loaded: [...resolved].sort(), analyses: [...analyses].sort() };
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

function probe(runs: [string, string][]): Record<string, { findings: string[]; loaded: string[]; analyses: string[] }> {
  // \`-e\` from the repository root, so the probe resolves eslint as the tests do.
  return JSON.parse(execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', PROBE, JSON.stringify(runs)], { cwd: ROOT, encoding: 'utf8' }));
}

describe('each language loads its parser on its first file', function () {
  this.timeout(120_000);

  it('a PHP-only run resolves neither typescript nor typescript-eslint, nor does plain JS (espree reads it); the first TypeScript file loads them', function () {
    const out = probe([['php', LARAVEL_APP], ['then js', EXPRESS_APP], ['then ts', NEST_APP]]);
    assert.ok(out['php']!.findings.includes('secure-logout/invalidate-session'), 'the PHP app was analysed');
    assert.deepEqual(out['php']!.loaded, ['php-parser']);
    assert.deepEqual(out['php']!.analyses, ['laravel'], 'a PHP-only run loads no Node analysis module');
    assert.ok(out['then js']!.findings.length > 0, 'the JS app was analysed');
    assert.deepEqual(out['then js']!.loaded, ['php-parser']);
    assert.ok(out['then ts']!.findings.length > 0, 'the TypeScript app was analysed');
    assert.deepEqual(out['then ts']!.loaded, ['@typescript-eslint/parser', '@typescript-eslint/typescript-estree', 'php-parser', 'typescript']);
  });

  it('a JS-only run does not load php-parser', function () {
    const out = probe([['js', EXPRESS_APP]]);
    assert.ok(out['js']!.findings.length > 0, 'the JS app was analysed');
    assert.ok(!out['js']!.loaded.includes('php-parser'), `loaded: ${out['js']!.loaded.join(', ')}`);
    assert.deepEqual(out['js']!.analyses, ['node'], 'a JS-only run loads no Laravel analysis module');
  });
});
