import express from 'express';
import session from 'express-session';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { Strategy as JwtStrategy, ExtractJwt } from 'passport-jwt';
import sessionRoutes from './routes/session.js';
import apiRoutes from './routes/api.js';
import { findUser, checkPassword, findUserById } from './accounts.js';

passport.use(new LocalStrategy(async (username, password, done) => {
  try {
    const user = await findUser(username);
    done(null, user && (await checkPassword(user, password)) ? user : false);
  } catch (err) {
    done(err);
  }
}));
passport.use(new JwtStrategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET }, (payload, done) => {
  findUserById(payload.sub).then((user) => done(null, user ?? false), done);
}));
passport.serializeUser((user, done) => done(null, user.id));
passport.deserializeUser((id, done) => {
  findUserById(id).then((user) => done(null, user), done);
});

export function createApp() {
  const app = express();
  app.use(express.json());
  app.use(session({ name: 'sid', secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
  app.use(passport.authenticate('session'));
  app.post('/login', passport.authenticate('local', { successRedirect: '/', failureRedirect: '/login' }));
  app.use(sessionRoutes);
  app.use('/api', apiRoutes);
  return app;
}
