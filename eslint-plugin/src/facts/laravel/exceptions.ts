import { isPhpNode, type PhpNode } from '../../languages/php/php-ast';
import { authTarget, isRequestExpr, isSessionExpr, type HandlerEnv } from './calls';
import { functionCall, staticCall, variableName } from './php-syntax';

/**
 * What can enter a `catch` (SPEC §2.2): a catch of specific application exceptions is reachable
 * only from calls that can throw them; the framework's own auth, session, request and response
 * calls do not throw application exceptions.
 */

/** Exceptions the framework's own calls (or PHP itself) may throw: a catch naming one is entered from anywhere. */
const BROAD_EXCEPTIONS = /(^|\\)(throwable|exception|error|errorexception|runtimeexception|logicexception|badmethodcallexception|typeerror|invalidargumentexception)$/i;

/** Whether `catch (A | B $e)` catches anything a framework call could throw. */
export function catchesAnything(env: HandlerEnv, catchNode: PhpNode): boolean {
  const types = Array.isArray(catchNode['what']) ? (catchNode['what'] as PhpNode[]) : [];
  if (types.length === 0) return true;
  return types.some((type) => !isPhpNode(type) || type.kind !== 'name' || BROAD_EXCEPTIONS.test(env.scope.resolveClass(String(type['name']))));
}

/** Helpers and facades that build responses or read the request, auth or session: no application exception. */
const QUIET_FUNCTIONS = new Set(['auth', 'session', 'request', 'redirect', 'response', 'back', 'route', 'url', 'view', 'to_route', 'config', 'trans', '__', 'now', 'cookie', 'csrf_token', 'app', 'resolve', 'compact', 'is_null', 'isset', 'method_exists', 'is_a']);
const QUIET_FACADES = ['auth', 'session', 'request', 'cookie', 'redirect', 'response', 'url', 'route', 'view', 'config', 'log'];
const LOOKUPS = new Set(['propertylookup', 'nullsafepropertylookup', 'staticlookup']);

/** A call that is not one of the framework's quiet calls, so a specific `catch` may be entered from it. */
export function mayThrowApplicationException(env: HandlerEnv, call: PhpNode): boolean {
  // The start of the chain decides: `redirect('/')->with(…)`, `$request->session()->get(…)`.
  let root: PhpNode = call;
  for (let i = 0; i < 64 && root.kind === 'call'; i++) {
    const what = root['what'] as PhpNode;
    if (!isPhpNode(what)) return true;
    if (what.kind === 'name') return !QUIET_FUNCTIONS.has(functionCall(root)!.name);
    const st = staticCall(root);
    if (st) return !QUIET_FACADES.includes(facadeName(env, st.className) ?? '');
    if (!LOOKUPS.has(what.kind) || !isPhpNode(what['what'])) return true;
    if (authTarget(env, root) || isSessionExpr(env, root)) return false;
    root = what['what'] as PhpNode;
  }
  if (isRequestExpr(env, root) || isSessionExpr(env, root) || authTarget(env, root)) return false;
  const name = variableName(root);
  const kind = name ? env.vars.get(name)?.kind : undefined;
  return !(kind === 'request' || kind === 'session' || kind === 'guard' || kind === 'auth-manager');
}

/** `Log` for `Illuminate\\Support\\Facades\\Log` or the global alias `Log`, lower-cased; undefined for other classes. */
function facadeName(env: HandlerEnv, written: string): string | undefined {
  const resolved = env.scope.resolveClass(written).toLowerCase();
  const match = /^(?:illuminate\\support\\facades\\)?([a-z]+)$/.exec(resolved);
  return match?.[1];
}
