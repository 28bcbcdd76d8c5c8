import type { PhpNode, PhpProgram } from '../../languages/php/php-ast';
import { flowHas, type LogoutEvent } from '../../evaluate/flow';
import { evaluateFlow } from '../../evaluate/session-paths';
import { judgeLogouts, type LogoutVerdict } from '../../evaluate/logout-verdicts';
import type { LaravelLogoutDetail } from '../../facts/laravel/calls';
import { laravelFileFacts, type LaravelHandler } from '../../facts/laravel/file-facts';
import { countsAsSessionLogout, fileNameOf, handlerRouteContext, withProject, type HandlerRouteContext } from './route-context';

export interface HandlerLogoutVerdicts {
  handler: LaravelHandler;
  verdicts: LogoutVerdict<PhpNode>[];
  /** The routes reaching the handler (empty when none were found or the file is not in a Laravel app). */
  context: HandlerRouteContext;
}

const cache = new WeakMap<PhpProgram, HandlerLogoutVerdicts[]>();

/**
 * Logout verdicts for every handler of a PHP file: computed once, shared by the session rules.
 * Route context decides which logouts end a session login: an unqualified logout on a route
 * whose effective guard is token-capable throws instead (acceptance Decision 2), a JWT guard's
 * logout ends no session, and a route without a session owes no invalidation.
 * `fileName` defaults to the name the rules registered for this AST (rememberFileName).
 */
export function laravelLogoutVerdicts(program: PhpProgram, fileName?: string): HandlerLogoutVerdicts[] {
  let result = cache.get(program);
  if (!result) {
    const name = fileName ?? fileNameOf(program);
    result = withProject(program, name, (project) =>
      laravelFileFacts(program)
        .handlers.filter((handler) => handler.logouts.length > 0 && flowHas(handler.flow, 'logout'))
        .map((handler) => {
          const context = handlerRouteContext(project, name, handler);
          const countsAsLogout = (event: LogoutEvent<PhpNode>): boolean => countsAsSessionLogout({ node: event.node, detail: event.detail as LaravelLogoutDetail }, handler, context);
          return { handler, context, verdicts: judgeLogouts(evaluateFlow(handler.flow, { countsAsLogout })) };
        }),
    );
    cache.set(program, result);
  }
  return result;
}
