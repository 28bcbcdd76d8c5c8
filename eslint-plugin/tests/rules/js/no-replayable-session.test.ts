import { fixtureFile, jsRuleTester, plugin } from '../../support/js-rule-tester';

const rule = plugin.rules['no-replayable-session'];
const handler = `app.post('/logout', async (request, reply) => {\n  await request.logOut();\n  return reply.send({ ok: true });\n});\n`;

jsRuleTester().run('no-replayable-session', rule, {
  valid: [
    // @fastify/session after 11.1.2 destroys the old id on regenerate.
    { filename: fixtureFile('fastify-new-session', 'src/app.js'), code: handler },
    // @fastify/secure-session is a stateless cookie: no store record to replay.
    { filename: fixtureFile('fastify-secure-session', 'src/app.js'), code: handler },
    // The workaround: the old record is saved without the login before logOut() regenerates.
    { filename: fixtureFile('fastify-old-session', 'src/app.js'), code: `app.post('/logout', async (request, reply) => {\n  request.session.set('passport', undefined);\n  await request.session.save();\n  await request.logOut();\n  return reply.send({ ok: true });\n});\n` },
    // Express + passport ≥ 0.6: express-session's regenerate destroys the old record.
    { filename: fixtureFile('passport07', 'src/app.js'), code: `app.post('/logout', (req, res, next) => {\n  req.logout((err) => (err ? next(err) : res.redirect('/')));\n});\n` },
  ],
  invalid: [
    {
      filename: fixtureFile('fastify-old-session', 'src/app.js'),
      code: handler,
      errors: [
        {
          message:
            'request.logOut() leaves the old session replayable: upgrade @fastify/session to 11.1.3 or later. With @fastify/session 10.9.0 (11.1.2 or earlier), regenerate() does not destroy the old session id: the old store record still holds the passport login until it expires, so replaying the old session cookie logs back in.',
          line: 2,
          column: 9,
          suggestions: [
            {
              messageId: 'jsPersistLogoutFirst',
              data: { receiver: 'request' },
              output: `app.post('/logout', async (request, reply) => {\n  request.session.set('passport', undefined);\n  await request.session.save();\n  await request.logOut();\n  return reply.send({ ok: true });\n});\n`,
            },
          ],
        },
      ],
    },
    {
      // Not awaited, no semicolons: the suggestion awaits the logout as well.
      filename: fixtureFile('fastify-old-session', 'src/app.js'),
      code: `app.post('/logout', async (request, reply) => {\n  request.logout()\n  reply.send()\n})\n`,
      errors: [
        {
          messageId: 'jsFastifyOldRow',
          suggestions: [{ messageId: 'jsPersistLogoutFirst', output: `app.post('/logout', async (request, reply) => {\n  request.session.set('passport', undefined)\n  await request.session.save()\n  await request.logout()\n  reply.send()\n})\n` }],
        },
      ],
    },
    {
      // A non-async handler gets no code suggestion (it cannot await the save).
      filename: fixtureFile('fastify-old-session', 'src/app.js'),
      code: `app.post('/logout', (request, reply) => {\n  return request.logOut().then(() => reply.send());\n});\n`,
      errors: [{ messageId: 'jsFastifyOldRow', suggestions: [] }],
    },
  ],
});
