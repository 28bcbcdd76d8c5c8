import type { LaravelHandler } from '../../facts/laravel/file-facts';
import { versionAtLeast } from '../../facts/laravel/config';
import { forgottenGuards } from '../../analysis/laravel/route-context';
import { isTokenCapable, type ProjectSettings, type RouteContext } from '../../project/laravel';

/**
 * The token-capable guard whose cached user a session logout written by one of our fixes must
 * forget (SPEC §2 forget-request-guard-user), so that the fix leaves no follow-up finding: the
 * route's auth middleware selected it, a session reaches the route, the session driver writes a
 * user_id (database, or unknown), forgetUser() exists (laravel/framework ≥ 9.44.0, or unknown) and
 * the handler does not forget it already. Undefined when no forgetUser() is owed.
 */
export function guardToForget(handler: LaravelHandler, route: RouteContext | undefined, settings: ProjectSettings): string | undefined {
  const guard = route?.effectiveGuard;
  if (!route || !guard?.name || !guard.selectedByMiddleware || !isTokenCapable(guard.driver, settings)) return undefined;
  if (route.session !== 'yes' && route.session !== 'stateful') return undefined;
  const driver = settings.sessionDriver.value;
  if (driver !== undefined && driver !== 'database') return undefined;
  if (versionAtLeast(settings.frameworkVersion.value, '9.44.0') === false) return undefined;
  const forgotten = forgottenGuards(handler);
  return forgotten.has(guard.name) || forgotten.has(null) ? undefined : guard.name;
}
