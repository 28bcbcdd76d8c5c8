const users = require('../users');

// Bearer-token clients: there is no session on this route.
async function logout(req, res, next) {
  try {
    await users.revokeToken(req.user);
    req.logout();
    res.status(204).end();
  } catch (err) {
    next(err);
  }
}

module.exports = { logout };
