import * as fs from 'node:fs';
import * as path from 'node:path';
import { LaravelProjectModel } from './laravel-project';
import type { SecureLogoutSettings } from '../../settings';

// For hosts that pass a lint's settings['secure-logout'] to the model (the language server).
export { settingsFrom, InvalidSettingsError, type SecureLogoutSettings } from '../../settings';

export { LaravelProjectModel, methodKey, closureKey, type UpdateResult } from './laravel-project';
export type { RouteContext, ResolvedRoute, ChainEntry, EffectiveGuard, ProjectSettings, HandlerRef, SessionAvailability } from './route-context';
export type { CallSite, FunctionRef, Invocation } from './call-graph';
export type { ProgramOverrides } from './class-index';
export { ProjectCallResolver } from './call-resolver';
export { authGuardsOf, describeEntry, relative, guardDriver, isSessionDriver, isTokenCapable, lacksLogout, explainContext, type RouteExplanation } from './route-context';

/** Directory → Laravel root. "Not in a Laravel app" is re-checked after a while: an editor session may create `artisan` later. */
const rootByDir = new Map<string, { root: string | null; checkedAt: number }>();
const NOT_LARAVEL_RECHECK_MS = 10_000;
const models = new Map<string, LaravelProjectModel>();

function isLaravelRoot(dir: string): boolean {
  if (fs.existsSync(path.join(dir, 'artisan'))) return true;
  try {
    const composer = JSON.parse(fs.readFileSync(path.join(dir, 'composer.json'), 'utf8')) as { require?: Record<string, string> };
    return !!composer.require?.['laravel/framework'];
  } catch {
    return false;
  }
}

/** The nearest directory at or above the file with `artisan` or a composer.json requiring laravel/framework. */
export function findLaravelRoot(filePath: string): string | undefined {
  const visited: string[] = [];
  let dir = path.dirname(path.resolve(filePath));
  let found: string | null = null;
  const now = Date.now();
  for (;;) {
    const cached = rootByDir.get(dir);
    if (cached !== undefined && (cached.root !== null || now - cached.checkedAt < NOT_LARAVEL_RECHECK_MS)) {
      found = cached.root;
      break;
    }
    visited.push(dir);
    if (isLaravelRoot(dir)) {
      found = dir;
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const v of visited) rootByDir.set(v, { root: found, checkedAt: now });
  return found ?? undefined;
}

/**
 * The project model for the Laravel app containing `filePath` (one per root, shared by every
 * rule and file of a lint run and by the language server), refreshed from disk at most once a
 * second. `user`: the lint run's `settings['secure-logout']` (the model is rebuilt when they
 * differ from the last run's); without it the model keeps the settings it has.
 */
export function projectModelFor(filePath: string, user?: SecureLogoutSettings): LaravelProjectModel | undefined {
  const root = findLaravelRoot(filePath);
  if (!root) return undefined;
  let model = models.get(root);
  if (!model) {
    model = new LaravelProjectModel(root);
    models.set(root, model);
  } else {
    model.ensureFresh();
  }
  if (user) model.configure(user);
  return model;
}

/** Forgets cached roots and models (tests; the language server after a workspace change). */
export function resetProjectModels(): void {
  rootByDir.clear();
  models.clear();
}
