import type { TSESTree } from '@typescript-eslint/utils';
import type { FlowEvent } from '../../evaluate/flow';
import { awaitCallbackLogout, callHeadWithoutCallback, moveIntoCallback, removeKeepSessionInfo, wrapRestInCallback } from '../../fixes/js/express-fixes';
import { followingStatements, usesSemicolons } from '../../fixes/js/text-edits';
import { insertStatementsAfter } from '../../fixes/js/adonis-fixes';
import { calleePath, enclosingStatement, isFunction, objectProperty, unwrap, type FunctionNode, type Node } from '../../facts/node/ast';
import type { FileContext, JsFinding } from './finding';
import type { EventClassifier } from '../../facts/node/handler-flow';
import { failingPathText, callPathsTo, verdictsAlongCallers } from './call-paths';
import { isLoginCall, ejectsAndPassesOn, type RequestLogoutSite, type SessionUnsetSite } from '../../facts/node/sites';
import { libraryLabel, passportLoginInSession, sessionLibraryOf, sessionUnsetDestroys, type SessionLibrary } from '../../project/node/libraries';
import { awaitedThroughPromise, containsResponse, findCall, nestRespondsOnReturn, responseNode, responseParam, statementsAfter } from '../../facts/node/responses';

const DESTROY_METHODS = new Set(['destroy', 'regenerate']);
/**
 * A call that ends the session record and issues a new id (destroy, regenerate, `= null` where that
 * destroys): the old record is gone for good, so it counts before the logout too.
 */
export const DESTROYING: Omit<Extract<FlowEvent<Node>, { type: 'session-effect' }>, 'node'> = { type: 'session-effect', destroysOldRecord: true, issuesNewId: true, rotatesCsrf: true, deferred: true };


/** Express (and NestJS on Express) logouts: passport versions, express-session, cookie-session. */
export function expressFindings(ctx: FileContext, handler: FunctionNode, logouts: RequestLogoutSite[], unsets: SessionUnsetSite[]): JsFinding[] {
  const sessionKind = sessionLibraryOf(ctx.libs, ctx.module);
  if (!sessionKind) return [];
  const findings: JsFinding[] = [];
  const regenerates = ctx.libs.passportRegenerates;
  const passport = regenerates === null ? 'passport (version unknown, assumed ≥ 0.6)' : libraryLabel(ctx.project, 'passport');
  if (regenerates !== false && sessionKind === 'express-session') {
    for (const site of logouts) findings.push(...callbackMisuse(ctx, handler, site, passport));
  }
  if (regenerates !== false && sessionKind === 'cookie-session') {
    // passport ≥ 0.6 saves and regenerates the session on logout; cookie-session has neither
    // (passport #904, cookie-session #166). No suggestion: the logout call itself has to go.
    for (const site of logouts) findings.push({ rule: 'logout-callback', node: site.call, messageId: 'cookieSessionLogout', data: { receiver: site.receiver, method: site.method, passport }, suggestions: [] });
  }
  // Paths through the handler: passport < 0.6 logouts and `req.session = null` owe an invalidation.
  // A JWT app whose passport logins never live in the session (`{ session: false }`) has no session login to end.
  // Middleware that ejects a user and lets the request go on is not a logout handler (SPEC §2.3).
  const oldPassport = regenerates === false && passportLoginInSession(ctx.project, ctx.module) ? logouts.filter((s) => !ejectsAndPassesOn(handler, s.call)) : [];
  const unsetIsLogout = sessionKind === 'express-session' && !sessionUnsetDestroys(ctx.project, ctx.module);
  if (oldPassport.length === 0 && !(unsetIsLogout && unsets.length > 0)) return findings;
  const classify: EventClassifier = (node) => {
    if (node.type === 'CallExpression') {
      const site = oldPassport.find((s) => s.call === node);
      if (site) return { type: 'logout', node, detail: site };
      if (regenerates !== false && logouts.some((s) => s.call === node)) return { ...DESTROYING, node };
      const path = calleePath(node);
      if (sessionKind === 'express-session' && path?.length === 3 && path[1] === 'session' && DESTROY_METHODS.has(path[2]!)) return { ...DESTROYING, node };
    }
    const unset = unsets.find((s) => s.node === node);
    if (unset) return unsetIsLogout ? { type: 'logout', node, detail: unset } : { ...DESTROYING, node };
    // A login after the logout: the logout undid an attempt inside a login flow (SPEC §2.3), nothing to end.
    if (isLoginCall(node)) return { type: 'login' };
    return null;
  };
  // Judged along the call path: a helper's logout counts as completed when every caller completes it.
  const verdicts = verdictsAlongCallers(ctx, handler, classify).filter((v) => v.problem === 'not-invalidated');
  // One root cause, one finding: with a passport < 0.6 logout in the handler, its finding (whose
  // fix regenerates the session) covers a `req.session = null` next to it.
  const passportFailing = verdicts.some((v) => (v.logout.detail as RequestLogoutSite | SessionUnsetSite).kind === 'request-logout');
  for (const verdict of verdicts) {
    const detail = verdict.logout.detail as RequestLogoutSite | SessionUnsetSite;
    const path = failingPathText(verdict);
    if (detail.kind === 'session-unset') {
      if (!passportFailing) findings.push(unsetFinding(ctx, handler, detail, path, verdict.onEveryPath));
    } else {
      findings.push(oldPassportFinding(ctx, handler, detail, sessionKind, path, verdict.onEveryPath));
    }
  }
  return findings;
}

