import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { LaravelProjectModel } from '../../src/project/laravel';
import plugin = require('../../src/index');

/**
 * A hostile workspace: route includes that climb out of the project, a PSR-4 directory outside
 * it, a FIFO and a link to /dev/zero among the route files, includes that fan out twice per level,
 * and project files of the wrong shape. The model reads nothing outside the root, no special
 * file, finishes quickly and names what it refused; the rules never throw.
 */
const SANCTUM = path.resolve(__dirname, '../../../test-fixtures/laravel-sanctum-spa');
const config = plugin.configs.recommended as Linter.Config[];

const LOGOUT_CONTROLLER = `<?php

namespace Out;

use Illuminate\\Support\\Facades\\Auth;

class OutsideController
{
    public function destroy()
    {
        Auth::logout();
    }
}
`;

function hostileApp(): { base: string; root: string } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-boundary-'));
  const root = path.join(base, 'app');
  fs.cpSync(SANCTUM, root, { recursive: true });
  fs.mkdirSync(path.join(base, 'outside'));
  fs.writeFileSync(path.join(base, 'outside/OutsideController.php'), LOGOUT_CONTROLLER);
  fs.writeFileSync(path.join(base, 'outside/routes.php'), `<?php\nRoute::post('/secret', [\\Out\\OutsideController::class, 'destroy']);\n`);
  const composer = JSON.parse(fs.readFileSync(path.join(root, 'composer.json'), 'utf8')) as { autoload: { 'psr-4': Record<string, unknown> } };
  composer.autoload['psr-4'] = { 'App\\': 'app/', 'Out\\': '../outside/', 'Broken\\': 5, 'Odd\\': [null, 'app/'] };
  fs.writeFileSync(path.join(root, 'composer.json'), JSON.stringify(composer));
  const routes = path.join(root, 'routes');
  fs.symlinkSync('/dev/zero', path.join(routes, 'zero.php'));
  execFileSync('mkfifo', [path.join(routes, 'fifo.php')]);
  // Fan-out: each level requires the next one twice (2^20 walks without a bound).
  for (let level = 0; level < 20; level++) {
    const next = `__DIR__.'/fan${level + 1}.php'`;
    fs.writeFileSync(path.join(routes, `fan${level}.php`), `<?php\nrequire ${next};\nrequire ${next};\nRoute::get('/f${level}', fn () => 1);\n`);
  }
  fs.appendFileSync(
    path.join(routes, 'web.php'),
    [
      `require __DIR__.'/../../../../../../../../etc/passwd';`,
      `require '/proc/self/environ';`,
      `require __DIR__.'/../../outside/routes.php';`,
      `require __DIR__.'/zero.php';`,
      `require __DIR__.'/fifo.php';`,
      `require __DIR__.'/fan0.php';`,
      `Route::post('/out', [\\Out\\OutsideController::class, 'destroy']);`,
      '',
    ].join('\n'),
  );
  return { base, root };
}

describe('workspace boundary: the project model stays inside the root', function () {
  this.timeout(30_000);
  let app: { base: string; root: string };

  before(function () {
    app = hostileApp();
  });
  after(function () {
    fs.rmSync(app.base, { recursive: true, force: true });
  });

  it('reads no file outside the root and no special file, and names the refusals', function () {
    const model = new LaravelProjectModel(app.root);
    const started = performance.now();
    const routes = model.routes;
    assert.ok(performance.now() - started < 5_000, `${Math.round(performance.now() - started)} ms`);
    const realRoot = fs.realpathSync(app.root);
    const read = [...model.files.readsByPath.keys()].map((f) => fs.realpathSync(f));
    assert.deepEqual(read.filter((f) => !f.startsWith(realRoot + path.sep)), []);
    assert.ok(!routes.some((r) => JSON.stringify(r).includes('/secret')), 'no route from the outside route file');
    const refused = Object.fromEntries([...model.files.refused].map(([file, reason]) => [path.basename(file), reason]));
    assert.equal(refused['zero.php'], 'not a regular file');
    assert.equal(refused['fifo.php'], 'not a regular file');
    assert.equal(refused['passwd'], 'outside the project root');
    assert.equal(refused['environ'], 'outside the project root');
    assert.equal(refused['routes.php'], 'outside the project root');
    assert.equal(refused['OutsideController.php'], 'outside the project root');
  });

  it('lints a controller of that app within budget, without a rule giving up', async function () {
    const eslint = new ESLint({ cwd: app.root, overrideConfigFile: true, overrideConfig: config as never });
    const started = performance.now();
    const results = await eslint.lintFiles(['app/Http/Controllers']);
    assert.ok(performance.now() - started < 10_000);
    const messages = results.flatMap((r) => r.messages);
    assert.deepEqual(messages.filter((m) => m.fatal || m.messageId === 'analysisFailed'), []);
    assert.ok(messages.some((m) => m.ruleId === 'secure-logout/invalidate-session'), 'the app is still analysed');
  });
});

describe('workspace boundary: project files of the wrong shape', function () {
  this.timeout(30_000);
  const node = (manifest: string, lock?: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-shape-'));
    fs.writeFileSync(path.join(dir, 'package.json'), manifest);
    if (lock !== undefined) fs.writeFileSync(path.join(dir, 'package-lock.json'), lock);
    const handler = `const express = require('express');\nconst app = express();\napp.post('/logout', (req, res) => { req.logout(() => res.redirect('/')); });\n`;
    fs.writeFileSync(path.join(dir, 'server.js'), handler);
    return dir;
  };
  const cases: Record<string, [string, string?]> = {
    'package.json = null': ['null'],
    'package.json = []': ['[]'],
    'non-string version range': [JSON.stringify({ dependencies: { express: 4, passport: { v: 1 }, 'express-session': null } })],
    'dependencies = "x"': [JSON.stringify({ dependencies: 'x' })],
    'lock with non-string versions': [JSON.stringify({ dependencies: { passport: '^0.7.0' } }), JSON.stringify({ packages: { 'node_modules/passport': { version: 7 }, 'node_modules/x': null } })],
    'lock = null': [JSON.stringify({ dependencies: { passport: '^0.7.0' } }), 'null'],
  };
  for (const [name, [manifest, lock]] of Object.entries(cases)) {
    it(`${name}: lints without an exception or a rule giving up`, async function () {
      const dir = node(manifest, lock);
      try {
        const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config as never });
        const [result] = await eslint.lintFiles(['server.js']);
        assert.deepEqual(result!.messages.filter((m) => m.fatal || m.messageId === 'analysisFailed'), []);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('composer.json = null and non-string PSR-4 directories read as the conventional mapping', function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-shape-'));
    try {
      fs.cpSync(SANCTUM, dir, { recursive: true });
      for (const composer of ['null', JSON.stringify({ autoload: { 'psr-4': { 'App\\': 7 } } }), JSON.stringify({ autoload: { 'psr-4': { 'App\\': [{}, 'app/'] } } })]) {
        fs.writeFileSync(path.join(dir, 'composer.json'), composer);
        const model = new LaravelProjectModel(dir);
        assert.ok(model.routes.some((r) => JSON.stringify(r).includes('SpaSessionController')), composer);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
