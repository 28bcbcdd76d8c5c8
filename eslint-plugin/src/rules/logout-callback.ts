import { jsFindingListeners } from './js/js-finding-listeners';
import { createRule } from '../util/create-rule';
import { byLanguage } from '../util/language';

type MessageIds = 'noCallback' | 'nestReturnsBeforeCallback' | 'keepSessionInfo' | 'responseBeforeCallback' | 'destroyOutsideCallback' | 'cookieSessionLogout' | 'addCallback' | 'awaitLogoutPromise' | 'moveIntoCallback' | 'removeKeepSessionInfo';

/**
 * passport ≥ 0.6 made `req.logout()` asynchronous: it saves and regenerates the session, then
 * calls back. Everything that must wait for that — the response, a destroy — belongs inside
 * the callback.
 */
export default createRule<[], MessageIds>({
  name: 'logout-callback',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require passport ≥ 0.6 logouts to pass a callback and to respond and destroy the session only inside it',
      recommended: 'error',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      noCallback:
        "With {{passport}}, {{receiver}}.{{method}}() is asynchronous and requires a callback: without one it throws 'req#logout requires a callback function', so the request fails and nobody is logged out. Pass a callback and respond inside it.",
      keepSessionInfo:
        'keepSessionInfo: true copies every other value of the logged-out session (flash data, CSRF secret, anything the app stored) into the regenerated session ({{passport}}). Do not pass it on logout.',
      responseBeforeCallback:
        'This response is sent before the {{receiver}}.{{method}}() callback runs ({{passport}}): logout saves and regenerates the session asynchronously, so the client gets its answer before the login is removed, and a logout error can no longer be reported. Send the response inside the logout callback.',
      destroyOutsideCallback:
        "{{call}}() runs right after {{receiver}}.{{method}}(callback) instead of inside its callback ({{passport}}): it removes {{receiver}}.session before passport's asynchronous regenerate runs, which then crashes with \"Cannot read properties of undefined (reading 'regenerate')\". Call it inside the logout callback.",
      cookieSessionLogout:
        "With {{passport}}, {{receiver}}.{{method}}() calls {{receiver}}.session.save() and regenerate(), which cookie-session does not have: the logout fails ('req.session.save is not a function', 500) or, with no-op stubs, keeps the cookie's other data. cookie-session's logout is {{receiver}}.session = null.",
      nestReturnsBeforeCallback:
        'Nest responds when this method returns, before the {{receiver}}.{{method}}() callback runs. Await a Promise settled in the callback: with {{passport}} the logout saves and regenerates the session asynchronously, so the client is answered while still logged in and a logout error is lost.',
      addCallback: 'Pass a callback to {{receiver}}.{{method}}() and move the rest of the handler into it',
      awaitLogoutPromise: 'Await {{receiver}}.{{method}}() through a Promise before returning',
      moveIntoCallback: 'Move the code after {{receiver}}.{{method}}() into its callback',
      removeKeepSessionInfo: 'Remove keepSessionInfo: true',
    },
  },
  defaultOptions: [],
  create(context) {
    return byLanguage(context, { js: () => jsFindingListeners(context, (found) => found.logoutCallback) });
  },
});
