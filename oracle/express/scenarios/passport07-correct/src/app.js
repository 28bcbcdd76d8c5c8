const express = require('express');
const session = require('express-session');
const passport = require('passport');

const users = new Map([[1, { id: 1, username: 'alice' }]]);

passport.serializeUser((user, done) => done(null, user.id));
passport.deserializeUser((id, done) => done(null, users.get(id) || false));

const store = new session.MemoryStore();
const app = express();

app.use(express.urlencoded({ extended: false }));
app.use(session({
  secret: 'oracle-session-secret',
  resave: false,
  saveUninitialized: false,
  store,
}));
app.use(passport.initialize());
app.use(passport.session());

app.post('/login', (req, res, next) => {
  req.login(users.get(1), (err) => {
    if (err) {
      return next(err);
    }
    req.session.cart = ['private item'];
    res.json({ id: req.user.id });
  });
});

app.get('/me', (req, res) => {
  if (!req.isAuthenticated()) {
    return res.status(401).json({ message: 'Unauthenticated' });
  }
  res.json({ id: req.user.id });
});

app.get('/cart', (req, res) => {
  res.json({ cart: req.session.cart || null });
});

app.post('/logout', (req, res, next) => {
  req.logout((err) => {
    if (err) {
      return next(err);
    }
    res.redirect('/');
  });
});

module.exports = { app, store };
