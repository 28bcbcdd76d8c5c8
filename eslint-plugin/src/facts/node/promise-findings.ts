import { addAwait } from '../../fixes/js/await-fixes';
import { isAwaited, type FunctionNode } from './ast';
import type { FileContext, JsFinding } from './finding';
import type { RequestLogoutSite } from './sites';

/**
 * Promise logouts: @fastify/passport `request.logOut()` and koa-passport ≥ 6 `ctx.logout()`.
 * Un-awaited, the response can go before the session is cleared and regenerated.
 */
export function promiseLogoutFindings(ctx: FileContext, handler: FunctionNode, site: RequestLogoutSite, framework: 'koa' | 'fastify'): JsFinding[] {
  const findings: JsFinding[] = [];
  const lib = framework === 'koa' ? ctx.project.describe('koa-passport') : ctx.project.describe('@fastify/passport');
  const data = { call: `${site.receiver}.${site.method}`, lib };
  const promise = framework === 'fastify' || ctx.libs.koaPassportPromise !== false;
  if (promise && !isAwaited(site.call)) {
    const edits = addAwait(handler, site.call);
    findings.push({ rule: 'await-logout', node: site.call, messageId: 'notAwaited', data, suggestions: edits ? [{ messageId: 'addAwait', data, edits }] : [] });
  }
  if (framework === 'fastify' && ctx.libs.fastifySessionKeepsOldRow) {
    // No suggestion: the fix is a dependency upgrade (a code workaround needs a runtime check first, SPEC §3).
    findings.push({ rule: 'no-replayable-session', node: site.call, messageId: 'jsFastifyOldRow', data: { ...data, session: ctx.project.describe('@fastify/session') }, suggestions: [] });
  }
  return findings;
}
