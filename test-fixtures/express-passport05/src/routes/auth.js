const express = require('express');
const passport = require('passport');
const sessionController = require('../controllers/session-controller');
const apiController = require('../controllers/api-controller');

const router = express.Router();

router.post('/login', passport.authenticate('local', { successRedirect: '/', failureRedirect: '/login' }));
router.post('/logout', sessionController.logout);
router.post('/account/close', sessionController.closeAccount);
router.post('/api/logout', passport.authenticate('bearer', { session: false }), apiController.logout);

module.exports = router;
