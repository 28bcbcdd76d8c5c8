import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from '../../facts/node/ast';
import { adonisFindings, adonisTokenOnlyFindings } from './adonis-findings';
import { routesReaching } from './call-paths';
import { isTokenOnly } from '../../facts/node/auth-chain';
import { expressFindings } from './express-findings';
import type { FileContext, JsFinding, JsSuggestion } from './finding';
import { fromText } from '../../project/node/modules';
import { hasServerAuth, librariesOf, type NodeLibraries } from '../../project/node/libraries';
import { isCompiledOutput } from '../../project/node/compiled-output';
import { projectFor } from '../../project/node/node-project';
import { koaSyncLogoutFindings } from './koa-findings';
import { promiseLogoutFindings } from './promise-findings';
import { routeContextOf, type RouteContext } from '../../project/node/routes';
import { logoutSites, siteHandler, type LogoutSite, type RequestLogoutSite } from '../../facts/node/sites';
// Files without these words (most of a project) are not walked at all.
import { RELEVANT_TEXT } from '../../facts/node/relevant-text';
import { PerSettingsCache, readSettings, type SecureLogoutSettings } from '../../settings';

export type { JsFinding, JsRuleId, JsSuggestion } from './finding';

/** The findings of one JS/TS file, by the rule that reports them. */
export interface NodeLogoutFindings {
  invalidateSession: JsFinding[];
  noReplayableSession: JsFinding[];
  logoutCallback: JsFinding[];
  awaitLogout: JsFinding[];
}

const cache = new PerSettingsCache<TSESTree.Program, NodeLogoutFindings>();

/** Time the logout analysis of one file may take; a file of thousands of handlers stops there. */
export const JS_ANALYSIS_BUDGET_MS = 2_000;
const cutShort = new WeakMap<TSESTree.Program, string>();

/** Why the analysis of this file stopped before its end (its time budget), if it did: `parse-error` reports it. */
export function analysisCutShort(program: TSESTree.Program): string | undefined {
  return cutShort.get(program);
}

/** The logout findings of the file a rule is linting: computed once per AST and shared by the four JS rules. */
export function nodeLogoutFindings(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): NodeLogoutFindings {
  const program = context.sourceCode.ast;
  const settings = readSettings(context);
  return cache.get(program, settings, () => {
    const all = analyse(context.sourceCode.text, program, context.filename, settings);
    const of = (rule: JsFinding['rule']): JsFinding[] => all.filter((f) => f.rule === rule);
    return { invalidateSession: of('invalidate-session'), noReplayableSession: of('no-replayable-session'), logoutCallback: of('logout-callback'), awaitLogout: of('await-logout') };
  });
}

