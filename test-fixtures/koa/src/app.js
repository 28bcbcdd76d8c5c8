const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const session = require('koa-session');
const passport = require('./passport');
const router = require('./routes');

const app = new Koa();
app.keys = [process.env.APP_KEY];

app.use(session({ key: 'koa.sess', maxAge: 86400000 }, app));
app.use(bodyParser());
app.use(passport.initialize());
app.use(passport.session());
app.use(router.routes()).use(router.allowedMethods());

app.listen(3000);
