import * as fs from 'node:fs';
import { fixtureFile, jsRuleTester, plugin } from '../../support/js-rule-tester';

const rule = plugin.rules['await-logout'];
const koa = fixtureFile('koa6', 'src/app.js');
const fastify = fixtureFile('fastify-secure-session', 'src/server.js');

const KOA =
  'ctx.logout() returns a Promise: await it before responding. With koa-passport ^6.0.0, without await the response can be sent before the login is removed and the session regenerated, and a failed logout goes unnoticed.';

jsRuleTester().run('await-logout', rule, {
  valid: [
    { filename: koa, code: `router.post('/logout', async (ctx) => {\n  await ctx.logout();\n  ctx.redirect('/');\n});\n` },
    // Returned promises are awaited by the framework; `.then()` handles it explicitly.
    { filename: koa, code: `router.post('/logout', (ctx) => ctx.logout());\n` },
    { filename: koa, code: `router.post('/logout', (ctx) => {\n  return ctx.logout().then(() => ctx.redirect('/'));\n});\n` },
    // koa-passport 4 logs out synchronously.
    { filename: fixtureFile('koa4', 'src/app.js'), code: `router.post('/logout', async (ctx) => {\n  ctx.logout();\n  ctx.redirect('/');\n});\n` },
    { filename: fastify, code: `app.post('/logout', async (request, reply) => {\n  await request.logOut();\n  return reply.redirect('/');\n});\n` },
    // Token-only Fastify route: no session.
    { filename: fastify, code: `app.post('/logout', { preValidation: fastifyPassport.authenticate('bearer', { session: false }) }, async (request, reply) => {\n  request.logOut();\n  return reply.send({ ok: true });\n});\n` },
    // Fastify plugin: a bearer-only preHandler hook registered earlier in the same plugin.
    { filename: fastify, code: `module.exports = async function apiRoutes(fastify) {\n  fastify.addHook('preHandler', fastify.auth([fastify.verifyBearerToken]));\n  fastify.post('/logout', async (request, reply) => {\n    request.logOut();\n    return reply.send();\n  });\n};\n` },
    // A Koa router mounted (app.use(apiRouter.routes())) after a bearer-only use() in another module.
    { filename: fixtureFile('koa-mounted', 'src/routes/api.js'), code: fs.readFileSync(fixtureFile('koa-mounted', 'src/routes/api.js'), 'utf8') },
    // fastify.route({ preValidation: bearer, handler: sessions.logout }) in another module.
    { filename: fixtureFile('fastify-new-session', 'src/sessions-controller.js'), code: fs.readFileSync(fixtureFile('fastify-new-session', 'src/sessions-controller.js'), 'utf8') },
    // Front end: an API client's logout() is not awaited here, and that is nobody's session.
    { filename: fixtureFile('frontend', 'src/menu.jsx'), code: `import { logout } from './api';\nexport function Menu() {\n  return <button onClick={() => { logout(); }}>Log out</button>;\n}\n` },
  ],
  invalid: [
    {
      // The web router is mounted before the bearer-only use(); koa-passport's version is unknown ('*').
      filename: fixtureFile('koa-mounted', 'src/routes/web.js'),
      code: fs.readFileSync(fixtureFile('koa-mounted', 'src/routes/web.js'), 'utf8'),
      errors: [{ messageId: 'notAwaited', line: 6, data: { call: 'ctx.logout', lib: 'koa-passport, version unknown, assumed ≥ 6' }, suggestions: [{ messageId: 'addAwait', output: fs.readFileSync(fixtureFile('koa-mounted', 'src/routes/web.js'), 'utf8').replace('  ctx.logout();', '  await ctx.logout();') }] }],
    },
    {
      filename: koa,
      code: `router.post('/logout', async (ctx) => {\n  ctx.logout();\n  ctx.redirect('/');\n});\n`,
      errors: [{ message: KOA, line: 2, column: 3, suggestions: [{ messageId: 'addAwait', data: { call: 'ctx.logout' }, output: `router.post('/logout', async (ctx) => {\n  await ctx.logout();\n  ctx.redirect('/');\n});\n` }] }],
    },
    {
      // A non-async handler becomes async.
      filename: koa,
      code: `router.post('/logout', function (ctx) {\n  ctx.logOut();\n  ctx.body = 'bye';\n});\n`,
      errors: [{ messageId: 'notAwaited', data: { call: 'ctx.logOut', lib: 'koa-passport ^6.0.0' }, suggestions: [{ messageId: 'addAwait', data: { call: 'ctx.logOut' }, output: `router.post('/logout', async function (ctx) {\n  await ctx.logOut();\n  ctx.body = 'bye';\n});\n` }] }],
    },
    {
      filename: fastify,
      code: `app.post('/logout', async (request, reply) => {\n  request.logOut();\n  return reply.redirect('/');\n});\n`,
      errors: [
        {
          message:
            'request.logOut() returns a Promise: await it before responding. With @fastify/passport ^3.0.0, without await the response can be sent before the login is removed and the session regenerated, and a failed logout goes unnoticed.',
          suggestions: [{ messageId: 'addAwait', output: `app.post('/logout', async (request, reply) => {\n  await request.logOut();\n  return reply.redirect('/');\n});\n` }],
        },
      ],
    },
    {
      // fastify.route({ handler }) in TypeScript.
      filename: fixtureFile('fastify-new-session', 'src/routes.ts'),
      code: `import type { FastifyInstance, FastifyRequest, FastifyReply } from 'fastify';\nexport default async function routes(app: FastifyInstance) {\n  app.route({\n    method: 'POST',\n    url: '/logout',\n    handler: async (request: FastifyRequest, reply: FastifyReply) => {\n      void reply;\n      request.logout();\n      return { ok: true };\n    },\n  });\n}\n`,
      errors: [{ messageId: 'notAwaited', line: 8, suggestions: [{ messageId: 'addAwait', output: `import type { FastifyInstance, FastifyRequest, FastifyReply } from 'fastify';\nexport default async function routes(app: FastifyInstance) {\n  app.route({\n    method: 'POST',\n    url: '/logout',\n    handler: async (request: FastifyRequest, reply: FastifyReply) => {\n      void reply;\n      await request.logout();\n      return { ok: true };\n    },\n  });\n}\n` }] }],
    },
  ],
});
