const Fastify = require('fastify');
const fastifyCookie = require('@fastify/cookie');
const fastifySession = require('@fastify/session');
const { Authenticator } = require('@fastify/passport');
const { Strategy: LocalStrategy } = require('passport-local');
const { Strategy: BearerStrategy } = require('passport-http-bearer');
const authRoutes = require('./routes/auth');
const apiRoutes = require('./routes/api');

function buildApp() {
  const app = Fastify({ logger: true });
  const fastifyPassport = new Authenticator();

  app.register(fastifyCookie);
  app.register(fastifySession, { secret: process.env.SESSION_SECRET, cookieName: 'sessionId', cookie: { secure: 'auto' } });
  app.register(fastifyPassport.initialize());
  app.register(fastifyPassport.secureSession());

  fastifyPassport.use('local', new LocalStrategy((username, password, done) => {
    done(null, username === 'admin' && password === process.env.ADMIN_PASSWORD ? { id: 'admin' } : false);
  }));
  fastifyPassport.use('bearer', new BearerStrategy((token, done) => {
    done(null, token === process.env.API_TOKEN ? { id: 'api' } : false);
  }));
  fastifyPassport.registerUserSerializer(async (user) => user.id);
  fastifyPassport.registerUserDeserializer(async (id) => ({ id }));

  app.decorate('fastifyPassport', fastifyPassport);
  app.register(authRoutes);
  app.register(apiRoutes, { prefix: '/api' });
  return app;
}

module.exports = buildApp;
