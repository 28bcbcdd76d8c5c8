import type { PhpNode, PhpProgram } from '../../languages/php/php-ast';
import { phpVisitorKeys } from '../../languages/php/visitor-keys';
import { parameterKind, type HandlerEnv, type VariableKind } from './calls';
import { fileScopeOf, type DeclaredClass, type FileScope } from './file-scope';
import { HandlerFlowBuilder, type HandlerBody } from './handler-flow';
import { nameOf, walk } from './php-syntax';
import { RELEVANT_TEXT } from '../../languages/php/parse-php';
import { DEFAULT_SETTINGS, mentionsLogoutHelper, PerSettingsCache, type SecureLogoutSettings } from '../../settings';

/** A function body that may be a route handler: a controller/trait method, a route closure or a function. */
export interface LaravelHandler extends HandlerBody {
  node: PhpNode;
  kind: 'method' | 'closure' | 'function';
  /** Declaring class or trait (fully qualified), for methods. */
  owner: DeclaredClass | undefined;
  /** Lower-cased method or function name. */
  name: string | undefined;
  /** Name of the handler's `Request $x` parameter, without `$`. */
  requestVariable: string | undefined;
}

export interface LaravelFileFacts {
  scope: FileScope;
  handlers: LaravelHandler[];
}

const cache = new PerSettingsCache<PhpProgram, LaravelFileFacts>();

/**
 * The Laravel facts of one parsed file, computed once per AST and settings (logout helpers
 * declared in `settings['secure-logout']` are facts of their calls) and shared by every rule.
 */
export function laravelFileFacts(program: PhpProgram, user: SecureLogoutSettings = DEFAULT_SETTINGS): LaravelFileFacts {
  return cache.get(program, user, () => extract(program, user));
}

function extract(program: PhpProgram, user: SecureLogoutSettings): LaravelFileFacts {
  const scope = fileScopeOf(program);
  const handlers: LaravelHandler[] = [];
  const textOf = (node: PhpNode): string => program.sourceText.slice(node.loc.start.offset, node.loc.end.offset);
  const relevant = (text: string): boolean => RELEVANT_TEXT.test(text) || mentionsLogoutHelper(text, user);
  const buildHandler = (cls: DeclaredClass | undefined, node: PhpNode, kind: LaravelHandler['kind'], name: string | undefined) => handlerOf(scope, cls, node, kind, name, user);
  for (const cls of scope.classes) {
    for (const [name, method] of handlerMethods(cls, textOf, relevant)) {
      handlers.push(buildHandler(cls, method, 'method', name));
    }
  }
  // Route closures and plain functions: the outermost function-like nodes outside classes.
  for (const child of program.children) {
    walk(
      child,
      (node) => {
        if (node.kind === 'class' || node.kind === 'trait' || node.kind === 'enum' || node.kind === 'interface') return 'skip';
        if (node.kind === 'closure' || node.kind === 'arrowfunc' || node.kind === 'function') {
          if (relevant(textOf(node))) handlers.push(buildHandler(undefined, node, node.kind === 'function' ? 'function' : 'closure', nameOf(node['name'])?.toLowerCase()));
          return 'skip';
        }
        return undefined;
      },
      phpVisitorKeys,
    );
  }
  return { scope, handlers };
}

function handlerOf(scope: FileScope, cls: DeclaredClass | undefined, node: PhpNode, kind: LaravelHandler['kind'], name: string | undefined, user: SecureLogoutSettings): LaravelHandler {
  const vars = new Map<string, VariableKind>();
  const env: HandlerEnv = { scope, cls, vars, logoutHelpers: user.logoutHelpers };
  let requestVariable: string | undefined;
  for (const param of (node['arguments'] as PhpNode[]) ?? []) {
    const paramName = nameOf(param['name']);
    const paramKind = paramName ? parameterKind(env, param) : undefined;
    if (!paramName || !paramKind) continue;
    vars.set(paramName, paramKind);
    if (paramKind.kind === 'request') requestVariable ??= paramName;
  }
  const body = new HandlerFlowBuilder(env).build(node);
  return { ...body, node, kind, owner: cls, name, requestVariable };
}

/**
 * The methods worth analysing, found by text before any flow is built (a 30 KB controller has
 * dozens of actions, few of them near a session): methods that mention a logout, the session or
 * an access token, and methods that call those as `$this->x()` / `self::x()`. A relevant method
 * that another method calls is a helper, analysed inside its callers rather than as an action.
 */
function handlerMethods(cls: DeclaredClass, textOf: (node: PhpNode) => string, isRelevant: (text: string) => boolean): [string, PhpNode][] {
  const withBody = [...cls.methods].filter(([, method]) => method['body']);
  const relevant = withBody.filter(([, method]) => isRelevant(textOf(method)));
  if (relevant.length === 0) return [];
  const names = relevant.map(([name]) => name.replace(/[^a-z0-9_]/gi, ''));
  const callsRelevant = new RegExp(`(?:\\$this\\s*->|(?:self|static)\\s*::)\\s*(${names.join('|')})\\s*\\(`, 'gi');
  const callers = new Set<string>();
  const helpers = new Set<string>();
  for (const [name, method] of withBody) {
    for (const match of textOf(method).matchAll(callsRelevant)) {
      const callee = match[1]!.toLowerCase();
      if (callee !== name) {
        callers.add(name);
        helpers.add(callee);
      }
    }
  }
  return withBody.filter(([name]) => (relevant.some(([r]) => r === name) || callers.has(name)) && !helpers.has(name));
}
