import * as assert from 'node:assert/strict';
import { parseDotEnv, readComposerJson, readComposerLock, resolveSetting, versionAtLeast } from '../../src/facts/laravel/config';
import { evaluate, lookup, returnedValue } from '../../src/facts/laravel/config-values';
import { FileScope } from '../../src/facts/laravel/file-scope';
import type { PhpNode } from '../../src/languages/php/php-ast';
import { parsePhp, defaultPhpParseOptions } from '../../src/languages/php/parse-php';

const php = (text: string) => parsePhp(text, 'config.php', { ...defaultPhpParseOptions, prefilter: false });

describe('config facts', () => {
  it('.env: quotes, export, comments and line numbers', () => {
    const env = parseDotEnv('# comment\nexport SESSION_DRIVER="redis"\nAPP_NAME=\'My App\'\nAUTH_GUARD=web # trailing\n\nBROKEN LINE\n');
    assert.deepEqual(Object.fromEntries(env), { SESSION_DRIVER: { value: 'redis', line: 2 }, APP_NAME: { value: 'My App', line: 3 }, AUTH_GUARD: { value: 'web', line: 4 } });
  });

  it("env('X', default): .env wins, else the default, else unknown — each with its source", () => {
    const value = lookup(returnedValue(php("<?php\n\nreturn [\n    'driver' => env('SESSION_DRIVER', 'database'),\n    'other' => env('NOPE'),\n];\n")), 'driver');
    assert.deepEqual(resolveSetting(value, 'config/session.php', parseDotEnv('SESSION_DRIVER=file\n')), { value: 'file', source: '.env:1 (SESSION_DRIVER)' });
    assert.deepEqual(resolveSetting(value, 'config/session.php', undefined), { value: 'database', source: "config/session.php:4 (default of env('SESSION_DRIVER'), no .env file)", fromDefault: true });
    const other = lookup(returnedValue(php("<?php\n\nreturn [\n    'other' => env('NOPE'),\n];\n")), 'other');
    assert.deepEqual(resolveSetting(other, 'config/x.php', new Map()), { value: undefined, source: "config/x.php:4 (env('NOPE') without a value)" });
  });

  it('static evaluation: ::class through imports, concatenation, __DIR__, dirname(), unknown calls', () => {
    const program = php("<?php\n\nuse Illuminate\\Auth\\Middleware\\Authenticate;\n\nreturn [Authenticate::class.':sanctum', __DIR__.'/x.php', dirname(__DIR__).'/y.php', foo()];\n");
    const list = evaluate(program.children[1]!['expr'] as PhpNode, { scope: new FileScope(program), dir: '/app/routes' });
    assert.equal(list.kind, 'array');
    assert.deepEqual(
      list.kind === 'array' ? list.entries.map((e) => (e.value.kind === 'string' ? e.value.value : e.value.kind)) : [],
      ['Illuminate\\Auth\\Middleware\\Authenticate:sanctum', '/app/routes/x.php', '/app/y.php', 'unknown'],
    );
  });

  it('composer.json PSR-4 (longest prefix first) and composer.lock versions; version comparison', () => {
    const composer = readComposerJson(JSON.stringify({ require: { 'laravel/framework': '^10.0' }, autoload: { 'psr-4': { 'App\\': 'app/', 'App\\Domain\\': ['src/Domain/', 'lib/'] } } }));
    assert.deepEqual(composer, { psr4: [['App\\Domain\\', ['src/Domain/', 'lib/']], ['App\\', ['app/']]], requiresLaravel: true });
    assert.equal(readComposerLock(JSON.stringify({ packages: [{ name: 'laravel/framework', version: 'v9.43.0' }] }))!.get('laravel/framework'), '9.43.0');
    assert.equal(readComposerLock('not json'), undefined);
    assert.equal(versionAtLeast('9.43.0', '9.44.0'), false);
    assert.equal(versionAtLeast('9.44.0', '9.44.0'), true);
    assert.equal(versionAtLeast('10.0.0', '9.44.0'), true);
    assert.equal(versionAtLeast('dev-main', '9.44.0'), undefined);
    assert.equal(versionAtLeast(undefined, '9.44.0'), undefined);
  });
});
