import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unanalysedNodeRoutes, type UnanalysedRoute } from '../../src/project/node/unanalysed';
import { findingsOf, FIXTURES } from '../support/fixture-projects';

/**
 * Explainable silence in JS/TS (SPEC §2.3): what the analysis cannot see gets no finding, and the
 * Node project model names it, with the reason, in the shape the Laravel model uses.
 */
const rows = (root: string, routes: UnanalysedRoute[]) => routes.map((r) => `${path.relative(root, r.file).split(path.sep).join('/')}:${r.line} ${r.target} | ${r.reason}`);

function copy(name: string, into = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-unanalysed-'))): string {
  fs.cpSync(path.join(FIXTURES, name), into, { recursive: true });
  after(() => fs.rmSync(into, { recursive: true, force: true }));
  return into;
}

describe('Node project model: routes and logouts it could not analyse, and why (SPEC §2.3)', function () {
  this.timeout(60_000);

  it('express-unanalysed: a vendor handler, an unresolvable handler module, an unparsable and a missing router; no finding', async () => {
    const root = path.join(FIXTURES, 'express-unanalysed');
    // The only message is ESLint's own parse error of the broken router; no secure-logout finding.
    assert.deepEqual((await findingsOf(root)).map((f) => f.replace(/fatal: .*/, 'fatal')), ['src/routes/legacy.js:9 fatal']);
    const expected = [
      "src/app.js:14 sso.logout from '@acme/sso' | the handler comes from the installed package @acme/sso, which this analysis does not read (vendor code)",
      "src/app.js:15 signOut from './auth/sign-out' | the handler's module './auth/sign-out' cannot be resolved to a file of the project",
      "src/app.js:17 app.use('/legacy', legacy) | the router module src/routes/legacy.js could not be parsed: the routes it declares are not analysed",
      "src/app.js:18 app.use('/admin', require('./routes/admin')) | the router module './routes/admin' cannot be resolved to a file of the project: the routes it declares are not analysed",
    ];
    // The workspace scan asks for the whole project (or the part of it in a workspace folder); a hover for one file.
    assert.deepEqual(rows(root, unanalysedNodeRoutes(path.join(root, 'package.json'), false)), expected);
    assert.deepEqual(unanalysedNodeRoutes(path.join(root, 'src/controllers/composer.json'), false), []);
    assert.deepEqual(rows(root, unanalysedNodeRoutes(path.join(root, 'src/app.js'), true)), expected);
    assert.deepEqual(unanalysedNodeRoutes(path.join(root, 'src/controllers/session-controller.js'), true), []);
  });

  it('a router module over the size cap is named as not read, with the cap', () => {
    const root = copy('express-unanalysed');
    fs.writeFileSync(path.join(root, 'src/routes/admin.js'), `// generated\n${'const x = 1;\n'.repeat(90_000)}`);
    const admin = rows(root, unanalysedNodeRoutes(path.join(root, 'src/app.js'), true)).filter((r) => r.startsWith('src/app.js:18 '));
    assert.deepEqual(admin, ["src/app.js:18 app.use('/admin', require('./routes/admin')) | the router module src/routes/admin.js was not read (larger than 1000000 bytes): the routes it declares are not analysed"]);
  });

  it('Fastify route({ url, handler }) to a package handler, and a path alias: named; an inline handler is not', () => {
    const root = copy('node-no-manifest');
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ dependencies: { fastify: '^4.28.0', '@fastify/passport': '^2.5.0', '@fastify/session': '^10.9.0', 'fastify-sso': '^1.0.0' } }));
    fs.writeFileSync(
      path.join(root, 'src/server.js'),
      [
        "const sso = require('fastify-sso');",
        "const { signOut } = require('@/auth/sign-out');",
        '',
        "fastify.route({ method: 'POST', url: '/logout', handler: sso.logout });",
        "fastify.post('/signout', signOut);",
        "fastify.post('/log-out', async (request) => { await request.logOut(); });",
        "fastify.post('/sso/logout', sso.logoutHandler({ redirect: '/' }));",
        "fastify.post('/logout-safe', catchAsync(async (request) => { await request.logOut(); }));",
        '',
      ].join('\n'),
    );
    assert.deepEqual(rows(root, unanalysedNodeRoutes(path.join(root, 'src/server.js'), true)), [
      "src/server.js:4 sso.logout from 'fastify-sso' | the handler comes from the installed package fastify-sso, which this analysis does not read (vendor code)",
      "src/server.js:5 signOut from '@/auth/sign-out' | '@/auth/sign-out' is neither a relative import nor a declared package (a path alias?): the handler is not followed",
      "src/server.js:7 sso.logoutHandler({ redirect: '/' }) from 'fastify-sso' | the handler comes from the installed package fastify-sso, which this analysis does not read (vendor code)",
    ]);
  });

  it('a workspace folder holding several projects (api/, web/): the scan lists each server project, a front end has nothing', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-monorepo-'));
    after(() => fs.rmSync(root, { recursive: true, force: true }));
    copy('express-unanalysed', path.join(root, 'api'));
    fs.mkdirSync(path.join(root, 'web/src'), { recursive: true });
    fs.writeFileSync(path.join(root, 'web/package.json'), JSON.stringify({ dependencies: { react: '^18.3.0' } }));
    fs.writeFileSync(path.join(root, 'web/src/menu.jsx'), 'export function Menu({ req }) {\n  return <button onClick={() => req.logout()}>Log out</button>;\n}\n');
    const found = rows(root, unanalysedNodeRoutes(path.join(root, 'composer.json'), false));
    assert.deepEqual(found.map((row) => row.split(' ')[0]), ['api/src/app.js:14', 'api/src/app.js:15', 'api/src/app.js:17', 'api/src/app.js:18']);
  });

  it('no package.json in the folder or above: no finding, and each request logout is named with the reason', async () => {
    const root = copy('node-no-manifest');
    assert.deepEqual(await findingsOf(root), []);
    const reason = 'no package.json in this folder or above: which server libraries (passport, express-session, …) and versions this code uses is unknown, so its logouts are not judged';
    assert.deepEqual(rows(root, unanalysedNodeRoutes(path.join(root, 'composer.json'), false)), [`src/server.js:6 req.logout() | ${reason}`]);
    assert.deepEqual(rows(root, unanalysedNodeRoutes(path.join(root, 'src/server.js'), true)), [`src/server.js:6 req.logout() | ${reason}`]);
  });

  it('a package.json that is not valid JSON: no finding, and the logout is named with the JSON error', async () => {
    const root = path.join(FIXTURES, 'node-invalid-manifest');
    assert.deepEqual(await findingsOf(root), []);
    const [row, ...rest] = rows(root, unanalysedNodeRoutes(path.join(root, 'src/server.js'), false));
    assert.deepEqual(rest, []);
    assert.match(row!, /^src\/server\.js:6 req\.logout\(\) \| package\.json is not valid JSON \(.+\): its libraries and versions are unknown, so its logouts are not judged$/);
  });

  it('a package.json that is a FIFO is not read (no hang): the logout is named with the reason', function () {
    if (process.platform === 'win32') this.skip(); // FIFOs are a POSIX shape
    const root = copy('node-no-manifest');
    execFileSync('mkfifo', [path.join(root, 'package.json')]);
    assert.deepEqual(rows(root, unanalysedNodeRoutes(path.join(root, 'src/server.js'), true)), [
      'src/server.js:6 req.logout() | package.json could not be read (not a regular file): its libraries and versions are unknown, so its logouts are not judged',
    ]);
  });

  it('a package.json that declares no server auth library: the request logout is named, a component calling props.logout() is not', () => {
    const root = copy('node-no-manifest');
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ dependencies: { express: '^4.19.2' } }));
    fs.writeFileSync(path.join(root, 'src/menu.jsx'), 'export function Menu(props) {\n  return <button onClick={() => props.logout()}>Log out</button>;\n}\n');
    assert.deepEqual(rows(root, unanalysedNodeRoutes(path.join(root, 'package.json'), false)), [
      'src/server.js:6 req.logout() | package.json declares no server auth library this analysis knows (passport, express-session, cookie-session, koa-passport, @fastify/passport, @adonisjs/auth): the logout\'s library is unknown, so it is not judged',
    ]);
  });
});
