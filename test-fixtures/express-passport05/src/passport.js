const passport = require('passport');
const LocalStrategy = require('passport-local').Strategy;
const BearerStrategy = require('passport-http-bearer').Strategy;
const users = require('./users');

passport.use(new LocalStrategy((username, password, done) => {
  users.verify(username, password).then((user) => done(null, user || false), done);
}));
passport.use(new BearerStrategy((token, done) => {
  users.findByToken(token).then((user) => done(null, user || false), done);
}));
passport.serializeUser((user, done) => done(null, user.id));
passport.deserializeUser((id, done) => {
  users.findById(id).then((user) => done(null, user), done);
});

module.exports = passport;
