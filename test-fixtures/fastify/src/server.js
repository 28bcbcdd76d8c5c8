const buildApp = require('./app');

buildApp().listen({ port: Number(process.env.PORT ?? 3000) });
