import type { LogoutHelper } from '../../settings';
import { calleePath } from './ast';
import type { EventClassifier } from './handler-flow';

/**
 * Adds the logout helpers declared in `settings['secure-logout']` that complete a logout to a
 * framework's classifier: a call of one ends the session (the old record destroyed, a new id, a
 * new CSRF secret), as `req.session.destroy(cb)` does, and its body is not read. `logoutUser`
 * matches a function or method of that name, `authService.logoutUser` the end of the callee path.
 * Helpers that only log out are not judged in JS/TS: each library's logout call has its own rules
 * (callbacks, awaiting), which a helper's signature does not tell.
 */
export function withLogoutHelpers(classify: EventClassifier, helpers: readonly LogoutHelper[]): EventClassifier {
  const completing = helpers.filter((h) => h.completes).map((h) => h.name.split('.'));
  if (completing.length === 0) return classify;
  return (node) => {
    const own = classify(node);
    if (own || node.type !== 'CallExpression') return own;
    const path = calleePath(node);
    if (!path || !completing.some((name) => name.length <= path.length && name.every((part, i) => path[path.length - name.length + i] === part))) return null;
    return { type: 'session-effect', node, destroysOldRecord: true, issuesNewId: true, rotatesCsrf: true };
  };
}
