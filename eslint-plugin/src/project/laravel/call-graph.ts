import * as path from 'node:path';
import type { PhpNode } from '../../languages/php/php-ast';
import { phpVisitorKeys } from '../../languages/php/visitor-keys';
import { entryPaths } from '../../evaluate/call-paths';
import type { CallResolver, CallTarget, HandlerEnv } from '../../facts/laravel/calls';
import { fileScopeOf, type DeclaredClass, type FileScope } from '../../facts/laravel/file-scope';
import { HandlerFlowBuilder } from '../../facts/laravel/handler-flow';
import { methodCall, nameOf, staticCall, walk } from '../../facts/laravel/php-syntax';
import type { ClassIndex } from './class-index';
import { ProjectCallResolver } from './call-resolver';
import { relative, type RouteContext } from './route-context';

/** A function body of the app: a class method (declared in `cls`) or a closure. */
export interface FunctionRef {
  file: string;
  fn: PhpNode;
  scope: FileScope;
  cls: DeclaredClass | undefined;
  /** The class `$this` is when it runs (the routed class for a trait's or parent's method). */
  thisClass: string | undefined;
}

/** Where one function calls the next on the way from a routed handler to a helper. */
export interface CallSite {
  file: string;
  line: number;
  /** `AuthController::logout()`, or `closure` for a route closure. */
  caller: string;
  /** `app/Http/Controllers/AuthController.php:21`, relative to the app. */
  where: string;
}

/** One way a function runs: from a routed handler (or a caller nobody calls), through calls, down to it. */
export interface Invocation {
  /** The function whose flow runs it: the routed handler, else the outermost known caller, else itself. */
  root: FunctionRef;
  /** The routes reaching the root (empty when none is known). */
  routes: RouteContext[];
  /** The call sites from the root down to the function, outermost first; empty when the function is the root. */
  chain: CallSite[];
}

export interface RouteLookup {
  routesForMethod(file: string, className: string, method: string): RouteContext[];
  routesForClosure(file: string, line: number, column: number): RouteContext[];
}

/** Callers of callers: deeper than real service layers, shallow enough to stay cheap. */
const MAX_CALLER_DEPTH = 3;
/** Callers considered per function: a helper called from everywhere is judged by its first ones. */
const MAX_CALLERS = 16;

/**
 * The app's call graph, asked backwards: which routed handlers run a helper, through which calls.
 * Callers are found by text first (`->name(` / `::name(`), then confirmed by resolving the call
 * the same way the flow builder follows it.
 */
export class CallGraph {
  readonly resolver: ProjectCallResolver;

  constructor(
    private readonly index: ClassIndex,
    private readonly routes: RouteLookup,
  ) {
    this.resolver = new ProjectCallResolver(index);
  }

  /** Every known way `target` runs (SPEC §2.3); `[itself]` when no route or caller is known. */
  invocations(target: FunctionRef): Invocation[] {
    // The bounded walk up to the routed handlers is shared with the JS analysis (evaluate/call-paths).
    const paths = entryPaths<FunctionRef, CallSite>(
      target,
      {
        callersOf: (fn) => this.callers(fn).map(({ caller, site }) => ({ caller, call: site })),
        isEntry: (fn) => this.#routesOf(fn).length > 0,
        keyOf: (fn) => `${fn.file}:${fn.fn.loc.start.offset}`,
      },
      { depth: MAX_CALLER_DEPTH, paths: MAX_CALLERS ** 2 },
    );
    return paths.flatMap(({ entry, calls }) => {
      const chain = calls.map((edge) => edge.call);
      const routed = this.#routesOf(entry);
      if (routed.length === 0) return [{ root: entry, routes: [], chain }];
      // A trait's or parent's method runs once per routed class (late binding of `$this`).
      const byClass = new Map<string | undefined, RouteContext[]>();
      for (const route of routed) {
        const cls = route.route.handler.kind === 'method' ? route.route.handler.routedClass : entry.thisClass;
        byClass.set(cls, [...(byClass.get(cls) ?? []), route]);
      }
      return [...byClass].map(([thisClass, routes]) => ({ root: { ...entry, thisClass: thisClass ?? entry.thisClass }, routes, chain }));
    });
  }

