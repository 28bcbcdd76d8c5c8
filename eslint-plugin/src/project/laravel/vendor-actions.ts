import type { ClassLookup } from './controller-classes';
import type { KnownVendorAction } from './route-context';

const AUTHENTICATES_USERS = 'illuminate\\foundation\\auth\\authenticatesusers';
const FORTIFY_SESSION_CONTROLLER = 'laravel\\fortify\\http\\controllers\\authenticatedsessioncontroller';

/**
 * A vendor action apps route to whose behaviour is known (SPEC §2.3): laravel/ui's
 * `AuthenticatesUsers::logout()` on an app controller that uses the trait (itself, through a
 * trait or a parent) without its own `logout()`, and Fortify's `AuthenticatedSessionController::destroy`.
 */
export function knownVendorAction(className: string, method: string, classes: ClassLookup): KnownVendorAction | undefined {
  if (className.toLowerCase() === FORTIFY_SESSION_CONTROLLER && method === 'destroy') return 'Fortify destroy()';
  if (method === 'logout' && usesTrait(className, AUTHENTICATES_USERS, classes, 0)) return 'laravel/ui logout()';
  return undefined;
}

function usesTrait(className: string, trait: string, classes: ClassLookup, depth: number): boolean {
  if (depth > 8) return false;
  const found = classes(className);
  if (!found) return false;
  if (found.facts.traits.some((t) => t.toLowerCase() === trait)) return true;
  return [...found.facts.traits, ...(found.facts.extends ? [found.facts.extends] : [])].some((parent) => usesTrait(parent, trait, classes, depth + 1));
}

/** Why a routed `Class@method` could not be read, in words for the hover and the scan summary. */
export function unresolvedReason(className: string, method: string, classes: ClassLookup): string {
  const found = classes(className);
  if (!found) {
    return /^App\\/i.test(className)
      ? `${className} was not found where composer.json's PSR-4 autoload puts it (or could not be read)`
      : `${className} is vendor code this analysis does not model`;
  }
  return `${className} has no ${method}() the analysis can read: it comes from a vendor parent or trait it does not model`;
}
