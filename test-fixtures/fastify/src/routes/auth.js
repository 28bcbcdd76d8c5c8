async function authRoutes(fastify) {
  const { fastifyPassport } = fastify;

  fastify.post(
    '/login',
    { preValidation: fastifyPassport.authenticate('local', { authInfo: false }) },
    async (request) => ({ user: request.user.id }),
  );

  fastify.post('/logout', async (request, reply) => {
    if (!request.user) {
      return reply.code(204).send();
    }
    // Awaited, but @fastify/session 11.0 keeps the old record with the passport user in the store.
    await request.logOut();
    return reply.send({ ok: true });
  });

  fastify.post('/logout/quick', async (request, reply) => {
    request.logOut();
    return reply.redirect('/');
  });
}

module.exports = authRoutes;
