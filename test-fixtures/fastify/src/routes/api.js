async function apiRoutes(fastify) {
  const { fastifyPassport } = fastify;

  fastify.post('/logout', { preValidation: fastifyPassport.authenticate('bearer', { session: false }) }, async (request, reply) => {
    request.logOut();
    return reply.code(204).send();
  });
}

module.exports = apiRoutes;
