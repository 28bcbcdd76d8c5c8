import { isPhpNode, type PhpNode } from '../../languages/php/php-ast';
import type { DeclaredClass, FileScope } from './file-scope';
import { functionCall, methodCall, nameOf, staticCall, stringValue, variableName, walk } from './php-syntax';
import { declaredPropertyTypes } from './class-members';
import { phpVisitorKeys } from '../../languages/php/visitor-keys';
import type { LogoutHelper } from '../../settings';

/** What a local variable is known to hold inside one handler. */
export type VariableKind =
  | { kind: 'request' }
  | { kind: 'session' }
  | { kind: 'auth-manager' }
  | { kind: 'guard'; guard: string | null; form: LogoutForm }
  | { kind: 'access-token' }
  | { kind: 'user' }
  /** An object of a class the app may declare (a service injected by type, `app(X::class)`, `new X`). */
  | { kind: 'instance'; fqn: string };

/** `declared-helper`: a logout helper declared in `settings['secure-logout']`. */
export type LogoutForm = 'facade' | 'helper' | 'manager' | 'this-guard' | 'stateful-guard' | 'declared-helper';

/** A Laravel logout call, as the rules need to judge it. */
export interface LaravelLogoutDetail {
  /** The guard named in the call, or null when the call goes to the default guard. */
  guard: string | null;
  form: LogoutForm;
  method: 'logout' | 'logoutcurrentdevice';
}

export interface HandlerEnv {
  scope: FileScope;
  /** The class or trait that declares the code being read. */
  cls: DeclaredClass | undefined;
  vars: Map<string, VariableKind>;
  /** The class `$this` is (the routed or calling class; a trait's user, a parent's child), when known. */
  thisClass?: string;
  /** Follows calls into other classes and files; absent when only this file is read. */
  calls?: CallResolver;
  /** Logout helpers declared in `settings['secure-logout']`: their calls are judged as declared, not read. */
  logoutHelpers?: readonly LogoutHelper[];
}

/** A method body a call reaches, with the environment its body is read in. */
export interface CallTarget {
  env: HandlerEnv;
  fn: PhpNode;
  /** The file that declares it. */
  file: string;
  /** False when the body cannot contain a logout, session, login or further call: not worth reading. */
  relevant?: boolean;
}

/** Resolves calls across classes and files (implemented by the project model). Unknown receivers stay unknown. */
export interface CallResolver {
  /** The method a call expression reaches, or undefined when the receiver or method is unknown. */
  resolve(env: HandlerEnv, call: PhpNode): CallTarget | undefined;
  /** `$this->name()` late-bound on `env.thisClass` (its own methods, traits, parents). */
  thisMethod(env: HandlerEnv, name: string): CallTarget | undefined;
}

const FACADES = {
  auth: 'Illuminate\\Support\\Facades\\Auth',
  session: 'Illuminate\\Support\\Facades\\Session',
  request: 'Illuminate\\Support\\Facades\\Request',
};

/** `Auth::`, `Session::`, `Request::` as the facade (imported, or the global alias in unnamespaced files). */
export function isFacade(env: HandlerEnv, written: string, facade: keyof typeof FACADES): boolean {
  const resolved = env.scope.resolveClass(written).toLowerCase();
  return resolved === FACADES[facade].toLowerCase() || resolved === facade;
}

const REQUEST_TYPES = /(^|\\)(Request|FormRequest|[A-Za-z]+Request)$/;
const SESSION_TYPES = new Set(['illuminate\\session\\store', 'illuminate\\contracts\\session\\session', 'illuminate\\session\\sessionmanager']);
const MANAGER_TYPES = new Set(['illuminate\\auth\\authmanager', 'illuminate\\contracts\\auth\\factory']);
const STATEFUL_GUARD_TYPES = new Set(['illuminate\\contracts\\auth\\statefulguard', 'illuminate\\auth\\sessionguard']);
/** `Illuminate\Contracts\Auth\Guard`: the container gives the default guard (`auth.driver`). */
const DEFAULT_GUARD_TYPE = 'illuminate\\contracts\\auth\\guard';

/** Classifies a typed parameter: `Request $request`, `StatefulGuard $guard`, `Store $session`, … */
export function parameterKind(env: HandlerEnv, param: PhpNode): VariableKind | undefined {
  const type = param['type'] as PhpNode | null;
  const written = type && type.kind === 'name' ? String(type['name']) : undefined;
  if (!written) return undefined;
  return kindOfType(env.scope.resolveClass(written), written);
}