  /** Functions of other files that call `target` directly (methods and route closures). */
  callers(target: FunctionRef): { caller: FunctionRef; site: CallSite }[] {
    const name = target.fn.kind === 'method' ? nameOf(target.fn['name']) : undefined;
    if (!name || !target.cls) return [];
    const pattern = new RegExp(`(?:->|::)\\s*${name.replace(/[^\w]/g, '')}\\s*\\(`, 'i');
    const calledName = name.replace(/[^\w]/g, '').toLowerCase();
    // A file that starts calling `name` may be a new caller: the verdict depends on the search, too.
    this.index.noteCallerSearch(calledName);
    const targetFile = path.resolve(target.file);
    const found: { caller: FunctionRef; site: CallSite }[] = [];
    for (const file of this.index.phpFiles()) {
      if (found.length >= MAX_CALLERS) break;
      if (path.resolve(file) === targetFile) continue;
      // The names each file calls first (once per file content): most files never call `name`,
      // and a parse costs a hundred times the lookup.
      if (!this.index.calledNames(file).has(calledName)) continue;
      const program = this.index.program(file);
      if (!program) continue;
      const scope = fileScopeOf(program);
      const textOf = (node: PhpNode) => program.sourceText.slice(node.loc.start.offset, node.loc.end.offset);
      for (const candidate of functionsIn(program.children, scope)) {
        if (found.length >= MAX_CALLERS || !pattern.test(textOf(candidate.fn))) continue;
        const ref: FunctionRef = { file, fn: candidate.fn, scope, cls: candidate.cls, thisClass: candidate.cls?.fqn };
        const line = this.#callLine(ref, calledName, (t) => path.resolve(t.file) === targetFile && t.fn.loc.start.offset === target.fn.loc.start.offset);
        if (line === undefined) continue;
        const caller = candidate.cls ? `${candidate.cls.shortName}::${nameOf(candidate.fn['name'])}()` : 'closure';
        found.push({ caller: ref, site: { file, line, caller, where: `${relative(this.index.root, file)}:${line}` } });
      }
    }
    // A group closure "calls" what its route closures call: keep the innermost closure only.
    return found.filter(({ caller }) => !found.some((other) => other.caller !== caller && other.caller.file === caller.file && contains(caller.fn, other.caller.fn)));
  }

  #routesOf(target: FunctionRef): RouteContext[] {
    if (target.fn.kind === 'method' && target.cls) return this.routes.routesForMethod(target.file, target.cls.fqn, nameOf(target.fn['name']) ?? '');
    if (target.fn.kind === 'closure' || target.fn.kind === 'arrowfunc') return this.routes.routesForClosure(target.file, target.fn.loc.start.line, target.fn.loc.start.column);
    return [];
  }

  /** The line of the first call named `calledName` (lower case) in `caller`'s own body that resolves to a function `matches` accepts. */
  #callLine(caller: FunctionRef, calledName: string, matches: (target: CallTarget) => boolean): number | undefined {
    const inner = this.resolver;
    let line: number | undefined;
    const spy: CallResolver = {
      resolve(env: HandlerEnv, call: PhpNode) {
        // A call resolves to a method of its own name: only calls named like the target can match,
        // and resolving the others would read (and parse) the files of every class they reach.
        const name = (methodCall(call) ?? staticCall(call))?.method;
        if (name === undefined || name.toLowerCase() !== calledName) return undefined;
        const target = inner.resolve(env, call);
        if (target && matches(target)) line ??= call.loc.start.line;
        // Only the caller's own calls: nothing is followed.
        return undefined;
      },
      thisMethod: (env, name) => inner.thisMethod(env, name),
    };
    const env = inner.envOf(caller.scope, caller.cls, caller.fn, caller.thisClass);
    env.calls = spy;
    new HandlerFlowBuilder(env).build(caller.fn);
    return line;
  }
}

/** Class methods with a body and the closures outside classes (route closures, and the group closures around them). */
function functionsIn(children: PhpNode[], scope: FileScope): { fn: PhpNode; cls: DeclaredClass | undefined }[] {
  const found: { fn: PhpNode; cls: DeclaredClass | undefined }[] = [];
  for (const cls of scope.classes) for (const method of cls.methods.values()) if (method['body']) found.push({ fn: method, cls });
  for (const child of children) {
    walk(
      child,
      (node) => {
        if (node.kind === 'class' || node.kind === 'trait' || node.kind === 'enum' || node.kind === 'interface') return 'skip';
        if (node.kind === 'closure' || node.kind === 'arrowfunc') found.push({ fn: node, cls: undefined });
        return undefined;
      },
      phpVisitorKeys,
    );
  }
  return found;
}

function contains(outer: PhpNode, inner: PhpNode): boolean {
  return outer.loc.start.offset <= inner.loc.start.offset && inner.loc.end.offset <= outer.loc.end.offset && outer !== inner;
}
