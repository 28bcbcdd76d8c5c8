import { Router } from 'express';
import passport from 'passport';

const router = Router();
const requireUser = passport.authenticate(['jwt', 'session']);

router.route('/session/end').post(requireUser, (req, res, next) => {
  req.logout((err) => {
    if (err) return next(err);
    res.status(204).end();
  });
});

export default router;
