const express = require('express');

const router = express.Router();

// Half-migrated code that does not parse: the routes below are not analysed.
router.post('/logout', (req, res) => {
  req.logout();
  res.redirect('/'
});

module.exports = router;
