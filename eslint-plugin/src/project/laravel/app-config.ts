import * as path from 'node:path';
import { lookup, returnedValue, type StaticValue } from '../../facts/laravel/config-values';
import { parseDotEnv, readAuthConfig, readComposerJson, readComposerLock, readSanctumConfig, readSessionDriver, type ComposerJson, type DotEnv } from '../../facts/laravel/config';
import type { PhpProgram } from '../../languages/php/php-ast';
import type { SecureLogoutSettings } from '../../settings';
import type { ProjectFiles } from '../project-files';
import type { ProjectSettings } from './route-context';

/** A build's reads of project files, each recorded in `deps`: creating or changing such a file changes the model. */
export interface BuildReads {
  deps: Set<string>;
  text(file: string): string | undefined;
  program(file: string): PhpProgram | undefined;
}

/**
 * `config('file.key')` as the app would see it. `consulted` (a route file being extracted) gets
 * the config file and .env with their content hashes: its items are stale when either changes.
 */
export type ConfigLookup = (key: string, consulted?: Map<string, string>) => StaticValue | undefined;

/** What a build reads of the app's configuration before its routes. */
export interface AppConfig {
  settings: ProjectSettings;
  composer: ComposerJson;
  /** composer.lock's packages and versions, when there is one. */
  lock: Map<string, string> | undefined;
  config: ConfigLookup;
}

/**
 * The app's guards, session driver, framework version and config() values, from composer.json/.lock,
 * .env, config/auth.php, config/sanctum.php, config/session.php and the auth service providers;
 * `user`: the lint run's `settings['secure-logout']`, for what the files do not say.
 */
export function readAppConfig(root: string, files: ProjectFiles, reads: BuildReads, user: SecureLogoutSettings): AppConfig {
  const abs = (rel: string): string => path.join(root, rel);
  const { deps, text, program } = reads;
  const composer = files.derived(abs('composer.json'), 'composer', (t) => readComposerJson(t));
  deps.add(abs('composer.json'));
  const lock = readComposerLock(text(abs('composer.lock')));
  const envText = text(abs('.env'));
  const dotEnv = envText === undefined ? undefined : parseDotEnv(envText);
  const auth = readAuthConfig(program(abs('config/auth.php')), dotEnv);
  const sanctum = readSanctumConfig(program(abs('config/sanctum.php')));
  const config: ConfigLookup = (key, consulted) => configValue(root, files, key, dotEnv, deps, consulted);
  const framework = lock?.get('laravel/framework');
  // Guards declared in settings win over config/auth.php: they say what the files cannot (a package's guard, computed config).
  for (const [name, driver] of user.guards) auth.guards.set(name, { name, driver, line: auth.guards.get(name)?.line ?? 0 });
  const firstSessionGuard = [...auth.guards.values()].find((g) => g.driver === 'session' || user.sessionDrivers.has(g.driver ?? ''))?.name;
  const settings: ProjectSettings = {
    root,
    defaultGuard: auth.defaultGuard,
    guards: auth.guards,
    sessionDriver: readSessionDriver(program(abs('config/session.php')), dotEnv),
    frameworkVersion: framework ? { value: framework, source: 'composer.lock' } : { value: undefined, source: lock ? 'composer.lock has no laravel/framework' : 'no composer.lock' },
    sessionGuardName: sanctum?.guards?.[0] ?? (auth.guards.has('web') ? 'web' : firstSessionGuard ?? 'web'),
    sanctumInstalled: !!lock?.has('laravel/sanctum') || sanctum !== undefined,
    requestGuardDrivers: new Set([...requestGuardDrivers(root, text), ...user.tokenDrivers]),
    sessionDrivers: user.sessionDrivers,
  };
  return { settings, composer, lock, config };
}

/** `Auth::viaRequest('driver', …)` in the usual service providers (read as text: one call shape). */
function requestGuardDrivers(root: string, text: (file: string) => string | undefined): Set<string> {
  const drivers = new Set<string>();
  for (const rel of ['app/Providers/AuthServiceProvider.php', 'app/Providers/AppServiceProvider.php']) {
    for (const match of (text(path.join(root, rel)) ?? '').matchAll(/viaRequest\s*\(\s*['"]([^'"]+)['"]/g)) drivers.add(match[1]!);
  }
  return drivers;
}

/** `config('file.key')` from config/file.php, env() resolved through .env. */
function configValue(root: string, files: ProjectFiles, key: string, dotEnv: DotEnv | undefined, deps: Set<string>, consulted: Map<string, string> | undefined): StaticValue | undefined {
  const [name, ...rest] = key.split('.');
  const file = path.join(root, `config/${name}.php`);
  const envFile = path.join(root, '.env');
  deps.add(file);
  consulted?.set(file, files.hash(file));
  consulted?.set(envFile, files.hash(envFile));
  const returned = files.derivedFromFacts(file, 'returned', () => {
    const program = files.program(file);
    return program ? returnedValue(program) : undefined;
  });
  const value = rest.length ? lookup(returned, rest.join('.')) : returned;
  if (value?.kind !== 'env') return value;
  const fromEnv = dotEnv?.get(value.name);
  return fromEnv ? { kind: 'string', value: fromEnv.value, line: value.line, node: value.node } : value.fallback;
}
