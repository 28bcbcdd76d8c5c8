import * as fs from 'node:fs';
import { fixtureFile, jsRuleTester, plugin } from '../../support/js-rule-tester';

const rule = plugin.rules['invalidate-session'];
const old = fixtureFile('passport05', 'src/app.js');

function route(handler: string): string {
  return `const express = require('express');\nconst app = express();\n\napp.post('/logout', ${handler});\n\nmodule.exports = app;\n`;
}

/** An Adonis controller file of the fixture project, with `body` as the destroy method's body. */
function controller(name: string, cls: string, params: string, body: string): { filename: string; code: string } {
  const filename = fixtureFile('adonis', `app/controllers/${name}.ts`);
  return { filename, code: `import type { HttpContext } from '@adonisjs/core/http'\n\nexport default class ${cls} {\n  async destroy(${params}: HttpContext) {\n${body}\n  }\n}\n` };
}

const PASSPORT_05 =
  'Old session survives req.logout() (passport < 0.6): regenerate or destroy the session after it. With passport 0.5.3 (CVE-2022-25896), the logout only removes the user from the session: the session id and the server-side session record survive, so the old session cookie keeps its session. Upgrading passport to 0.6 or later also fixes it.';

const tokensController = fs.readFileSync(fixtureFile('adonis', 'app/controllers/tokens_controller.ts'), 'utf8');

