import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { acrossPaths, entryPaths, type CallGraph, type CallPath } from '../../evaluate/call-paths';
import type { Flow, LogoutEvent } from '../../evaluate/flow';
import { judgeLogouts, type LogoutVerdict } from '../../evaluate/logout-verdicts';
import { evaluateFlow } from '../../evaluate/session-paths';
import { isTokenOnly } from '../../facts/node/auth-chain';
import type { FunctionNode, Node } from '../../facts/node/ast';
import { handlerFlow, type EventClassifier } from '../../facts/node/handler-flow';
import { withLogoutHelpers } from '../../facts/node/logout-helpers';
import { calleeOf, callersOf, functionKey, functionName, sameFunctionIn, type FunctionRef } from '../../project/node/call-graph';
import { moduleAt, type ParsedModule } from '../../project/node/modules';
import { routeContextOf, type RouteContext } from '../../project/node/routes';
import type { FileContext } from './finding';

type Path = CallPath<FunctionRef, TSESTree.CallExpression>;

/** The caller that leaves a helper's logout incomplete, and the route that reaches it (related locations). */
export interface IncompleteCaller {
  /** `logout() in src/routes/auth.js:12 (route at src/app.js:30)`, for messages. */
  label: string;
  file: string;
  line: number;
  route: RouteContext | null;
}

export interface PathVerdict extends LogoutVerdict<Node> {
  /** Set when the logout sits in a helper and this caller (on the failing path) does not complete it. */
  via: IncompleteCaller | null;
}

/** Words a function needs to be followed into: it logs out or touches the session. */
const SESSION_TEXT = /log_?out|session|accessTokens/i;

/** Depth of project calls followed down from a function on the path (a handler → a helper that destroys the session). */
const INLINE_DEPTH = 3;

/**
 * One function's view of the project's call graph for the file being linted: the linted AST is
 * used for its own file, so logouts found along a path are the nodes the rules report.
 */
function graphFor(ctx: FileContext): { graph: CallGraph<FunctionRef, TSESTree.CallExpression>; here: (ref: FunctionRef) => FunctionRef; routeOf: (ref: FunctionRef) => RouteContext | null } {
  const moduleOf = (file: string): ParsedModule | null => (file === ctx.module.file ? ctx.module : moduleAt(file, ctx.project.root));
  const here = (ref: FunctionRef): FunctionRef => (ref.module.file === ctx.module.file && ref.module !== ctx.module ? sameFunctionIn(ctx.module, ref) ?? ref : ref);
  const routes = new Map<string, RouteContext | null>();
  const routeOf = (ref: FunctionRef): RouteContext | null => {
    const key = functionKey(ref);
    if (!routes.has(key)) routes.set(key, routeContextOf(ref.fn, ref.module, ctx.project));
    return routes.get(key)!;
  };
  const graph: CallGraph<FunctionRef, TSESTree.CallExpression> = {
    callersOf: (fn) => callersOf(fn, ctx.project, moduleOf).map((edge) => ({ caller: here(edge.caller), call: edge.call })),
    isEntry: (fn) => routeOf(fn) !== null,
    keyOf: functionKey,
  };
  return { graph, here, routeOf };
}

/**
 * The paths from routed handlers down to `handler`, without those whose route admits token-only
 * requests (no session to end there). Empty when every route reaching it is token-only.
 */
export function callPathsTo(ctx: FileContext, handler: FunctionNode): HandlerPaths {
  let found = pathsCache.get(handler);
  if (!found) {
    const { graph, here, routeOf } = graphFor(ctx);
    const target = { fn: handler, module: ctx.module };
    const all = entryPaths(target, graph);
    const paths = all.filter((p) => !isTokenOnly(routeOf(p.entry)?.chain ?? null));
    const routes = all.map((p) => routeOf(p.entry)).filter((r): r is RouteContext => r !== null);
    found = { paths, routes, routeOf, flowOf: (p, classify) => pathFlow(ctx, p, target, classify, here) };
    pathsCache.set(handler, found);
  }
  return found;
}

interface HandlerPaths {
  /** Paths from routed handlers (or the top of what is known) down to the handler, token-only routes left out. */
  paths: Path[];
  /** Every route reaching the handler, directly or through callers. */
  routes: RouteContext[];
  routeOf: (ref: FunctionRef) => RouteContext | null;
  flowOf: (path: Path, classify: EventClassifier) => Flow<Node>;
}

