const Router = require('@koa/router');
const passport = require('./passport');

const router = new Router();

router.post('/login', passport.authenticate('local', { successRedirect: '/', failureRedirect: '/login' }));

router.post('/logout', async (ctx) => {
  if (!ctx.isAuthenticated()) {
    ctx.throw(401);
  }
  ctx.logout();
  ctx.redirect('/');
});

router.post('/sign-out', async (ctx) => {
  await ctx.logout();
  ctx.redirect('/');
});

router.post('/session/reset', async (ctx) => {
  ctx.session = null;
  ctx.status = 204;
});

module.exports = router;