jsRuleTester().run('invalidate-session', rule, {
  valid: [
    // passport 0.5 followed by regenerate / destroy.
    { filename: old, code: route(`(req, res, next) => {\n  req.logout();\n  req.session.regenerate((err) => {\n    if (err) return next(err);\n    res.redirect('/');\n  });\n}`) },
    { filename: old, code: route(`(req, res) => {\n  req.logout();\n  req.session.destroy(() => res.redirect('/'));\n}`) },
    // passport ≥ 0.6 regenerates by itself.
    { filename: fixtureFile('passport07', 'src/app.js'), code: route(`(req, res, next) => {\n  req.logout((err) => (err ? next(err) : res.redirect('/')));\n}`) },
    // cookie-session: `req.session = null` is the logout.
    { filename: fixtureFile('cookie-session-only', 'src/app.js'), code: route(`(req, res) => {\n  req.session = null;\n  res.redirect('/');\n}`) },
    { filename: fixtureFile('passport05-cookie', 'src/app.js'), code: route(`(req, res) => {\n  req.logout();\n  req.session = null;\n  res.redirect('/');\n}`) },
    // express-session with unset: 'destroy': dropping req.session deletes the record.
    { filename: fixtureFile('express-session-only', 'src/app.js'), code: `const session = require('express-session');\nconst app = require('express')();\napp.use(session({ secret: 's', unset: 'destroy' }));\napp.post('/logout', (req, res) => {\n  req.session = null;\n  res.end();\n});\n` },
    // Koa: ctx.session = null is koa-session's documented logout.
    { filename: fixtureFile('koa6', 'src/app.js'), code: `router.post('/logout', async (ctx) => {\n  await ctx.logout();\n  ctx.session = null;\n});\n` },
    // AdonisJS: logout + clear + regenerate, in either order; ctx form.
    controller('session_controller', 'SessionController', '{ auth, session, response }', `    await auth.use('web').logout()\n    session.clear()\n    session.regenerate()\n    return response.redirect('/login')`),
    controller('session_controller', 'SessionController', 'ctx', `    ctx.session.regenerate()\n    await ctx.auth.use('web').logout()\n    ctx.session.clear()`),
    // AdonisJS: a token guard logout is not a session logout.
    controller('session_controller', 'SessionController', '{ auth }', `    await auth.use('api').invalidateToken()`),
    // Token-only Adonis route (guards: ['api']): deleting the token is the whole logout.
    { filename: fixtureFile('adonis', 'app/controllers/api_tokens_controller.ts'), code: tokensController.replace(/TokensController/g, 'ApiTokensController') },
    // Front end: no server library in package.json.
    { filename: fixtureFile('frontend', 'src/api.js'), code: `export async function logout(http) {\n  await http.post('/logout');\n  http.session = null;\n}\n` },
  ],
  invalid: [
    {
      filename: old,
      code: route(`(req, res) => {\n  req.logout();\n  res.redirect('/');\n}`),
      errors: [
        {
          message: PASSPORT_05,
          line: 5,
          suggestions: [
            {
              messageId: 'jsAddRegenerate',
              data: { receiver: 'req', method: 'logout' },
              output: route(`(req, res, next) => {\n  req.logout();\n  req.session.regenerate((err) => {\n    if (err) return next(err);\n    res.redirect('/');\n  });\n}`),
            },
            {
              messageId: 'jsAddDestroy',
              data: { receiver: 'req', method: 'logout' },
              output: route(`(req, res, next) => {\n  req.logout();\n  req.session.destroy((err) => {\n    if (err) return next(err);\n    res.redirect('/');\n  });\n}`),
            },
          ],
        },
      ],
    },
    {
      // passport 0.5 logout + `req.session = null` (a no-op under express-session): one root cause, one finding.
      filename: old,
      code: route(`(req, res) => {\n  req.logout();\n  req.session = null;\n  res.redirect('/');\n}`),
      errors: [
        {
          messageId: 'jsPassportNotInvalidated',
          line: 5,
          suggestions: [
            { messageId: 'jsAddRegenerate', output: route(`(req, res, next) => {\n  req.logout();\n  req.session.regenerate((err) => {\n    if (err) return next(err);\n    req.session = null;\n    res.redirect('/');\n  });\n}`) },
            { messageId: 'jsAddDestroy', output: route(`(req, res, next) => {\n  req.logout();\n  req.session.destroy((err) => {\n    if (err) return next(err);\n    req.session = null;\n    res.redirect('/');\n  });\n}`) },
          ],
        },
      ],
    },
    {
      // Regenerated on one branch only: the other path still keeps the session.
      filename: old,
      code: route(`(req, res, next) => {\n  req.logout();\n  if (req.query.all) {\n    return req.session.regenerate(next);\n  }\n  res.end();\n}`),
      errors: [{ messageId: 'jsPassportNotInvalidated', data: { passport: 'passport 0.5.3', receiver: 'req', method: 'logout', path: ' on some paths' }, suggestions: [] }],
    },
    {
      filename: fixtureFile('passport05-cookie', 'src/app.js'),
      code: route(`(req, res) => {\n  req.logout();\n  res.redirect('/');\n}`),
      errors: [
        {
          message: 'Cookie session survives req.logout(): set req.session = null to end it. With cookie-session, the logout leaves the signed session cookie and all its other data in place.',
          suggestions: [{ messageId: 'jsSetSessionNull', output: route(`(req, res) => {\n  req.logout();\n  req.session = null;\n  res.redirect('/');\n}`) }],
        },
      ],
    },
    {
      filename: fixtureFile('express-session-only', 'src/index.js'),
      code: route(`(req, res) => {\n  req.session = null;\n  res.redirect('/login');\n}`),
      errors: [
        {
          message:
            "`req.session = null` leaves the session in the store: call req.session.destroy(callback). Under express-session's default unset: 'keep', it does not touch the session store: the session record, login included, survives and the old session cookie keeps working.",
          line: 5,
          suggestions: [{ messageId: 'jsUseDestroy', output: route(`(req, res, next) => {\n  req.session.destroy((err) => {\n    if (err) return next(err);\n    res.redirect('/login');\n  });\n}`) }],
        },
      ],
    },
    {
      filename: fixtureFile('express-session-only', 'src/index.ts'),
      code: `import type { Request, Response } from 'express';\nexport function logout(req: Request, res: Response) {\n  delete (req as any).session;\n  res.end();\n}\n`,
      errors: [
        {
          messageId: 'jsSessionUnsetKeeps',
          line: 3,
          suggestions: [
            {
              messageId: 'jsUseDestroy',
              output: `import type { Request, Response } from 'express';\nexport function logout(req: Request, res: Response) {\n  req.session.destroy((err) => {\n    if (err) return res.status(500).end();\n    res.end();\n  });\n}\n`,
            },
          ],
        },
      ],
    },
    {
      ...controller('session_controller', 'SessionController', '{ auth, response }', `    await auth.use('web').logout()\n    return response.redirect('/login')`),
      errors: [
        {
          message:
            "Session id and data survive this logout: call session.clear() and session.regenerate() after it. auth.use('web').logout() only forgets the login key: the session id, flash data, the CSRF secret and all other session data survive (@adonisjs/auth ^9.2.3).",
          line: 5,
          suggestions: [
            {
              messageId: 'jsAddAdonisCalls',
              data: { calls: 'session.clear() and session.regenerate()' },
              output: controller('session_controller', 'SessionController', '{ auth, response, session }', `    await auth.use('web').logout()\n    session.clear()\n    session.regenerate()\n    return response.redirect('/login')`).code,
            },
          ],
        },
      ],
    },
    {
      // Only regenerate(): new id, but the data (flash, CSRF secret) moves along. ctx form, semicolons kept.
      ...controller('session_controller', 'SessionController', 'ctx', `    await ctx.auth.use().logout();\n    ctx.session.regenerate();`),
      errors: [
        {
          messageId: 'jsAdonisDataKept',
          suggestions: [
            {
              messageId: 'jsAddAdonisCalls',
              data: { calls: 'session.clear()' },
              output: controller('session_controller', 'SessionController', 'ctx', `    await ctx.auth.use().logout();\n    ctx.session.clear();\n    ctx.session.regenerate();`).code,
            },
          ],
        },
      ],
    },
    {
      // A route closure in start/routes.ts; session added to its destructuring.
      filename: fixtureFile('adonis', 'start/routes.ts'),
      code: `import router from '@adonisjs/core/services/router'\n\nrouter.post('/logout', async ({ auth, response }) => {\n  await auth.use('web').logout()\n  return response.redirect('/')\n})\n`,
      errors: [
        {
          messageId: 'jsAdonisNotInvalidated',
          line: 4,
          suggestions: [
            {
              messageId: 'jsAddAdonisCalls',
              output: `import router from '@adonisjs/core/services/router'\n\nrouter.post('/logout', async ({ auth, response, session }) => {\n  await auth.use('web').logout()\n  session.clear()\n  session.regenerate()\n  return response.redirect('/')\n})\n`,
            },
          ],
        },
      ],
    },
    {
      // A closure on a token + session group, revoking only the token.
      filename: fixtureFile('adonis', 'start/routes.ts'),
      code: `import router from '@adonisjs/core/services/router'\nimport { middleware } from '#start/kernel'\nimport User from '#models/user'\n\nrouter\n  .group(() => {\n    router.delete('/session', async ({ auth }) => {\n      const user = auth.getUserOrFail()\n      await User.accessTokens.delete(user, user.currentAccessToken.identifier)\n    })\n  })\n  .use(middleware.auth({ guards: ['web', 'api'] }))\n`,
      errors: [{ messageId: 'jsAdonisTokenOnly', line: 9, data: { guards: "'web', 'api'", sessionGuard: 'web' }, suggestions: [{ messageId: 'jsAddAdonisSessionLogout', output: `import router from '@adonisjs/core/services/router'\nimport { middleware } from '#start/kernel'\nimport User from '#models/user'\n\nrouter\n  .group(() => {\n    router.delete('/session', async ({ auth, session }) => {\n      const user = auth.getUserOrFail()\n      await User.accessTokens.delete(user, user.currentAccessToken.identifier)\n\n      if (auth.authenticatedViaGuard === 'web') {\n        await auth.use('web').logout()\n        session.clear()\n        session.regenerate()\n      }\n    })\n  })\n  .use(middleware.auth({ guards: ['web', 'api'] }))\n` }] }],
    },
    {
      // start/routes.ts: group with middleware.auth({ guards: ['api', 'web'] }) → lazy TokensController.destroy.
      filename: fixtureFile('adonis', 'app/controllers/tokens_controller.ts'),
      code: tokensController,
      errors: [
        {
          message:
            "Cookie logins survive this token-only logout: also log out of the 'web' session guard. This route authenticates with the guards ['api', 'web'], but the handler only deletes the access token: a user who came in through the 'web' session cookie is never logged out, and that session stays valid.",
          line: 7,
          suggestions: [
            {
              messageId: 'jsAddAdonisSessionLogout',
              output: tokensController
                .replace('{ auth, response }', '{ auth, response, session }')
                .replace(
                  '    await User.accessTokens.delete(user, user.currentAccessToken.identifier)\n',
                  "    await User.accessTokens.delete(user, user.currentAccessToken.identifier)\n\n    if (auth.authenticatedViaGuard === 'web') {\n      await auth.use('web').logout()\n      session.clear()\n      session.regenerate()\n    }\n",
                ),
            },
          ],
        },
      ],
    },
  ],
});
