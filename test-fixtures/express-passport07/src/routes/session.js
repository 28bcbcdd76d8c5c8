import { Router } from 'express';

const router = Router();

router.post('/logout', (req, res, next) => {
  req.logout((err) => {
    if (err) return next(err);
  });
  // Sent before passport has saved and regenerated the session.
  res.redirect('/');
});

router.post('/logout/everywhere', (req, res, next) => {
  req.logout((err) => {
    if (err) {
      return next(err);
    }
    res.clearCookie('sid');
    res.redirect('/login');
  });
  req.session.destroy();
});

router.post('/sign-out', (req, res, next) => {
  req.logout((err) => {
    if (err) return next(err);
    res.redirect('/');
  });
});

export default router;
