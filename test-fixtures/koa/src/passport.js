const passport = require('koa-passport');
const LocalStrategy = require('passport-local').Strategy;

const user = { id: 1, username: 'test' };

passport.serializeUser((u, done) => done(null, u.id));
passport.deserializeUser((id, done) => done(null, id === user.id ? user : null));
passport.use(new LocalStrategy((username, password, done) => {
  done(null, username === user.username && password === process.env.TEST_PASSWORD ? user : false);
}));

module.exports = passport;
