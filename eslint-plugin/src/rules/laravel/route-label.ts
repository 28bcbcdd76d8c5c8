import type { RouteContext } from '../../project/laravel';

/** Longest route text a headline spends on the route, so the headline stays within 100 characters. */
const MAX_ROUTE_LABEL = 32;

/** "POST /api/logout" for a headline; long URIs are shortened in the middle ("GET /a/b/…/logout"). */
export function routeLabel(route: RouteContext): string {
  const label = `${route.route.verbs.join('|')} ${route.route.uri.startsWith('/') ? '' : '/'}${route.route.uri}`;
  if (label.length <= MAX_ROUTE_LABEL) return label;
  const tail = label.slice(-(MAX_ROUTE_LABEL - 12));
  return `${label.slice(0, 11)}…${tail}`;
}

/** " on POST /logout" for the first route reaching a handler, "" when none was found. */
export function onRoute(routes: readonly RouteContext[]): string {
  return routes[0] ? ` on ${routeLabel(routes[0])}` : '';
}
