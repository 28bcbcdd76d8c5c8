import type { PhpNode } from '../../languages/php/php-ast';
import type { EvalContext, StaticValue } from './config-values';
import { stringValue } from './php-syntax';

/**
 * Route declarations of one PHP file as the extractor (routes.ts) returns them: context-free
 * groups, includes and attributes. The project model composes them into routes.
 */

/** One middleware as written on a route, a group or a controller. */
export interface MiddlewareRef {
  /** As Laravel reads it: alias with parameters (`auth:sanctum`), group (`web`) or class (`Fqn:params`); `?` when not static. */
  name: string;
  file: string;
  line: number;
  /** The string literal that wrote it (offsets in the file), when it is a plain literal: for edits. */
  literal?: { start: number; end: number };
  /** Set by the project model: how the entry reached the route (e.g. "web group", "route", "controller constructor"). */
  via?: string;
}

export type ActionRef =
  | { kind: 'closure'; line: number; column: number }
  /** `className` is fully qualified unless `relative` (a `'C@m'` string, resolved against the group namespace). */
  | { kind: 'controller'; className: string; relative: boolean; method: string }
  /** A method name inside `Route::controller(C::class)->group(...)`. */
  | { kind: 'method'; method: string }
  | { kind: 'none' };

export interface RouteAttrs {
  middleware: MiddlewareRef[];
  withoutMiddleware: MiddlewareRef[];
  namespace?: string;
  /** laravel/ui routes: `namespace` is only the default, used when no group sets one. */
  uiDefaultNamespace?: boolean;
  controller?: string;
  prefix?: string;
}

export interface RouteDecl {
  type: 'route';
  verbs: string[];
  /** As written on the route; group and registrar prefixes are in `attrs.prefix` (the model joins them). */
  uri: string;
  action: ActionRef;
  attrs: RouteAttrs;
  file: string;
  line: number;
}

export interface RouteGroup {
  type: 'group';
  attrs: RouteAttrs;
  children: RouteItem[];
  file: string;
  line: number;
}

/** A route file loaded from here: `require`, `->group('file.php')`, `withRouting(web: …)`. */
export interface RouteInclude {
  type: 'include';
  /** Absolute path, or undefined when it cannot be computed statically. */
  target: string | undefined;
  /** The target is a folder: each PHP file in it (and below) is a route file. */
  directory?: boolean;
  attrs: RouteAttrs;
  file: string;
  line: number;
}

/** `Route::authRoutes()`: a macro registers routes the extractor cannot see. */
export interface RouteMacro {
  type: 'macro';
  name: string;
  file: string;
  line: number;
}

export type RouteItem = RouteDecl | RouteGroup | RouteInclude | RouteMacro;

export interface RouteFileOptions {
  /** Absolute path of the file (for `__DIR__` and sources). */
  file: string;
  /** Project root, for `base_path()`. */
  root: string;
  /** `config('x.y')` values (Fortify and Jetstream build middleware from config). */
  config?: EvalContext['config'];
}

/** HTTP verbs of the Route facade methods. */
export const VERBS: Record<string, string[]> = {
  get: ['GET', 'HEAD'], post: ['POST'], put: ['PUT'], patch: ['PATCH'], delete: ['DELETE'], options: ['OPTIONS'], any: ['ANY'], fallback: ['GET'],
};
export const RESOURCE_METHODS = ['index', 'create', 'store', 'show', 'edit', 'update', 'destroy'];
export const API_RESOURCE_METHODS = ['index', 'store', 'show', 'update', 'destroy'];

export function stringsOf(value: StaticValue): string[] {
  if (value.kind === 'string') return [value.value];
  if (value.kind === 'array') return value.entries.flatMap((e) => (e.value.kind === 'string' ? [e.value.value] : []));
  return [];
}

export function hasStringKeys(node: PhpNode): boolean {
  return ((node['items'] as PhpNode[]) ?? []).some((i) => i?.kind === 'entry' && i['key'] && stringValue(i['key'] as PhpNode) !== undefined);
}

export function joinUri(prefix: string | undefined, uri: string): string {
  const parts = [prefix ?? '', uri].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean);
  return `/${parts.join('/')}`;
}
