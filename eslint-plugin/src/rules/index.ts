import invalidateSession from './invalidate-session';
import noReplayableSession from './no-replayable-session';
import parseError from './parse-error';
import logoutGuard from './logout-guard';
import forgetRequestGuardUser from './forget-request-guard-user';
import transientTokenDelete from './transient-token-delete';
import sessionRequiresSession from './session-requires-session';
import logoutCallback from './logout-callback';
import awaitLogout from './await-logout';

export const rules = {
  'invalidate-session': invalidateSession,
  'no-replayable-session': noReplayableSession,
  'parse-error': parseError,
  'logout-guard': logoutGuard,
  'forget-request-guard-user': forgetRequestGuardUser,
  'transient-token-delete': transientTokenDelete,
  'session-requires-session': sessionRequiresSession,
  'logout-callback': logoutCallback,
  'await-logout': awaitLogout,
};

/** Rules that analyse PHP files (run by the PHP block of `configs.recommended`). */
export const phpRuleNames = ['invalidate-session', 'no-replayable-session', 'parse-error', 'logout-guard', 'forget-request-guard-user', 'transient-token-delete', 'session-requires-session'] as const;

/** Rules that analyse JS/TS files (run by the JS/TS block of `configs.recommended`). */
export const jsRuleNames = ['invalidate-session', 'no-replayable-session', 'logout-callback', 'await-logout', 'parse-error'] as const;
