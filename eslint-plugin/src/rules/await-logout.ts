import { createRule } from '../util/create-rule';
import { byLanguage } from '../util/language';

type MessageIds = 'notAwaited' | 'addAwait';

/**
 * @fastify/passport `request.logOut()` and koa-passport ≥ 6 `ctx.logout()` return Promises; a
 * floating logout lets the response go out before the session is cleared and regenerated.
 */
export default createRule<[], MessageIds>({
  name: 'await-logout',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require Promise-returning logouts (Fastify, Koa) to be awaited before responding',
      recommended: 'error',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      notAwaited:
        '{{call}}() returns a Promise: await it before responding. With {{lib}}, without await the response can be sent before the login is removed and the session regenerated, and a failed logout goes unnoticed.',
      addAwait: 'Await {{call}}()',
    },
  },
  defaultOptions: [],
  create(context) {
    return byLanguage(context, { js: ({ jsFindingListeners }) => jsFindingListeners(context, (found) => found.awaitLogout) });
  },
});