/** What a value of a declared class is to the rules (request, session, auth manager, guard) or an instance of it. */
export function kindOfType(fqn: string, written = fqn): VariableKind {
  const lower = fqn.toLowerCase();
  if (SESSION_TYPES.has(lower)) return { kind: 'session' };
  if (MANAGER_TYPES.has(lower)) return { kind: 'auth-manager' };
  if (STATEFUL_GUARD_TYPES.has(lower)) return { kind: 'guard', guard: null, form: 'stateful-guard' };
  if (lower === DEFAULT_GUARD_TYPE) return { kind: 'guard', guard: null, form: 'manager' };
  if (REQUEST_TYPES.test(written)) return { kind: 'request' };
  return { kind: 'instance', fqn };
}

/** `$this->auth` when the class declares the property's type (typed, promoted, or assigned from a typed constructor parameter). */
function thisPropertyKind(env: HandlerEnv, node: PhpNode): VariableKind | undefined {
  if (node.kind !== 'propertylookup' || !env.cls || variableName(node['what'] as PhpNode) !== 'this') return undefined;
  const name = nameOf(node['offset']);
  const fqn = name ? declaredPropertyTypes(env.scope, env.cls).get(name.toLowerCase()) : undefined;
  return fqn ? kindOfType(fqn) : undefined;
}

/** `X::class` as a fully qualified name. */
export function classConstant(env: HandlerEnv, node: PhpNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'namedargument') return classConstant(env, node['value'] as PhpNode);
  if (node.kind !== 'staticlookup' || nameOf(node['offset'])?.toLowerCase() !== 'class') return undefined;
  const what = node['what'] as PhpNode;
  return what?.kind === 'name' ? env.scope.resolveClass(String(what['name'])) : undefined;
}

/** `app(X::class)`, `resolve(X::class)`, `app()->make(X::class)`, `App::make(X::class)`, `new X(…)`: the class. */
export function instantiatedClass(env: HandlerEnv, node: PhpNode): string | undefined {
  if (node.kind === 'new') {
    const what = node['what'] as PhpNode;
    return what?.kind === 'name' ? env.scope.resolveClass(String(what['name'])) : undefined;
  }
  const fn = functionCall(node);
  if (fn && (fn.name === 'app' || fn.name === 'resolve')) return classConstant(env, fn.args[0]);
  const call = methodCall(node);
  if (call && (call.method === 'make' || call.method === 'makewith') && functionCall(call.object)?.name === 'app') return classConstant(env, call.args[0]);
  const st = staticCall(node);
  if (st && st.method === 'make' && /(^|\\)app$/i.test(env.scope.resolveClass(st.className))) return classConstant(env, st.args[0]);
  return undefined;
}

function appBinding(node: PhpNode): string | undefined {
  const call = functionCall(node);
  if (!call || (call.name !== 'app' && call.name !== 'resolve')) return undefined;
  return stringValue(call.args[0]);
}

export function isRequestExpr(env: HandlerEnv, node: PhpNode): boolean {
  if (!isPhpNode(node)) return false;
  const name = variableName(node);
  if (name) return env.vars.get(name)?.kind === 'request' || name === 'request';
  const fn = functionCall(node);
  if (fn?.name === 'request' && fn.args.length === 0) return true;
  // $this->request (controllers that store the request)
  if (node.kind === 'propertylookup') {
    const owner = node['what'] as PhpNode;
    return variableName(owner) === 'this' && /^request$/i.test(String((node['offset'] as PhpNode)['name'] ?? ''));
  }
  return false;
}

/** An expression that evaluates to the session store. */
export function isSessionExpr(env: HandlerEnv, node: PhpNode): boolean {
  if (!isPhpNode(node)) return false;
  const name = variableName(node);
  if (name) return env.vars.get(name)?.kind === 'session';
  if (thisPropertyKind(env, node)?.kind === 'session') return true;
  const fn = functionCall(node);
  if (fn?.name === 'session' && fn.args.length === 0) return true;
  const binding = appBinding(node);
  if (binding === 'session' || binding === 'session.store') return true;
  const call = methodCall(node);
  if (call?.method === 'session' && call.args.length === 0 && isRequestExpr(env, call.object)) return true;
  if (call?.method === 'getsession' && authTarget(env, call.object)?.kind === 'guard') return true;
  const st = staticCall(node);
  if (st?.method === 'session' && isFacade(env, st.className, 'request')) return true;
  return false;
}

