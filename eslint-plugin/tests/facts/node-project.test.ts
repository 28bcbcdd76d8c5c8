import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectFor } from '../../src/project/node/node-project';
import { rangeFloor } from '../../src/facts/node/versions';

function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-node-project-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const manifest = JSON.stringify({ dependencies: { passport: '^0.5.0', '@fastify/session': '^11.0.0' }, devDependencies: { 'koa-passport': '*' } });

describe('Node project facts: versions from package.json and lock files', function () {
  it('takes the lowest version a range admits', function () {
    assert.deepEqual(rangeFloor('^0.7.0'), [0, 7, 0]);
    assert.deepEqual(rangeFloor('~11.1'), [11, 1, 0]);
    assert.deepEqual(rangeFloor('>=0.6.0 <0.8'), [0, 6, 0]);
    assert.deepEqual(rangeFloor('^0.5.3 || ^0.7.0'), [0, 5, 3]);
    assert.deepEqual(rangeFloor('1.x'), [1, 0, 0]);
    assert.deepEqual(rangeFloor('npm:passport@0.6.0'), [0, 6, 0]);
    assert.equal(rangeFloor('latest'), null);
    assert.equal(rangeFloor('*'), null);
    assert.equal(rangeFloor('github:jaredhanson/passport'), null);
    // The hand-written subset read these as 0.7.0 and 0.5.3.
    assert.deepEqual(rangeFloor('<0.7.0'), [0, 0, 0]);
    assert.deepEqual(rangeFloor('>0.5.3'), [0, 5, 4]);
    assert.deepEqual(rangeFloor('0.5.1 - 0.7'), [0, 5, 1]);
    assert.deepEqual(rangeFloor('^0.6.0-beta.1'), [0, 6, 0]);
    assert.equal(rangeFloor('workspace:*'), null);
    assert.equal(rangeFloor('file:../passport'), null);
  });

  it('judges a declared range below a threshold by its floor: passport <0.7.0 admits 0.5, >0.5.3 does not admit 0.5.3', function () {
    const below = project({ 'package.json': JSON.stringify({ dependencies: { passport: '<0.7.0' } }) });
    assert.equal(projectFor(path.join(below, 'app.js'))!.atLeast('passport', [0, 6, 0]), false);
    const above = project({ 'package.json': JSON.stringify({ dependencies: { passport: '>0.5.3' } }) });
    assert.equal(projectFor(path.join(above, 'app.js'))!.atLeast('passport', [0, 5, 4]), true);
  });

  it('prefers the package-lock.json version over the declared range', function () {
    const root = project({
      'package.json': manifest,
      'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/passport': { version: '0.6.0' }, 'node_modules/x/node_modules/passport': { version: '0.4.1' } } }),
    });
    const p = projectFor(path.join(root, 'src', 'app.js'))!;
    assert.equal(p.root, root);
    assert.deepEqual(p.dependency('passport'), { name: 'passport', declared: '^0.5.0', version: [0, 6, 0], source: 'lock' });
    assert.equal(p.atLeast('passport', [0, 6, 0]), true);
    assert.equal(p.describe('passport'), 'passport 0.6.0');
    // Declared without a readable version: unknown, never guessed.
    assert.equal(p.atLeast('koa-passport', [6, 0, 0]), null);
    assert.equal(p.dependency('express'), null);
  });

  it('reads yarn.lock (classic) and pnpm-lock.yaml', function () {
    const yarn = project({
      'package.json': manifest,
      'yarn.lock': '# yarn lockfile v1\n\n"@fastify/session@^11.0.0":\n  version "11.1.2"\n  resolved "https://registry.yarnpkg.com/x"\n\npassport@^0.5.0, passport@^0.5.3:\n  version "0.5.3"\n',
    });
    const y = projectFor(path.join(yarn, 'index.js'))!;
    assert.equal(y.describe('passport'), 'passport 0.5.3');
    assert.equal(y.describe('@fastify/session'), '@fastify/session 11.1.2');
    const pnpm = project({
      'package.json': manifest,
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n\npackages:\n\n  '@fastify/session@11.1.6':\n    resolution: {integrity: sha512-x}\n\n  passport@0.7.0:\n    resolution: {integrity: sha512-y}\n",
    });
    const q = projectFor(path.join(pnpm, 'src', 'deep', 'file.ts'))!;
    assert.equal(q.describe('passport'), 'passport 0.7.0');
    assert.equal(q.atLeast('@fastify/session', [11, 1, 3]), true);
  });

  it('reads yarn berry locks; a package locked at two versions has no single one', function () {
    const berry = project({
      'package.json': manifest,
      'yarn.lock': '__metadata:\n  version: 8\n  cacheKey: 10c0\n\n"passport@npm:^0.5.0":\n  version: 0.5.3\n  resolution: "passport@npm:0.5.3"\n\n"@fastify/session@npm:^11.0.0, @fastify/session@npm:^11.1.0":\n  version: 11.1.6\n  resolution: "@fastify/session@npm:11.1.6"\n\n"koa-passport@npm:^4.0.0":\n  version: 4.1.4\n\n"koa-passport@npm:^6.0.0":\n  version: 6.0.0\n',
    });
    const b = projectFor(path.join(berry, 'index.js'))!;
    assert.equal(b.describe('passport'), 'passport 0.5.3');
    assert.equal(b.atLeast('@fastify/session', [11, 1, 3]), true);
    assert.equal(b.lockedVersion('koa-passport'), null);
  });

  it('reads pnpm-lock.yaml v6 and v9: the project\'s own dependencies exactly, other packages by their keys', function () {
    const v6 = project({
      'package.json': manifest,
      'pnpm-lock.yaml': "lockfileVersion: '6.0'\n\ndependencies:\n  passport:\n    specifier: ^0.5.0\n    version: 0.5.3\n\npackages:\n\n  /passport@0.5.3:\n    resolution: {integrity: sha512-a}\n\n  /passport@0.7.0:\n    resolution: {integrity: sha512-b}\n\n  /@fastify/session@11.1.2(fastify@4.0.0):\n    resolution: {integrity: sha512-c}\n",
    });
    const p6 = projectFor(path.join(v6, 'index.js'))!;
    assert.equal(p6.describe('passport'), 'passport 0.5.3');
    assert.equal(p6.describe('@fastify/session'), '@fastify/session 11.1.2');
    const v9 = project({
      'package.json': manifest,
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      passport:\n        specifier: ^0.5.0\n        version: 0.7.0\n\npackages:\n\n  passport@0.5.3:\n    resolution: {integrity: sha512-a}\n\n  passport@0.7.0:\n    resolution: {integrity: sha512-b}\n",
    });
    assert.equal(projectFor(path.join(v9, 'index.js'))!.describe('passport'), 'passport 0.7.0');
    // A broken lock file leaves the ranges to decide.
    const broken = project({ 'package.json': manifest, 'pnpm-lock.yaml': 'packages: [unclosed\n' });
    assert.equal(projectFor(path.join(broken, 'index.js'))!.describe('passport'), 'passport ^0.5.0');
  });

  it('re-reads package.json when it changes (editor sessions)', function () {
    const root = project({ 'package.json': JSON.stringify({ dependencies: { passport: '0.5.3' } }) });
    const file = path.join(root, 'app.js');
    assert.equal(projectFor(file)!.atLeast('passport', [0, 6, 0]), false);
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ dependencies: { passport: '0.7.0' } }));
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(root, 'package.json'), later, later);
    assert.equal(projectFor(file)!.atLeast('passport', [0, 6, 0]), true);
  });
});
