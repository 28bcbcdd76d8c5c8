import { calleePath, enclosingStatement, unwrap, type FunctionNode } from '../../facts/node/ast';
import type { EventClassifier } from '../../facts/node/handler-flow';
import { isLoginCall, ejectsAndPassesOn, type RequestLogoutSite, type SessionUnsetSite } from '../../facts/node/sites';
import { insertStatementsAfter } from '../../fixes/js/adonis-fixes';
import { usesSemicolons } from '../../fixes/js/text-edits';
import { libraryLabel } from '../../project/node/libraries';
import { failingPathText, verdictsAlongCallers } from './call-paths';
import { DESTROYING } from './express-findings';
import type { FileContext, JsFinding } from './finding';

/**
 * koa-passport before 6 wraps passport before 0.6: `ctx.logout()` is synchronous and only drops
 * the user from the session, as CVE-2022-25896 describes for Express. The session ends with
 * `ctx.session = null` (koa-session, koa-generic-session) or `ctx.regenerateSession()`
 * (koa-generic-session), on every path after the logout.
 */
export function koaSyncLogoutFindings(ctx: FileContext, handler: FunctionNode, logouts: RequestLogoutSite[], unsets: SessionUnsetSite[]): JsFinding[] {
  // Middleware that ejects a user and lets the request go on is not a logout handler (SPEC §2.3).
  logouts = logouts.filter((s) => !ejectsAndPassesOn(handler, s.call));
  if (logouts.length === 0) return [];
  const classify: EventClassifier = (node) => {
    const site = logouts.find((s) => s.call === node);
    if (site) return { type: 'logout', node, detail: site };
    if (unsets.some((s) => s.node === node)) return { ...DESTROYING, node };
    const path = node.type === 'CallExpression' ? calleePath(node) : null;
    if (path?.length === 2 && path[1] === 'regenerateSession') return { ...DESTROYING, node };
    // A login after the logout: the logout undid an attempt inside a login flow (SPEC §2.3), nothing to end.
    if (isLoginCall(node)) return { type: 'login' };
    return null;
  };
  const lib = libraryLabel(ctx.project, 'koa-passport');
  const label = ctx.project.has('koa-passport') ? lib : `koa-passport ${ctx.project.lockedVersion('koa-passport')?.join('.') ?? ''} (installed by another dependency)`;
  const findings: JsFinding[] = [];
  for (const verdict of verdictsAlongCallers(ctx, handler, classify).filter((v) => v.problem === 'not-invalidated')) {
    const site = verdict.logout.detail as RequestLogoutSite;
    const path = failingPathText(verdict);
    const data = { receiver: site.receiver, method: site.method, lib: label, path };
    const statement = enclosingStatement(site.call);
    const direct = statement?.type === 'ExpressionStatement' && unwrap(statement.expression) === site.call ? statement : null;
    const semi = direct && usesSemicolons(ctx.module.text, direct) ? ';' : '';
    const edits = direct && verdict.onEveryPath ? [insertStatementsAfter(ctx.module.text, direct, [`${site.receiver}.session = null${semi}`])] : null;
    findings.push({ rule: 'invalidate-session', node: site.call, messageId: 'jsKoaPassportNotInvalidated', data, suggestions: edits ? [{ messageId: 'jsSetSessionNull', data, edits }] : [] });
  }
  return findings;
}