/** A call made on the session: `$request->session()->invalidate()`, `Session::flush()`, `session()->regenerate()`. */
export function sessionCall(env: HandlerEnv, node: PhpNode): { method: string; args: PhpNode[]; receiver: PhpNode | null } | undefined {
  if (!isPhpNode(node)) return undefined;
  const call = methodCall(node);
  if (call && isSessionExpr(env, call.object)) return { method: call.method, args: call.args, receiver: call.object };
  const st = staticCall(node);
  if (st && isFacade(env, st.className, 'session')) return { method: st.method, args: st.args, receiver: null };
  return undefined;
}

type AuthTarget = { kind: 'manager'; form: LogoutForm } | { kind: 'guard'; guard: string | null; form: LogoutForm };

/** What an expression addresses in the auth system: the manager (default guard) or a named guard. */
export function authTarget(env: HandlerEnv, node: PhpNode): AuthTarget | undefined {
  if (!isPhpNode(node)) return undefined;
  const name = variableName(node);
  if (name) {
    const known = env.vars.get(name);
    if (known?.kind === 'auth-manager') return { kind: 'manager', form: 'manager' };
    if (known?.kind === 'guard') return { kind: 'guard', guard: known.guard, form: known.form };
    return undefined;
  }
  const property = thisPropertyKind(env, node);
  if (property?.kind === 'auth-manager') return { kind: 'manager', form: 'manager' };
  if (property?.kind === 'guard') return { kind: 'guard', guard: property.guard, form: property.form };
  const fn = functionCall(node);
  if (fn?.name === 'auth') {
    return fn.args.length === 0 ? { kind: 'manager', form: 'helper' } : { kind: 'guard', guard: stringValue(fn.args[0]) ?? '?', form: 'helper' };
  }
  if (appBinding(node) === 'auth') return { kind: 'manager', form: 'manager' };
  const st = staticCall(node);
  // Filament's panel guard (a session guard whose name the panel configures).
  if (st?.method === 'auth' && /(^|\\)filament\\facades\\filament$/i.test(env.scope.resolveClass(st.className))) return { kind: 'guard', guard: '?', form: 'facade' };
  if (st?.method === 'guard' && isFacade(env, st.className, 'auth')) {
    return { kind: 'guard', guard: st.args.length ? stringValue(st.args[0]) ?? '?' : null, form: 'facade' };
  }
  const call = methodCall(node);
  if (call?.method === 'guard') {
    if (variableName(call.object) === 'this') return { kind: 'guard', guard: thisGuardName(env), form: 'this-guard' };
    const owner = authTarget(env, call.object);
    if (owner?.kind === 'manager') return { kind: 'guard', guard: call.args.length ? stringValue(call.args[0]) ?? '?' : null, form: owner.form };
  }
  return undefined;
}

/**
 * The guard `$this->guard()` returns; null = default guard. Late-bound when the project is known:
 * a trait's or parent's `$this->guard()` is the using or child class's override, in another file.
 */
export function thisGuardName(env: HandlerEnv): string | null {
  const lateBound = env.calls && env.thisClass ? env.calls.thisMethod(env, 'guard') : undefined;
  const local = lateBound ? undefined : env.cls && env.scope.findMethod(env.cls, 'guard');
  const method = lateBound?.fn ?? local?.method;
  const methodEnv = lateBound?.env ?? env;
  if (!method) return null;
  let guard: string | null = null;
  walk(
    method,
    (node) => {
      if (node.kind !== 'return' || !node['expr']) return;
      const target = authTarget({ ...methodEnv, cls: undefined, calls: undefined }, node['expr'] as PhpNode);
      if (target?.kind === 'guard' && target.guard !== '?') guard = target.guard;
    },
    phpVisitorKeys,
  );
  return guard;
}

/** `…->logout()` / `logoutCurrentDevice()` on a guard, the manager or the `Auth` facade. */
export function logoutCall(env: HandlerEnv, node: PhpNode): LaravelLogoutDetail | undefined {
  if (!isPhpNode(node)) return undefined;
  const st = staticCall(node);
  if (st && (st.method === 'logout' || st.method === 'logoutcurrentdevice') && isFacade(env, st.className, 'auth')) {
    return { guard: null, form: 'facade', method: st.method };
  }
  const call = methodCall(node);
  if (!call || (call.method !== 'logout' && call.method !== 'logoutcurrentdevice')) return undefined;
  const target = authTarget(env, call.object);
  if (!target) return undefined;
  return { guard: target.kind === 'guard' ? target.guard : null, form: target.form, method: call.method };
}