/** passport ≥ 0.6: no callback, `keepSessionInfo: true`, response or destroy outside the callback. */
function callbackMisuse(ctx: FileContext, handler: FunctionNode, site: RequestLogoutSite, passport: string): JsFinding[] {
  const { call, receiver } = site;
  const text = ctx.module.text;
  const data = { receiver, method: site.method, passport };
  const statement = enclosingStatement(call);
  const directStatement = statement?.type === 'ExpressionStatement' && unwrap(statement.expression) === call ? statement : null;
  const callback = call.arguments.find((a) => isFunction(a) || a.type === 'Identifier') ?? null;
  const findings: JsFinding[] = [];
  const options = call.arguments.find((a) => a.type === 'ObjectExpression') as TSESTree.ObjectExpression | undefined;
  const keep = objectProperty(options, 'keepSessionInfo');
  if (options && keep && unwrap(keep).type === 'Literal' && (unwrap(keep) as TSESTree.Literal).value === true) {
    const property = keep.parent as TSESTree.Property;
    findings.push({ rule: 'logout-callback', node: call, messageId: 'keepSessionInfo', data, suggestions: [{ messageId: 'removeKeepSessionInfo', edits: removeKeepSessionInfo(call, options, property) }] });
  }
  if (!callback) {
    const suggestions = [];
    if (directStatement) {
      const nest = handler.parent?.type === 'MethodDefinition';
      const edits = nest ? awaitCallbackLogout(text, handler, directStatement, call, ctx.typescript) : wrapRestInCallback(text, handler, directStatement, callHeadWithoutCallback(text, call));
      if (edits) suggestions.push({ messageId: nest ? 'awaitLogoutPromise' : 'addCallback', data, edits });
    }
    findings.push({ rule: 'logout-callback', node: call, messageId: 'noCallback', data, suggestions });
    return findings;
  }
  if (!statement) return findings;
  const after = statementsAfter(statement, handler);
  const responseName = responseParam(handler);
  const isResponse = (s: Node): boolean => containsResponse(s, responseName, handler);
  const response = after.find(isResponse);
  const destroy = after.map((s) => findCall(s, (path) => path.length === 3 && path[0] === receiver && path[1] === 'session' && DESTROY_METHODS.has(path[2]!))).find((c) => !!c);
  const moved = directStatement ? followingStatements(directStatement) : [];
  // A named callback (`req.logout(next)`) has no body to move code into: reported without a suggestion.
  const move = directStatement && moved.length > 0 && isFunction(callback) ? moveIntoCallback(text, directStatement, callback, moved, isResponse) : null;
  const suggestions = move ? [{ messageId: 'moveIntoCallback', data, edits: move }] : [];
  if (destroy) findings.push({ rule: 'logout-callback', node: destroy, messageId: 'destroyOutsideCallback', data: { ...data, call: calleePath(destroy)!.join('.') }, suggestions });
  if (response) findings.push({ rule: 'logout-callback', node: responseNode(response, responseName, handler), messageId: 'responseBeforeCallback', data, suggestions: destroy ? [] : suggestions });
  // NestJS answers with the method's return value: returning before the callback ran answers before the logout
  // (also when the logout sits in a provider the controller method calls).
  if (!response && !destroy && !awaitedThroughPromise(call, handler) && (nestRespondsOnReturn(handler) || calledFromNestRoute(ctx, handler))) {
    findings.push({ rule: 'logout-callback', node: call, messageId: 'nestReturnsBeforeCallback', data, suggestions: [] });
  }
  return findings;
}

