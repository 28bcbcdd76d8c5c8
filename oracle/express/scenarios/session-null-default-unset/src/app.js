const express = require('express');
const session = require('express-session');

const store = new session.MemoryStore();
const app = express();

app.use(express.urlencoded({ extended: false }));
app.use(session({
  secret: 'oracle-session-secret',
  resave: false,
  saveUninitialized: false,
  store,
}));

app.post('/login', (req, res, next) => {
  req.session.regenerate((err) => {
    if (err) {
      return next(err);
    }
    req.session.userId = 1;
    req.session.cart = ['private item'];
    res.json({ id: 1 });
  });
});

app.get('/me', (req, res) => {
  if (!req.session.userId) {
    return res.status(401).json({ message: 'Unauthenticated' });
  }
  res.json({ id: req.session.userId });
});

app.get('/cart', (req, res) => {
  res.json({ cart: req.session.cart || null });
});

app.post('/logout', (req, res) => {
  req.session = null;
  res.redirect('/');
});

module.exports = { app, store };