const LOGIN_METHODS = new Set(['login', 'attempt', 'loginusingid', 'attemptwhen', 'once', 'onceusingid']);
const PARENT_LOGIN_METHODS = new Set(['login', 'authenticate', 'attemptlogin']);

/**
 * A call of a logout helper declared in settings: `App\Support\Auth::signOut` matches
 * `Auth::signOut()` (class resolved through the file's imports) and `$auth->signOut()` on a value
 * known to be of that class; a name without `::` matches the function call `name()`.
 */
export function declaredLogoutHelper(env: HandlerEnv, node: PhpNode): LogoutHelper | undefined {
  if (!env.logoutHelpers?.length || !isPhpNode(node)) return undefined;
  const st = staticCall(node);
  const call = st ? undefined : methodCall(node);
  const fn = st || call ? undefined : functionCall(node);
  const method = st?.method ?? call?.method;
  return env.logoutHelpers.find((helper) => {
    const [owner, name] = helper.name.includes('::') ? helper.name.split('::', 2) : [undefined, helper.name];
    if (!owner) return fn?.name === name!.toLowerCase();
    if (method !== name!.toLowerCase()) return false;
    const wanted = owner.toLowerCase();
    if (st) return ['self', 'static'].includes(st.className) ? (env.thisClass ?? env.cls?.fqn)?.toLowerCase() === wanted : env.scope.resolveClass(st.className).toLowerCase() === wanted;
    const receiver = variableName(call!.object) === 'this' ? env.thisClass ?? env.cls?.fqn : receiverInstance(env, call!.object);
    return receiver?.toLowerCase() === wanted;
  });
}

/** The class of a receiver the handler's code types: a typed variable or property, `app(X::class)`, `new X`. */
function receiverInstance(env: HandlerEnv, node: PhpNode): string | undefined {
  const name = variableName(node);
  const kind = name ? env.vars.get(name) : thisPropertyKind(env, node);
  if (kind?.kind === 'instance') return kind.fqn;
  return name ? undefined : instantiatedClass(env, node);
}

/** `Auth::login($u)`, `Auth::attempt(…)`, `auth()->loginUsingId(…)`, `$this->guard()->attempt(…)`: a login. */
export function isLoginCall(env: HandlerEnv, node: PhpNode): boolean {
  if (!isPhpNode(node)) return false;
  const st = staticCall(node);
  // `parent::authenticate()` / `parent::login()` in a vendor login page or controller the analysis cannot read.
  if (st?.className === 'parent' && PARENT_LOGIN_METHODS.has(st.method)) return !env.calls?.resolve(env, node);
  if (st) return LOGIN_METHODS.has(st.method) && isFacade(env, st.className, 'auth');
  const call = methodCall(node);
  return !!call && LOGIN_METHODS.has(call.method) && authTarget(env, call.object) !== undefined;
}

/** `$request->user()`, `auth()->user()`, `Auth::user()`, `request()->user()`, or a variable holding one. */
export function isUserExpr(env: HandlerEnv, node: PhpNode): boolean {
  if (!isPhpNode(node)) return false;
  const name = variableName(node);
  if (name) return env.vars.get(name)?.kind === 'user';
  const st = staticCall(node);
  if (st?.method === 'user' && isFacade(env, st.className, 'auth')) return true;
  const call = methodCall(node);
  if (call?.method !== 'user') return false;
  return isRequestExpr(env, call.object) || authTarget(env, call.object) !== undefined;
}

/** `…->currentAccessToken()` on a user, or a variable holding that token. */
export function isAccessTokenExpr(env: HandlerEnv, node: PhpNode): boolean {
  if (!isPhpNode(node)) return false;
  const name = variableName(node);
  if (name) return env.vars.get(name)?.kind === 'access-token';
  const call = methodCall(node);
  return call?.method === 'currentaccesstoken' && isUserExpr(env, call.object);
}