function analyse(text: string, program: TSESTree.Program, filename: string, settings: SecureLogoutSettings): JsFinding[] {
  if (!RELEVANT_TEXT.test(text)) return [];
  const project = projectFor(filename);
  if (!project || isCompiledOutput(project, filename)) return [];
  const libs = librariesOf(project);
  if (!hasServerAuth(libs)) return [];
  const sites = logoutSites(program);
  if (sites.length === 0) return [];
  const ctx: FileContext = { module: { file: filename, text, program }, project, libs, typescript: /\.[cm]?tsx?$/.test(filename), settings };
  const byHandler = new Map<FunctionNode, LogoutSite[]>();
  for (const site of sites) {
    const handler = siteHandler(site);
    if (!handler) continue;
    byHandler.set(handler, [...(byHandler.get(handler) ?? []), site]);
  }
  const findings: JsFinding[] = [];
  const deadline = performance.now() + JS_ANALYSIS_BUDGET_MS;
  let checked = 0;
  for (const [handler, handlerSites] of byHandler) {
    if (performance.now() > deadline) {
      cutShort.set(program, `the analysis took longer than ${JS_ANALYSIS_BUDGET_MS} ms: ${checked} of ${byHandler.size} handlers checked`);
      break;
    }
    checked++;
    let route: RouteContext | null | undefined;
    const routeOf = (): RouteContext | null => (route === undefined ? (route = routeContextOf(handler, ctx.module, project)) : route);
    findings.push(...handlerFindings(ctx, handler, handlerSites, routeOf));
  }
  // Each check re-parses the file: past the budget, suggestions are dropped rather than offered unchecked.
  for (const finding of findings) finding.suggestions = finding.suggestions.filter((s) => performance.now() <= deadline && parsesAfter(text, filename, s));
  return findings.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/** SPEC §4: every fix must produce code that parses. A suggestion that would not is dropped. */
function parsesAfter(text: string, filename: string, suggestion: JsSuggestion): boolean {
  const edits = [...suggestion.edits].sort((a, b) => b.range[0] - a.range[0]);
  let fixed = text;
  for (const edit of edits) fixed = fixed.slice(0, edit.range[0]) + edit.text + fixed.slice(edit.range[1]);
  return fromText(filename, fixed) !== null;
}

function handlerFindings(ctx: FileContext, handler: FunctionNode, sites: LogoutSite[], routeOf: () => RouteContext | null): JsFinding[] {
  const { libs } = ctx;
  if (libs.adonisAuth) {
    const logouts = sites.filter((s) => s.kind === 'adonis-logout');
    const deletes = sites.filter((s) => s.kind === 'token-delete');
    if (logouts.length > 0) return adonisFindings(ctx, handler, logouts);
    if (deletes.length === 0) return [];
    // A service's token delete takes the routes of the handlers that call it.
    for (const route of routeOf() ? [routeOf()] : routesReaching(ctx, handler)) {
      const found = adonisTokenOnlyFindings(ctx, handler, deletes, route, route === routeOf());
      if (found.length > 0) return found;
    }
    return [];
  }
  const requestLogouts = sites.filter((s): s is RequestLogoutSite => s.kind === 'request-logout');
  const unsets = sites.filter((s) => s.kind === 'session-unset');
  if (requestLogouts.length === 0 && unsets.length === 0) return [];
  // Token-only chains (SPEC §3): no session is there to invalidate. A helper takes the routes of its callers.
  const own = routeOf();
  const reaching = own ? [own] : routesReaching(ctx, handler);
  if (reaching.length > 0 && reaching.every((route) => isTokenOnly(route.chain))) return [];
  const findings: JsFinding[] = [];
  const express: RequestLogoutSite[] = [];
  const koa: RequestLogoutSite[] = [];
  for (const site of requestLogouts) {
    if (!looksLikeRequestHandler(handler, site, routeOf)) continue;
    const framework = frameworkOf(libs, handler, site);
    if (framework === 'koa' && libs.koaPassportPromise === false) koa.push(site);
    else if (framework === 'koa' || framework === 'fastify') findings.push(...promiseLogoutFindings(ctx, handler, site, framework));
    else if (framework === 'express') express.push(site);
  }
  if (koa.length > 0) findings.push(...koaSyncLogoutFindings(ctx, handler, koa, unsets.filter((s) => s.kind === 'session-unset')));
  const expressUnsets = libs.koaPassport && !libs.passport ? [] : unsets;
  if (express.length > 0 || expressUnsets.length > 0) findings.push(...expressFindings(ctx, handler, express, expressUnsets));
  return findings;
}

/**
 * `props.logout()` in a component or `socket.logout()` in a socket handler have a parameter
 * receiver too. A request's logout is on a route, on a decorated `@Req()` parameter, or on a
 * parameter named like a request (`req`, `request`, `ctx`, `context`, `httpReq`, …).
 */
function looksLikeRequestHandler(handler: FunctionNode, site: RequestLogoutSite, routeOf: () => RouteContext | null): boolean {
  if (/^(ctx|context)$|req/i.test(site.receiver)) return true;
  const param = handler.params[site.binding.index];
  if (param && 'decorators' in param && param.decorators?.length) return true;
  return routeOf() !== null;
}

/** Which library's `logout` this is: by the declared packages, then by the handler's shape. */
function frameworkOf(libs: NodeLibraries, handler: FunctionNode, site: RequestLogoutSite): 'express' | 'koa' | 'fastify' | null {
  const candidates = [libs.passport && 'express', libs.koaPassport && 'koa', libs.fastifyPassport && 'fastify'].filter((c): c is 'express' | 'koa' | 'fastify' => !!c);
  if (candidates.length <= 1) return candidates[0] ?? null;
  const second = handler.params[1];
  const secondName = second?.type === 'Identifier' ? second.name : '';
  if (candidates.includes('koa') && handler.params.length <= 2 && /^(ctx|context)$/.test(site.receiver)) return 'koa';
  if (candidates.includes('fastify') && /^(reply|rep)$/.test(secondName)) return 'fastify';
  return candidates.includes('express') ? 'express' : candidates[0]!;
}
