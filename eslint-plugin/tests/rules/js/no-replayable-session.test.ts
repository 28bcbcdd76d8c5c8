import { fixtureFile, jsRuleTester, plugin } from '../../support/js-rule-tester';

const rule = plugin.rules['no-replayable-session'];
const handler = `app.post('/logout', async (request, reply) => {\n  await request.logOut();\n  return reply.send({ ok: true });\n});\n`;

jsRuleTester().run('no-replayable-session', rule, {
  valid: [
    // @fastify/session after 11.1.2 destroys the old id on regenerate.
    { filename: fixtureFile('fastify-new-session', 'src/app.js'), code: handler },
    // @fastify/secure-session is a stateless cookie: no store record to replay.
    { filename: fixtureFile('fastify-secure-session', 'src/app.js'), code: handler },
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
            'With @fastify/session 10.9.0 (11.1.2 or earlier), regenerate() does not destroy the old session id: after request.logOut() the old store record still holds the passport login until it expires, so replaying the old session cookie logs back in. Upgrade @fastify/session to a release after 11.1.2, which destroys the previous session on regenerate.',
          line: 2,
          column: 9,
          suggestions: [],
        },
      ],
    },
  ],
});