/** What an assigned value is, so later calls on the variable are recognised. */
export function valueKind(env: HandlerEnv, node: PhpNode): VariableKind | undefined {
  if (!isPhpNode(node)) return undefined;
  if (isSessionExpr(env, node)) return { kind: 'session' };
  if (isAccessTokenExpr(env, node)) return { kind: 'access-token' };
  if (isUserExpr(env, node)) return { kind: 'user' };
  const target = authTarget(env, node);
  if (target?.kind === 'manager') return { kind: 'auth-manager' };
  if (target?.kind === 'guard') return { kind: 'guard', guard: target.guard, form: target.form };
  if (isRequestExpr(env, node)) return { kind: 'request' };
  const fqn = instantiatedClass(env, node);
  return fqn ? { kind: 'instance', fqn } : undefined;
}

/** `$request->hasSession()` / `request()->hasSession()` anywhere in a condition; `negated` when under `!`. */
export function hasSessionTest(env: HandlerEnv, test: PhpNode): 'positive' | 'negative' | undefined {
  if (!isPhpNode(test)) return undefined;
  if (test.kind === 'unary' && test['type'] === '!') {
    const inner = hasSessionTest(env, test['what'] as PhpNode);
    return inner === 'positive' ? 'negative' : inner === 'negative' ? 'positive' : undefined;
  }
  const call = methodCall(test);
  if (call?.method === 'hassession' && isRequestExpr(env, call.object)) return 'positive';
  if (test.kind === 'bin' && test['type'] === '&&') {
    const left = hasSessionTest(env, test['left'] as PhpNode);
    const right = hasSessionTest(env, test['right'] as PhpNode);
    if (left === 'positive' || right === 'positive') return 'positive';
  }
  return undefined;
}

/** Guards (null = the default guard) on which nobody is logged in when a condition is true / false. */
export interface GuestImplication {
  whenTrue: (string | null)[];
  whenFalse: (string | null)[];
}

const LOGGED_IN_TESTS = new Set(['check', 'user', 'id']);

/**
 * `Auth::check()`, `auth()->user()`, `Auth::guard('x')->guest()`, negated and combined with `&&` / `||`:
 * on which branch nobody is logged in on that guard. A logout there ends no session login.
 */
export function guestImplication(env: HandlerEnv, test: PhpNode): GuestImplication {
  const none: GuestImplication = { whenTrue: [], whenFalse: [] };
  if (!isPhpNode(test)) return none;
  if (test.kind === 'unary' && test['type'] === '!') {
    const inner = guestImplication(env, test['what'] as PhpNode);
    return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
  }
  if (test.kind === 'bin' && (test['type'] === '&&' || test['type'] === 'and')) {
    // Both hold when it is true; which one failed is unknown when it is false.
    const [left, right] = [guestImplication(env, test['left'] as PhpNode), guestImplication(env, test['right'] as PhpNode)];
    return { whenTrue: [...left.whenTrue, ...right.whenTrue], whenFalse: [] };
  }
  if (test.kind === 'bin' && (test['type'] === '||' || test['type'] === 'or')) {
    const [left, right] = [guestImplication(env, test['left'] as PhpNode), guestImplication(env, test['right'] as PhpNode)];
    return { whenTrue: [], whenFalse: [...left.whenFalse, ...right.whenFalse] };
  }
  const st = staticCall(test);
  const call = st ? undefined : methodCall(test);
  const method = st?.method ?? call?.method;
  if (!method || (!LOGGED_IN_TESTS.has(method) && method !== 'guest')) return none;
  let guard: string | null | undefined;
  if (st) guard = isFacade(env, st.className, 'auth') ? null : undefined;
  else if (call) {
    const target = authTarget(env, call.object);
    guard = target?.kind === 'manager' ? null : target?.kind === 'guard' && target.form !== 'stateful-guard' && target.guard !== '?' ? target.guard : undefined;
    // `$request->user()` is the default guard's user.
    if (guard === undefined && method === 'user' && isRequestExpr(env, call.object)) guard = call.args.length ? stringValue(call.args[0]) : null;
  }
  if (guard === undefined) return none;
  return method === 'guest' ? { whenTrue: [guard], whenFalse: [] } : { whenTrue: [], whenFalse: [guard] };
}

/** A condition that checks what kind of token it has (`instanceof PersonalAccessToken`, `method_exists(…, 'delete')`). */
export function isTokenTypeTest(test: PhpNode): boolean {
  if (!isPhpNode(test)) return false;
  let found = false;
  walk(
    test,
    (node) => {
      if (node.kind === 'bin' && node['type'] === 'instanceof') found = true;
      const fn = functionCall(node);
      if (fn && (fn.name === 'method_exists' || fn.name === 'is_a')) found = true;
    },
    phpVisitorKeys,
  );
  return found;
}
