import { libraryLabel } from '../../project/node/libraries';
import type { TSESTree } from '@typescript-eslint/utils';
import { adonisSession, adonisSessionCalls, adonisSessionHalf, insertStatementsAfter } from '../../fixes/js/adonis-fixes';
import type { TextEdit } from '../../fixes/js/text-edits';
import { adonisAuthConfig, adonisGuardKind } from '../../project/node/adonis-config';
import { calleePath, enclosingStatement, unwrap, type FunctionNode, type Node } from '../../facts/node/ast';
import type { FileContext, JsFinding } from './finding';
import type { EventClassifier } from '../../facts/node/handler-flow';
import { failingPathText, verdictsAlongCallers } from './call-paths';
import type { RouteContext } from '../../project/node/routes';
import { bindingOf, isLoginCall, ejectsAndPassesOn, type AdonisLogoutSite, type TokenDeleteSite } from '../../facts/node/sites';

/**
 * AdonisJS v6: `auth.use('web').logout()` only forgets the login key (same id, all data kept);
 * `session.clear()` empties the data and `session.regenerate()` drops the old id at commit.
 * Modelled as session effects so evaluate/ judges every path.
 */
export function adonisFindings(ctx: FileContext, handler: FunctionNode, logouts: AdonisLogoutSite[]): JsFinding[] {
  const config = adonisAuthConfig(ctx.project);
  // Middleware that ejects a user and lets the request go on is not a logout handler (SPEC §2.3).
  const sessionLogouts = logouts.filter((s) => adonisGuardKind(config, s.guard) === 'session' && !ejectsAndPassesOn(handler, s.call));
  if (sessionLogouts.length === 0) return [];
  const classify: EventClassifier = (node) => {
    if (node.type !== 'CallExpression') return null;
    const site = sessionLogouts.find((s) => s.call === node);
    if (site) return { type: 'logout', node, detail: site };
    // A login after the logout: the logout undid an attempt inside a login flow (SPEC §2.3), nothing to end.
    if (isLoginCall(node)) return { type: 'login' };
    const method = sessionMethod(node);
    if (method === 'clear') return { type: 'session-effect', node, destroysOldRecord: false, issuesNewId: false, rotatesCsrf: true };
    // Adonis regenerates when the response is committed: the call's place on the path does not matter.
    if (method === 'regenerate') return { type: 'session-effect', node, destroysOldRecord: true, issuesNewId: true, rotatesCsrf: false, deferred: true };
    return null;
  };
  const findings: JsFinding[] = [];
  // Judged along the call path: a helper's logout counts as completed when every caller completes it.
  for (const verdict of verdictsAlongCallers(ctx, handler, classify)) {
    const site = verdict.logout.detail as AdonisLogoutSite;
    const guard = site.guard === 'default' ? config.defaultGuard ?? 'web' : site.guard;
    const missing: ('clear' | 'regenerate')[] = [];
    if (verdict.missingCsrfRotation) missing.push('clear');
    if (verdict.missingInvalidation) missing.push('regenerate');
    const data = { guard, path: failingPathText(verdict), calls: missing.map((m) => `session.${m}()`).join(' and '), auth: libraryLabel(ctx.project, '@adonisjs/auth') };
    const messageId = verdict.problem === 'csrf-not-rotated' ? 'jsAdonisDataKept' : 'jsAdonisNotInvalidated';
    const edits = !verdict.via || verdict.onEveryPath ? adonisInsert(ctx.module.text, handler, site.call, missing) : null;
    findings.push({ rule: 'invalidate-session', node: site.call, messageId, data, suggestions: edits ? [{ messageId: 'jsAddAdonisCalls', data, edits }] : [] });
  }
  return findings;
}

function adonisInsert(text: string, handler: FunctionNode, call: Node, methods: ('clear' | 'regenerate')[]): TextEdit[] | null {
  const statement = enclosingStatement(call);
  const session = adonisSession(handler);
  if (!statement || !session || statement.type === 'ReturnStatement') return null;
  return [...session.edits, insertStatementsAfter(text, statement, adonisSessionCalls(text, statement, session.expression, methods))];
}

/** `session.clear()` on the handler's destructured session, or `ctx.session.clear()`. */
function sessionMethod(call: TSESTree.CallExpression): string | null {
  const path = calleePath(call);
  if (!path || path.length < 2 || path[path.length - 2] !== 'session') return null;
  // `session.clear()` on a name the handler (or a caller on the path) took from its HttpContext.
  if (path.length === 2 && !bindingOf(path[0]!, call)) return null;
  return path[path.length - 1]!;
}

/**
 * `middleware.auth({ guards: ['api', 'web'] })` with a handler that only revokes the access
 * token: a cookie login through the session guard is never ended (SPEC §3, decision 9).
 */
export function adonisTokenOnlyFindings(ctx: FileContext, handler: FunctionNode, deletes: TokenDeleteSite[], route: RouteContext | null, routed = true): JsFinding[] {
  if (!route || deletes.length === 0) return [];
  const config = adonisAuthConfig(ctx.project);
  const guards = route.chain.mechanisms;
  const sessionGuard = guards.map((g) => (g === 'default' ? config.defaultGuard ?? 'web' : g)).find((g) => adonisGuardKind(config, g) === 'session');
  const tokenGuard = guards.find((g) => adonisGuardKind(config, g) === 'token');
  if (!sessionGuard || !tokenGuard) return [];
  const first = deletes[0]!;
  const data = { guards: guards.map((g) => `'${g}'`).join(', '), sessionGuard };
  // In a service the HttpContext is out of reach: the session half belongs in the routed handler.
  const edits = routed ? sessionHalfEdits(ctx.module.text, handler, first.call, sessionGuard) : null;
  return [{ rule: 'invalidate-session', node: first.call, messageId: 'jsAdonisTokenOnly', data, suggestions: edits ? [{ messageId: 'jsAddAdonisSessionLogout', data, edits }] : [] }];
}

function sessionHalfEdits(text: string, handler: FunctionNode, call: Node, guard: string): TextEdit[] | null {
  if (handler.body.type !== 'BlockStatement') return null;
  // After the outermost statement of the handler body that holds the delete (e.g. its `if`).
  let statement: Node = call;
  while (statement.parent && statement.parent !== handler.body) statement = statement.parent;
  if (statement.parent !== handler.body || statement.type === 'ReturnStatement') return null;
  const session = adonisSession(handler);
  const param = handler.params[0] ? unwrap(handler.params[0]) : null;
  const auth = param?.type === 'Identifier' ? `${param.name}.auth` : 'auth';
  if (!session) return null;
  return [...session.edits, adonisSessionHalf(text, handler, statement as TSESTree.Statement, auth, session.expression, guard)];
}