/** Some path reaches this helper from a NestJS route method that answers with its return value. */
function calledFromNestRoute(ctx: FileContext, handler: FunctionNode): boolean {
  return callPathsTo(ctx, handler).paths.some((p) => p.calls.length > 0 && nestRespondsOnReturn(p.entry.fn));
}

function oldPassportFinding(ctx: FileContext, handler: FunctionNode, site: RequestLogoutSite, sessionKind: SessionLibrary, path: string, fixable: boolean): JsFinding {
  const text = ctx.module.text;
  const data = { receiver: site.receiver, method: site.method, passport: libraryLabel(ctx.project, 'passport'), path };
  const statement = enclosingStatement(site.call);
  const direct = statement?.type === 'ExpressionStatement' && unwrap(statement.expression) === site.call ? statement : null;
  if (sessionKind === 'cookie-session') {
    const semi = direct && usesSemicolons(text, direct) ? ';' : '';
    return {
      rule: 'invalidate-session',
      node: site.call,
      messageId: 'jsCookieSessionNotCleared',
      data,
      suggestions: direct ? [{ messageId: 'jsSetSessionNull', data, edits: [insertStatementsAfter(text, direct, [`${site.receiver}.session = null${semi}`])] }] : [],
    };
  }
  const suggestions = [];
  // On some paths only: the handler already ends the session elsewhere; wrapping again would regenerate twice.
  if (direct && fixable) {
    for (const [method, messageId] of [['regenerate', 'jsAddRegenerate'], ['destroy', 'jsAddDestroy']] as const) {
      const edits = wrapRestInCallback(text, handler, direct, `${site.receiver}.session.${method}(`, true);
      if (edits) suggestions.push({ messageId, data, edits });
    }
  }
  return { rule: 'invalidate-session', node: site.call, messageId: 'jsPassportNotInvalidated', data, suggestions };
}

function unsetFinding(ctx: FileContext, handler: FunctionNode, site: SessionUnsetSite, path: string, fixable: boolean): JsFinding {
  const text = ctx.module.text;
  const expression = text.slice(site.node.range[0], site.node.range[1]);
  const data = { receiver: site.receiver, expression, path };
  const statement = enclosingStatement(site.node);
  const direct = statement?.type === 'ExpressionStatement' && unwrap(statement.expression) === site.node ? statement : null;
  const edits = direct && fixable ? wrapRestInCallback(text, handler, direct, `${site.receiver}.session.destroy(`) : null;
  const suggestions = edits ? [{ messageId: 'jsUseDestroy', data, edits }] : [];
  return { rule: 'invalidate-session', node: site.node, messageId: 'jsSessionUnsetKeeps', data, suggestions };
}
