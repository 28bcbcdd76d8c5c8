// Session (cookie) logins.

function logout(req, res) {
  // passport 0.5: this only removes req.session.passport.user.
  req.logout();
  res.redirect('/');
}

function closeAccount(req, res, next) {
  req.logout();
  req.session.destroy((err) => {
    if (err) return next(err);
    res.clearCookie('connect.sid');
    res.redirect('/goodbye');
  });
}

module.exports = { logout, closeAccount };
