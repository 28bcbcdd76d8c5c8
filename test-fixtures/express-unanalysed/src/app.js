const express = require('express');
const session = require('express-session');
const passport = require('passport');
const sso = require('@acme/sso');
const { signOut } = require('./auth/sign-out');
const legacy = require('./routes/legacy');
const sessions = require('./controllers/session-controller');

const app = express();
app.use(session({ secret: 'fixture', resave: false, saveUninitialized: false }));
app.use(passport.initialize());
app.use(passport.session());

app.post('/sso/logout', sso.logout);
app.post('/logout', signOut);
app.post('/logout/all', sessions.logoutEverywhere);
app.use('/legacy', legacy);
app.use('/admin', require('./routes/admin'));

module.exports = app;
