import { authGuardsOf, guardDriver, isTokenCapable, relative, type LaravelProjectModel, type RouteContext } from '../../project/laravel';

/** A route both cookie and token clients reach (SPEC §2.4), with the evidence for the message. */
export interface HybridRoute {
  /** The token-capable guard that authenticates bearer requests on it. */
  tokenGuard: string;
  driver: string;
  /** Where the app mints personal access tokens, relative (`app/Http/Controllers/TokenController.php:21`). */
  mintedAt: string;
}

/**
 * A stateful api route (statefulApi() / EnsureFrontendRequestsAreStateful) whose auth middleware
 * accepts a token-capable guard, in an app that mints personal access tokens: a bearer client
 * without a stateful Origin reaches it with no session. Without minted tokens there are no such
 * clients, and SPA-only apps keep today's findings.
 */
export function hybridRoute(project: LaravelProjectModel, route: RouteContext): HybridRoute | undefined {
  if (route.session !== 'stateful') return undefined;
  const minted = project.classes.tokenMinting();
  if (!minted) return undefined;
  const settings = project.settings;
  const guards = route.chain.flatMap((entry) => {
    const named = authGuardsOf(entry);
    if (!named) return [];
    return named.length > 0 ? named : settings.defaultGuard.value ? [settings.defaultGuard.value] : [];
  });
  for (const guard of guards) {
    const driver = guardDriver(settings, guard);
    if (driver && isTokenCapable(driver, settings)) return { tokenGuard: guard, driver, mintedAt: `${relative(project.root, minted.file)}:${minted.line}` };
  }
  return undefined;
}
