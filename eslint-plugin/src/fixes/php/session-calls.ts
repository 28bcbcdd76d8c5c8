import type { PhpNode } from '../../languages/php/php-ast';
import type { PhpSourceCode } from '../../languages/php/php-source-code';
import type { LaravelHandler } from '../../facts/laravel/file-facts';

/**
 * How the fix addresses the session, re-using the handler's own names: its `Request $request`
 * parameter, else the session form the handler already uses, else `request()->session()`.
 */
export function sessionAccessor(sourceCode: PhpSourceCode, handler: LaravelHandler): (method: string) => string {
  if (handler.requestVariable) return (method) => `$${handler.requestVariable}->session()->${method}()`;
  const existing = handler.sessionCalls[0];
  if (existing) {
    if (existing.receiver === null) return (method) => `${facadeName(sourceCode, existing.node)}::${method}()`;
    const receiver = sourceCode.getText(existing.receiver as never);
    return (method) => `${receiver}->${method}()`;
  }
  return (method) => `request()->session()->${method}()`;
}

/** `Session` as written in an existing `Session::x()` call (it may be `\Session` or an alias). */
function facadeName(sourceCode: PhpSourceCode, call: PhpNode): string {
  const what = call['what'] as PhpNode;
  return sourceCode.getText((what['what'] as PhpNode) as never);
}

/** Canonical spelling of Laravel session methods in generated code. */
export const SESSION_METHOD_NAMES: Record<string, string> = {
  invalidate: 'invalidate',
  regeneratetoken: 'regenerateToken',
  regenerate: 'regenerate',
  migrate: 'migrate',
  flush: 'flush',
};
