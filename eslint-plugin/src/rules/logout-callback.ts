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
        "{{receiver}}.{{method}}() without a callback throws (passport ≥ 0.6): pass a callback and respond inside it. With {{passport}} the logout is asynchronous and requires a callback: without one it throws 'req#logout requires a callback function', so the request fails and nobody is logged out.",
      keepSessionInfo:
        'keepSessionInfo: true carries the logged-out session into the new one: do not pass it on logout. It copies every other value of the logged-out session (flash data, CSRF secret, anything the app stored) into the regenerated session ({{passport}}).',
      responseBeforeCallback:
        'Response sent before {{receiver}}.{{method}}() has finished: send it inside the logout callback. With {{passport}} the logout saves and regenerates the session asynchronously, so the client gets its answer before the login is removed, and a logout error can no longer be reported.',
      destroyOutsideCallback:
        "{{call}}() outside the {{receiver}}.{{method}}() callback crashes: call it inside the callback. It runs right after {{receiver}}.{{method}}(callback) ({{passport}}) and removes {{receiver}}.session before passport's asynchronous regenerate runs, which then crashes with \"Cannot read properties of undefined (reading 'regenerate')\".",
      cookieSessionLogout:
        "{{receiver}}.{{method}}() fails under cookie-session: set {{receiver}}.session = null instead. With {{passport}} the logout calls {{receiver}}.session.save() and regenerate(), which cookie-session does not have: it fails ('req.session.save is not a function', 500) or, with no-op stubs, keeps the cookie's other data.",
      nestReturnsBeforeCallback:
        'Nest responds before the {{receiver}}.{{method}}() callback runs: await a Promise settled in the callback. With {{passport}} the logout saves and regenerates the session asynchronously, so the client is answered while still logged in and a logout error is lost.',
      addCallback: 'Pass a callback to {{receiver}}.{{method}}() and move the rest of the handler into it',
      awaitLogoutPromise: 'Await {{receiver}}.{{method}}() through a Promise before returning',
      moveIntoCallback: 'Move the code after {{receiver}}.{{method}}() into its callback',
      removeKeepSessionInfo: 'Remove keepSessionInfo: true',
    },
  },
  defaultOptions: [],
  create(context) {
    return byLanguage(context, { js: ({ jsFindingListeners }) => jsFindingListeners(context, (found) => found.logoutCallback) });
  },
});
