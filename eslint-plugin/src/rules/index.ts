import invalidateSession from './invalidate-session';
import noReplayableSession from './no-replayable-session';
import parseError from './parse-error';

export const rules = {
  'invalidate-session': invalidateSession,
  'no-replayable-session': noReplayableSession,
  'parse-error': parseError,
};

/** Rules that analyse PHP files (run by the PHP block of `configs.recommended`). */
export const phpRuleNames = ['invalidate-session', 'no-replayable-session', 'parse-error'] as const;
