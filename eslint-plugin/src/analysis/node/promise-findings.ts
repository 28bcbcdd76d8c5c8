import { libraryLabel } from '../../project/node/libraries';
import { addAwait } from '../../fixes/js/await-fixes';
import { lineEnding, lineIndent, usesSemicolons, type TextEdit } from '../../fixes/js/text-edits';
import { calleePath, enclosingFunction, enclosingStatement, isAwaited, unwrap, walk, type FunctionNode } from '../../facts/node/ast';
import type { FileContext, JsFinding } from './finding';
import type { RequestLogoutSite } from '../../facts/node/sites';

/**
 * Promise logouts: @fastify/passport `request.logOut()` and koa-passport ≥ 6 `ctx.logout()`.
 * Un-awaited, the response can go before the session is cleared and regenerated.
 */
export function promiseLogoutFindings(ctx: FileContext, handler: FunctionNode, site: RequestLogoutSite, framework: 'koa' | 'fastify'): JsFinding[] {
  const findings: JsFinding[] = [];
  const koaUnknown = framework === 'koa' && ctx.libs.koaPassportPromise === null;
  const lib = framework === 'fastify' ? ctx.project.describe('@fastify/passport') : koaUnknown ? 'koa-passport, version unknown, assumed ≥ 6' : libraryLabel(ctx.project, 'koa-passport');
  const data = { call: `${site.receiver}.${site.method}`, lib };
  const promise = framework === 'fastify' || ctx.libs.koaPassportPromise !== false;
  if (promise && !isAwaited(site.call)) {
    const edits = addAwait(handler, site.call);
    findings.push({ rule: 'await-logout', node: site.call, messageId: 'notAwaited', data, suggestions: edits ? [{ messageId: 'addAwait', data, edits }] : [] });
  }
  if (framework === 'fastify' && ctx.libs.fastifySessionKeepsOldRow && !savedBeforeLogout(handler, site)) {
    const edits = persistLogoutFirst(ctx.module.text, handler, site);
    findings.push({
      rule: 'no-replayable-session',
      node: site.call,
      messageId: 'jsFastifyOldRow',
      data: { ...data, session: ctx.project.describe('@fastify/session') },
      suggestions: edits ? [{ messageId: 'jsPersistLogoutFirst', data: { receiver: site.receiver }, edits }] : [],
    });
  }
  return findings;
}

/**
 * The workaround for @fastify/session ≤ 11.1.2 (checked with real runs on 10.9.0 and 11.1.2): a
 * `request.session.save()` before the logout writes the old record without the login, so
 * replaying the old cookie is no longer authenticated.
 */
function savedBeforeLogout(handler: FunctionNode, site: RequestLogoutSite): boolean {
  let saved = false;
  walk(handler.body, (node) => {
    if (saved || node.range[0] >= site.call.range[0]) return false;
    if (node.type === 'CallExpression' && calleePath(node)?.join('.') === `${site.receiver}.session.save`) saved = true;
    return undefined;
  });
  return saved;
}

/** `request.session.set('passport', undefined); await request.session.save(); await request.logOut();` */
function persistLogoutFirst(text: string, handler: FunctionNode, site: RequestLogoutSite): TextEdit[] | null {
  const statement = enclosingStatement(site.call);
  if (!handler.async || !statement || statement.type !== 'ExpressionStatement' || enclosingFunction(site.call) !== handler) return null;
  const expression = unwrap(statement.expression);
  if (expression !== site.call && !(expression.type === 'AwaitExpression' && unwrap(expression.argument) === site.call)) return null;
  const semi = usesSemicolons(text, statement) ? ';' : '';
  const indent = lineIndent(text, statement.range[0]);
  const eol = lineEnding(text);
  const quote = text.includes("'") || !text.includes('"') ? "'" : '"';
  const r = site.receiver;
  const lines = [`${r}.session.set(${quote}passport${quote}, undefined)${semi}`, `await ${r}.session.save()${semi}`, `await ${r}.${site.method}()${semi}`];
  return [{ range: [statement.range[0], statement.range[1]], text: lines.join(`${eol}${indent}`) }];
}
