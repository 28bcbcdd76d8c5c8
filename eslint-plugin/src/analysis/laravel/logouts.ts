import type { PhpNode, PhpProgram } from '../../languages/php/php-ast';
import { flowHas, type LogoutEvent } from '../../evaluate/flow';
import { evaluateFlow } from '../../evaluate/session-paths';
import { judgeLogouts, type LogoutVerdict } from '../../evaluate/logout-verdicts';
import type { LaravelLogoutDetail } from '../../facts/laravel/calls';
import { laravelFileFacts, type LaravelHandler } from '../../facts/laravel/file-facts';
import type { Invocation } from '../../project/laravel';
import { handlerInvocations, invocationRoutes, isBackgroundWork, isLoginHook, isMiddlewareHandle } from './invocations';
import { DEFAULT_SETTINGS, PerSettingsCache, type SecureLogoutSettings } from '../../settings';
import { controllerAuthGuard, countsAsSessionLogout, fileNameOf, withProject, type HandlerRouteContext } from './route-context';

/** A logout verdict, with the call path it fails on when the logout is in a helper another file calls. */
export type LaravelLogoutVerdict = LogoutVerdict<PhpNode> & { via?: Invocation };

export interface HandlerLogoutVerdicts {
  handler: LaravelHandler;
  verdicts: LaravelLogoutVerdict[];
  /** The routes reaching the handler, directly or through its callers (empty when none were found or the file is not in a Laravel app). */
  context: HandlerRouteContext;
}

const cache = new PerSettingsCache<PhpProgram, HandlerLogoutVerdicts[]>();

/**
 * Logout verdicts for every handler of a PHP file: computed once, shared by the session rules.
 * Each logout is judged along every known way its handler runs (SPEC §2.3): from the routed
 * handler through the calls down to it, so a helper whose every caller completes the logout is
 * clean, and one caller that does not is a finding (named in `via`). Route context decides which
 * logouts end a session login: an unqualified logout on a route whose effective guard is
 * token-capable throws instead (acceptance Decision 2), a JWT guard's logout ends no session,
 * and a route without a session owes no invalidation. Logouts in HTTP middleware `handle()` eject
 * a user and are not judged here. `fileName` defaults to the name the rules registered for this AST.
 */
export function laravelLogoutVerdicts(program: PhpProgram, fileName?: string, user: SecureLogoutSettings = DEFAULT_SETTINGS): HandlerLogoutVerdicts[] {
  return cache.get(program, user, () => {
    const name = fileName ?? fileNameOf(program);
    const judged = laravelFileFacts(program, user).handlers.filter((handler) => handler.logouts.length > 0 && flowHas(handler.flow, 'logout') && !isMiddlewareHandle(handler) && !isBackgroundWork(handler) && !isLoginHook(handler));
    // A file without a logout to judge needs no project model (its build is most of a small run).
    return judged.length === 0 ? [] : withProject(program, name, (project) =>
      judged.map((handler) => {
        const invocations = handlerInvocations(program, name, project, handler, user);
        const own = new Set(handler.logouts.map((l) => l.node));
        const byLogout = new Map<PhpNode, LaravelLogoutVerdict>();
        const controllerGuard = controllerAuthGuard(program, name, handler);
        for (const { invocation, rootFlow } of invocations) {
          const context: HandlerRouteContext = { project, routes: invocation.routes };
          const countsAsLogout = (event: LogoutEvent<PhpNode>): boolean => countsAsSessionLogout({ node: event.node, detail: event.detail as LaravelLogoutDetail }, handler, context, controllerGuard);
          for (const verdict of judgeLogouts(evaluateFlow(rootFlow, { countsAsLogout }))) {
            if (!own.has(verdict.logout.node) || byLogout.has(verdict.logout.node)) continue;
            byLogout.set(verdict.logout.node, invocation.chain.length > 0 ? { ...verdict, via: invocation } : verdict);
          }
        }
        // The routes of a failing call path first: the headline names the route the logout fails on.
        const failing = new Set([...byLogout.values()].flatMap((v) => v.via?.routes ?? []));
        const routes = invocationRoutes(invocations).sort((a, b) => Number(failing.has(b)) - Number(failing.has(a)));
        return { handler, context: { project, routes }, verdicts: [...byLogout.values()] };
      }),
    user);
  });
}
