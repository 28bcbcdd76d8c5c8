import { fixtureFile, jsRuleTester, plugin } from '../../support/js-rule-tester';

const rule = plugin.rules['logout-callback'];
const app = fixtureFile('passport07', 'src/app.js');
const unknownVersion = fixtureFile('passport-unknown', 'src/app.js');
const oldPassport = fixtureFile('passport05', 'src/app.js');

/** An Express module around one route handler. */
function route(handler: string): string {
  return `const express = require('express');\nconst app = express();\n\napp.post('/logout', ${handler});\n\nmodule.exports = app;\n`;
}

const NO_CALLBACK =
  "req.logout() without a callback throws (passport ≥ 0.6): pass a callback and respond inside it. With passport ^0.7.0 the logout is asynchronous and requires a callback: without one it throws 'req#logout requires a callback function', so the request fails and nobody is logged out.";

jsRuleTester().run('logout-callback', rule, {
  valid: [
    // The documented pattern: respond inside the callback.
    { filename: app, code: route(`(req, res, next) => {\n  req.logout((err) => {\n    if (err) { return next(err); }\n    res.redirect('/');\n  });\n}`) },
    // destroy() nested in the callback, response in destroy's callback.
    { filename: app, code: route(`(req, res, next) => {\n  req.logout((err) => {\n    if (err) return next(err);\n    req.session.destroy(() => {\n      res.clearCookie('connect.sid');\n      res.redirect('/');\n    });\n  });\n}`) },
    // A named callback.
    { filename: app, code: route(`(req, res, next) => {\n  req.logout(next);\n}`) },
    // keepSessionInfo: false is the default behaviour.
    { filename: app, code: route(`(req, res, next) => {\n  req.logout({ keepSessionInfo: false }, (err) => res.redirect('/'));\n}`) },
    // passport 0.5 takes no callback (invalidate-session covers it).
    { filename: oldPassport, code: route(`(req, res) => {\n  req.logout();\n  req.session.regenerate(() => res.redirect('/'));\n}`) },
    // Front-end code: logout() of an imported API client is no request handler.
    { filename: fixtureFile('frontend', 'src/menu.js'), code: `import { logout } from './api';\nexport async function onClick() {\n  await logout();\n}\n` },
    // Token-only chain (SPEC §3): no session to end, no finding.
    { filename: app, code: route(`passport.authenticate('jwt', { session: false }), (req, res) => {\n  req.logout();\n  res.status(204).end();\n}`) },
    // A route in another module refers to this token-only handler (express-routes/src/routes.js).
    { filename: fixtureFile('express-routes', 'src/controllers/api.js'), code: `function logout(req, res) {\n  req.logout();\n  res.status(204).end();\n}\n\nmodule.exports = { logout };\n` },
    // A router module mounted behind a JWT-only middleware in another module (express-routes/src/app.js).
    { filename: fixtureFile('express-routes', 'src/routes/v2.js'), code: `const express = require('express');\n\nconst router = express.Router();\n\nrouter.post('/logout', (req, res) => {\n  req.logout();\n  res.status(204).end();\n});\n\nmodule.exports = router;\n` },
    // A JWT-only use() earlier in the same function (createApp) covers the route.
    { filename: app, code: `function createApp() {\n  const app = express();\n  app.use(passport.authenticate('bearer', { session: false }));\n  app.post('/logout', (req, res) => {\n    req.logout();\n    res.end();\n  });\n  return app;\n}\n` },
    // Hand-written token gate: reads Authorization: Bearer and rejects with 401.
    {
      filename: app,
      code: `function requireToken(req, res, next) {\n  const header = req.headers.authorization || '';\n  if (!header.startsWith('Bearer ')) return res.status(401).end();\n  next();\n}\napp.post('/api/logout', requireToken, (req, res) => {\n  req.logout();\n  res.end();\n});\n`,
    },
    // NestJS: guard class defined as `extends AuthGuard('jwt')` in another file → token only.
    {
      filename: fixtureFile('nest', 'src/auth/auth.controller.ts'),
      code: `import { Controller, Post, Req, UseGuards } from '@nestjs/common';\nimport type { Request } from 'express';\nimport { JwtAuthGuard } from './jwt-auth.guard';\n\n@Controller('auth')\nexport class AuthController {\n  @Post('logout')\n  @UseGuards(JwtAuthGuard)\n  logout(@Req() req: Request) {\n    req.logout();\n    return { ok: true };\n  }\n}\n`,
    },
    // The response after an `if` whose branch logs out and returns is not sent on that path.
    { filename: app, code: route(`(req, res, next) => {\n  if (req.user) {\n    req.logout((err) => (err ? next(err) : res.redirect('/')));\n    return;\n  }\n  res.redirect('/login');\n}`) },
    { filename: app, code: route(`(req, res, next) => {\n  if (req.user) {\n    return req.logout((err) => (err ? next(err) : res.redirect('/')));\n  }\n  res.redirect('/login');\n}`) },
    // TypeScript handler with types, callback form.
    { filename: fixtureFile('passport07', 'src/app.ts'), code: `import type { Request, Response, NextFunction } from 'express';\nexport function logout(req: Request, res: Response, next: NextFunction): void {\n  req.logout((err?: Error) => (err ? next(err) : res.redirect('/')));\n}\n` },
  ],
  invalid: [
    {
      // Order matters: a JWT-only use() after the route does not protect it.
      filename: app,
      code: `const app = express();\napp.post('/logout', (req, res) => {\n  req.logout();\n});\napp.use(passport.authenticate('jwt', { session: false }));\n`,
      errors: [{ messageId: 'noCallback', line: 3, suggestions: [{ messageId: 'addCallback', output: `const app = express();\napp.post('/logout', (req, res, next) => {\n  req.logout((err) => {\n    if (err) return next(err);\n  });\n});\napp.use(passport.authenticate('jwt', { session: false }));\n` }] }],
    },
    {
      filename: app,
      code: route(`(req, res) => {\n  req.logout();\n  res.redirect('/login');\n}`),
      errors: [
        {
          message: NO_CALLBACK,
          line: 5,
          suggestions: [
            {
              messageId: 'addCallback',
              data: { receiver: 'req', method: 'logout' },
              output: route(`(req, res, next) => {\n  req.logout((err) => {\n    if (err) return next(err);\n    res.redirect('/login');\n  });\n}`),
            },
          ],
        },
      ],
    },
    {
      // Unknown version: assumed current, and the message says so. Existing `next` is reused; no semicolons kept.
      filename: unknownVersion,
      code: route(`function (req, res, done) {\n  req.logOut()\n  return res.json({ ok: true })\n}`),
      errors: [
        {
          messageId: 'noCallback',
          data: { passport: 'passport (version unknown, assumed ≥ 0.6)', receiver: 'req', method: 'logOut' },
          suggestions: [
            {
              messageId: 'addCallback',
              data: { receiver: 'req', method: 'logOut' },
              output: route(`function (req, res, done) {\n  req.logOut((err) => {\n    if (err) return done(err)\n    return res.json({ ok: true })\n  })\n}`),
            },
          ],
        },
      ],
    },
    {
      // Response outside the callback (the case of js-express-passport07-response-before-callback).
      filename: app,
      code: route(`(req, res, next) => {\n  req.logout((err) => {\n    if (err) {\n      return next(err);\n    }\n  });\n  res.redirect('/');\n}`),
      errors: [
        {
          messageId: 'responseBeforeCallback',
          data: { passport: 'passport ^0.7.0', receiver: 'req', method: 'logout' },
          line: 10,
          column: 3,
          suggestions: [
            {
              messageId: 'moveIntoCallback',
              data: { receiver: 'req', method: 'logout' },
              output: route(`(req, res, next) => {\n  req.logout((err) => {\n    if (err) {\n      return next(err);\n    }\n    res.redirect('/');\n  });\n}`),
            },
          ],
        },
      ],
    },
    {
      // destroy() after logout(cb), outside it: moved into the callback, before the response.
      filename: app,
      code: route(`(req, res, next) => {\n  req.logout((err) => {\n    if (err) return next(err);\n    res.redirect('/');\n  });\n  req.session.destroy();\n}`),
      errors: [
        {
          messageId: 'destroyOutsideCallback',
          data: { passport: 'passport ^0.7.0', receiver: 'req', method: 'logout', call: 'req.session.destroy' },
          line: 9,
          suggestions: [
            {
              messageId: 'moveIntoCallback',
              data: { receiver: 'req', method: 'logout' },
              output: route(`(req, res, next) => {\n  req.logout((err) => {\n    if (err) return next(err);\n    req.session.destroy();\n    res.redirect('/');\n  });\n}`),
            },
          ],
        },
      ],
    },
    {
      // Both a destroy and a response outside the callback: two findings, one move.
      filename: app,
      code: route(`(req, res, next) => {\n  req.logout(() => {});\n  req.session.destroy();\n  res.clearCookie('connect.sid');\n  res.redirect('/');\n}`),
      errors: [
        {
          messageId: 'destroyOutsideCallback',
          line: 6,
          suggestions: [
            {
              messageId: 'moveIntoCallback',
              output: route(`(req, res, next) => {\n  req.logout(() => {\n    req.session.destroy();\n    res.clearCookie('connect.sid');\n    res.redirect('/');\n  });\n}`),
            },
          ],
        },
        { messageId: 'responseBeforeCallback', line: 8, suggestions: [] },
      ],
    },
    {
      filename: app,
      code: route(`(req, res, next) => {\n  req.logout({ keepSessionInfo: true }, (err) => {\n    if (err) return next(err);\n    res.redirect('/');\n  });\n}`),
      errors: [
        {
          message:
            'keepSessionInfo: true carries the logged-out session into the new one: do not pass it on logout. It copies every other value of the logged-out session (flash data, CSRF secret, anything the app stored) into the regenerated session (passport ^0.7.0).',
          suggestions: [
            { messageId: 'removeKeepSessionInfo', output: route(`(req, res, next) => {\n  req.logout((err) => {\n    if (err) return next(err);\n    res.redirect('/');\n  });\n}`) },
          ],
        },
      ],
    },
    {
      // Other options survive the removal.
      filename: app,
      code: route(`(req, res, next) => {\n  req.logout({ keepSessionInfo: true, foo: 1 }, next);\n}`),
      errors: [{ messageId: 'keepSessionInfo', suggestions: [{ messageId: 'removeKeepSessionInfo', output: route(`(req, res, next) => {\n  req.logout({ foo: 1 }, next);\n}`) }] }],
    },
    {
      // An await among the moved statements makes the callback async.
      filename: app,
      code: route(`async (req, res, next) => {\n  req.logout();\n  await audit(req.user);\n  res.redirect('/');\n}`),
      errors: [{ messageId: 'noCallback', suggestions: [{ messageId: 'addCallback', output: route(`async (req, res, next) => {\n  req.logout(async (err) => {\n    if (err) return next(err);\n    await audit(req.user);\n    res.redirect('/');\n  });\n}`) }] }],
    },
    {
      // A `break` aimed at the enclosing switch cannot move into a callback: no suggestion.
      filename: app,
      code: route(`(req, res) => {\n  switch (req.body.mode) {\n    case 'all':\n      req.logout();\n      res.end();\n      break;\n    default:\n      res.end();\n  }\n}`),
      errors: [{ messageId: 'noCallback', line: 7, suggestions: [] }],
    },
    {
      // Hybrid hand-written middleware (bearer first, then the session): the session half is owed.
      filename: app,
      code: `const hybrid = (req, res, next) => {\n  if (req.get('Authorization')) return verifyJwt(req, res, next);\n  if (req.session && req.session.userId) return next();\n  res.sendStatus(401);\n};\napp.post('/logout', hybrid, (req, res) => {\n  req.logout();\n});\n`,
      errors: [{ messageId: 'noCallback', line: 7, suggestions: [{ messageId: 'addCallback', output: `const hybrid = (req, res, next) => {\n  if (req.get('Authorization')) return verifyJwt(req, res, next);\n  if (req.session && req.session.userId) return next();\n  res.sendStatus(401);\n};\napp.post('/logout', hybrid, (req, res, next) => {\n  req.logout((err) => {\n    if (err) return next(err);\n  });\n});\n` }] }],
    },
    {
      // An optional token parser (never rejects) lets cookie users through: still a session route.
      filename: app,
      code: `app.use((req, res, next) => {\n  req.token = (req.headers.authorization || '').replace('Bearer ', '');\n  next();\n});\napp.post('/logout', (req, res) => {\n  req.logout();\n});\n`,
      errors: [{ messageId: 'noCallback', line: 6, suggestions: [{ messageId: 'addCallback', output: `app.use((req, res, next) => {\n  req.token = (req.headers.authorization || '').replace('Bearer ', '');\n  next();\n});\napp.post('/logout', (req, res, next) => {\n  req.logout((err) => {\n    if (err) return next(err);\n  });\n});\n` }] }],
    },
    {
      // passport ≥ 0.6 with cookie-session: logout needs save()/regenerate(), which cookie-session lacks.
      filename: fixtureFile('cookie-session-passport07', 'src/app.js'),
      code: route(`(req, res, next) => {\n  req.logout((err) => (err ? next(err) : res.redirect('/')));\n}`),
      errors: [
        {
          message:
            "req.logout() fails under cookie-session: set req.session = null instead. With passport ^0.7.0 the logout calls req.session.save() and regenerate(), which cookie-session does not have: it fails ('req.session.save is not a function', 500) or, with no-op stubs, keeps the cookie's other data.",
          line: 5,
          suggestions: [],
        },
      ],
    },
    {
      // Logout inside an `if` without a return: the response after the `if` still runs first.
      filename: app,
      code: route(`(req, res, next) => {\n  if (req.user) {\n    req.logout(next);\n  }\n  res.redirect('/login');\n}`),
      errors: [{ messageId: 'responseBeforeCallback', line: 8, suggestions: [] }],
    },
    {
      // A route in another module (express-routes/src/routes.js) with no token auth: reported in the handler's file.
      filename: fixtureFile('express-routes', 'src/controllers/auth.js'),
      code: `exports.logout = (req, res) => {\n  req.logout();\n  res.redirect('/');\n};\n`,
      errors: [{ messageId: 'noCallback', line: 2, suggestions: [{ messageId: 'addCallback', output: `exports.logout = (req, res, next) => {\n  req.logout((err) => {\n    if (err) return next(err);\n    res.redirect('/');\n  });\n};\n` }] }],
    },
    {
      // NestJS: guard resolved across files (`extends AuthGuard(['jwt', 'session'])`); the fix awaits a Promise.
      filename: fixtureFile('nest', 'src/auth/auth.controller.ts'),
      code: `import { Controller, Post, Req, UseGuards } from '@nestjs/common';\nimport type { Request } from 'express';\nimport { HybridAuthGuard } from './hybrid-auth.guard';\n\n@Controller('auth')\n@UseGuards(HybridAuthGuard)\nexport class AuthController {\n  @Post('logout')\n  logout(@Req() req: Request) {\n    req.logout();\n    return { ok: true };\n  }\n}\n`,
      errors: [
        {
          messageId: 'noCallback',
          data: { passport: 'passport ^0.7.0', receiver: 'req', method: 'logout' },
          line: 10,
          suggestions: [
            {
              messageId: 'awaitLogoutPromise',
              data: { receiver: 'req', method: 'logout' },
              output: `import { Controller, Post, Req, UseGuards } from '@nestjs/common';\nimport type { Request } from 'express';\nimport { HybridAuthGuard } from './hybrid-auth.guard';\n\n@Controller('auth')\n@UseGuards(HybridAuthGuard)\nexport class AuthController {\n  @Post('logout')\n  async logout(@Req() req: Request) {\n    await new Promise<void>((resolve, reject) => req.logout((err) => (err ? reject(err) : resolve())));\n    return { ok: true };\n  }\n}\n`,
            },
          ],
        },
      ],
    },
  ],
});

jsRuleTester().run('logout-callback (not request handlers)', rule, {
  valid: [
    // A component prop named logout, in a project that also has passport (full-stack repo).
    { filename: fixtureFile('passport07', 'src/client/Menu.jsx'), code: `export function Menu(props) {\n  return <button onClick={() => props.logout()}>Log out</button>;\n}\n` },
    { filename: fixtureFile('passport07', 'src/client/session.js'), code: `export function endSession(store) {\n  store.logout();\n}\n` },
    { filename: fixtureFile('passport07', 'src/sockets.js'), code: `io.on('connection', (socket, next) => {\n  socket.on('bye', () => socket.logout());\n});\n` },
  ],
  invalid: [],
});