/** Per linted AST: the rules of one file share the search (a new parse is a new key). */
const pathsCache = new WeakMap<FunctionNode, HandlerPaths>();

/** The flow of a path's entry, with each call on the path (and, bounded, other project calls) followed into its callee. */
function pathFlow(ctx: FileContext, p: Path, target: FunctionRef, classify: EventClassifier, here: (ref: FunctionRef) => FunctionRef): Flow<Node> {
  const flowAt = (ref: FunctionRef, step: number, visiting: ReadonlySet<string>): Flow<Node> =>
    handlerFlow(ref.fn, classify, (call) => {
      const edge = p.calls[step];
      if (edge && edge.call === call) {
        const next = p.calls[step + 1]?.caller ?? target;
        return flowAt(next, step + 1, new Set([...visiting, functionKey(next)]));
      }
      if (visiting.size > INLINE_DEPTH + p.calls.length) return null;
      const callee = calleeOf(call, ref.module, ctx.project);
      if (!callee || visiting.has(functionKey(callee))) return null;
      const local = here(callee);
      // Only functions that can touch the session are worth following.
      if (!SESSION_TEXT.test(local.module.text.slice(local.fn.range[0], local.fn.range[1]))) return null;
      return flowAt(local, step, new Set([...visiting, functionKey(local)]));
    });
  return flowAt(p.entry, 0, new Set([functionKey(p.entry)]));
}

/**
 * Logout verdicts for the logouts `classify` marks in `handler`, judged along every path from a
 * routed handler (SPEC §2.3): a helper's logout that every caller completes is clean; otherwise
 * the first caller that does not is named. A helper nobody calls is judged on its own body.
 */
export function verdictsAlongCallers(ctx: FileContext, handler: FunctionNode, frameworkClassify: EventClassifier): PathVerdict[] {
  const { paths, routeOf, flowOf } = callPathsTo(ctx, handler);
  const classify = withLogoutHelpers(frameworkClassify, ctx.settings?.logoutHelpers ?? []);
  const ran = new Map<Path, Set<LogoutEvent<Node>['node']>>();
  const verdictsOf = (p: Path): LogoutVerdict<Node>[] => {
    const ends = evaluateFlow(flowOf(p, classify));
    ran.set(p, new Set(ends.flatMap((end) => end.state.logouts.map((l) => l.node))));
    return judgeLogouts(ends);
  };
  const across = acrossPaths(paths, verdictsOf, (v) => v.logout.node, (p, node) => ran.get(p)?.has(node) ?? false);
  const verdicts: PathVerdict[] = [];
  for (const { verdict, path: failing, onEveryPath, failing: all } of across.values()) {
    const via = failing.calls.length > 0 ? incompleteCaller(ctx, failing, routeOf(failing.entry)) : null;
    verdicts.push({
      ...verdict,
      onEveryPath: onEveryPath && all.every((f) => f.verdict.onEveryPath),
      missingInvalidation: all.some((f) => f.verdict.missingInvalidation),
      missingCsrfRotation: all.some((f) => f.verdict.missingCsrfRotation),
      via,
    });
  }
  return verdicts;
}

/** How a message names the paths that fail: '', ' on some paths', or ' when called from <caller> (route at …)'. */
export function failingPathText(verdict: PathVerdict): string {
  return verdict.via ? ` when called from ${verdict.via.label}` : verdict.onEveryPath ? '' : ' on some paths';
}

/** Exported for the editor's explanation, which names the same caller as the message (explain.ts). */
export function incompleteCaller(ctx: FileContext, p: Path, route: RouteContext | null): IncompleteCaller {
  const first = p.calls[0]!;
  const file = p.entry.module.file;
  const line = first.call.loc.start.line;
  const rel = (f: string): string => path.relative(ctx.project.root, f).split(path.sep).join('/');
  const name = functionName(p.entry.fn);
  const where = file === ctx.module.file ? `line ${line}` : `${rel(file)}:${line}`;
  const routeText = route ? ` (route at ${rel(route.routeFile)}:${route.routeLine})` : '';
  return { label: `${name ? `${name}() at ` : ''}${where}${routeText}`, file, line, route };
}

/** Routes that reach `handler`, directly or through callers (route context flows into helpers). */
export function routesReaching(ctx: FileContext, handler: FunctionNode): RouteContext[] {
  return callPathsTo(ctx, handler).routes;
}
