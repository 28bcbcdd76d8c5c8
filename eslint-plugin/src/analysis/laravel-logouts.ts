import type { PhpNode, PhpProgram } from '../languages/php/php-ast';
import { flowHas } from '../evaluate/flow';
import { evaluateFlow } from '../evaluate/session-paths';
import { judgeLogouts, type LogoutVerdict } from '../evaluate/logout-verdicts';
import { laravelFileFacts, type LaravelHandler } from '../facts/laravel/file-facts';

export interface HandlerLogoutVerdicts {
  handler: LaravelHandler;
  verdicts: LogoutVerdict<PhpNode>[];
}

const cache = new WeakMap<PhpProgram, HandlerLogoutVerdicts[]>();

/** Logout verdicts for every handler of a PHP file: computed once, shared by the session rules. */
export function laravelLogoutVerdicts(program: PhpProgram): HandlerLogoutVerdicts[] {
  let result = cache.get(program);
  if (!result) {
    result = laravelFileFacts(program)
      .handlers.filter((handler) => handler.logouts.length > 0 && flowHas(handler.flow, 'logout'))
      .map((handler) => ({ handler, verdicts: judgeLogouts(evaluateFlow(handler.flow)) }));
    cache.set(program, result);
  }
  return result;
}
