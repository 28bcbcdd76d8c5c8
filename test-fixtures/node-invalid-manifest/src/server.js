const express = require('express');

const app = express();

app.post('/logout', (req, res) => {
  req.logout();
  res.redirect('/');
});

module.exports = app;
