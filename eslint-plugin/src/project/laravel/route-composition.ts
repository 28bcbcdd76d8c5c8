import * as path from 'node:path';
import type { RouteAttrs } from '../../facts/laravel/routes-model';
import type { HandlerRef } from './route-context';

/** Attributes a route inherits from the groups and includes around it. */
export interface InheritedAttrs extends RouteAttrs {
  /** Route files being loaded (cycle guard). */
  loading: string[];
}

/** File paths as keys: on case-insensitive file systems a PSR-4 path and ESLint's file name may differ in case. */
const CASE_INSENSITIVE_FS = process.platform === 'darwin' || process.platform === 'win32';

function pathKey(file: string): string {
  const resolved = path.resolve(file);
  return CASE_INSENSITIVE_FS ? resolved.toLowerCase() : resolved;
}

export function methodKey(file: string, className: string, method: string): string {
  return `m|${pathKey(file)}|${className.toLowerCase()}|${method.toLowerCase()}`;
}

export function closureKey(file: string, line: number, column: number): string {
  return `c|${pathKey(file)}|${line}|${column}`;
}

export function handlerKey(handler: HandlerRef): string {
  if (handler.kind === 'vendor') return `v|${handler.routedClass.toLowerCase()}|${handler.method}`;
  return handler.kind === 'method' ? methodKey(handler.file, handler.className, handler.method) : closureKey(handler.file, handler.line, handler.column);
}

export function mergeAttrs(parent: InheritedAttrs, own: RouteAttrs): InheritedAttrs {
  let namespace = parent.namespace;
  if (own.uiDefaultNamespace) {
    namespace = parent.namespace ?? own.namespace;
  } else if (own.namespace !== undefined) {
    namespace = own.namespace.startsWith('\\') || !parent.namespace ? own.namespace.replace(/^\\/, '') : `${parent.namespace}\\${own.namespace}`;
  }
  const prefix = [parent.prefix, own.prefix].map((p) => (p ?? '').replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/') || undefined;
  return {
    middleware: [...parent.middleware, ...own.middleware],
    withoutMiddleware: [...parent.withoutMiddleware, ...own.withoutMiddleware],
    namespace,
    controller: own.controller ?? parent.controller,
    prefix,
    loading: parent.loading,
  };
}

export function applyNamespace(namespace: string | undefined, className: string): string {
  if (className.startsWith('\\')) return className.slice(1);
  return namespace ? `${namespace.replace(/\\$/, '')}\\${className}` : className;
}
