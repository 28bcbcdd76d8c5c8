import type { PhpProgram } from '../../languages/php/php-ast';
import { lookup, returnedValue, stringList, type StaticValue } from './config-values';

/** A setting as far as it can be read from the files, with where it came from. */
export interface Setting<T> {
  /** undefined = could not be determined ("unknown"). */
  value: T | undefined;
  /** Human-readable origin, e.g. "config/session.php:7" or ".env:7". */
  source: string;
  /** `env('X', default)` without a `.env` value: the default was used. */
  fromDefault?: boolean;
}

/** `KEY=value` lines of a `.env` file, with their line numbers. */
export type DotEnv = Map<string, { value: string; line: number }>;

export function parseDotEnv(text: string): DotEnv {
  const env: DotEnv = new Map();
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(raw);
    if (!match) return;
    let value = match[2]!.trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2]!;
    else value = value.replace(/\s+#.*$/, '');
    env.set(match[1]!, { value, line: index + 1 });
  });
  return env;
}

/**
 * Resolves a config value: literals as they are, `env('X', d)` through `.env` (which wins) or
 * its default. `dotEnv` undefined means there is no `.env` file.
 */
export function resolveSetting(value: StaticValue | undefined, file: string, dotEnv: DotEnv | undefined): Setting<string> {
  if (!value) return { value: undefined, source: `${file} (not set)` };
  if (value.kind === 'string') return { value: value.value, source: `${file}:${value.line}` };
  if (value.kind === 'env') {
    const fromEnv = dotEnv?.get(value.name);
    if (fromEnv) return { value: fromEnv.value, source: `.env:${fromEnv.line} (${value.name})` };
    if (value.fallback?.kind === 'string') {
      return { value: value.fallback.value, source: `${file}:${value.line} (default of env('${value.name}')${dotEnv ? '' : ', no .env file'})`, fromDefault: true };
    }
    return { value: undefined, source: `${file}:${value.line} (env('${value.name}') without a value)` };
  }
  return { value: undefined, source: `${file}:${value.line}` };
}

export interface GuardConfig {
  name: string;
  driver: string | undefined;
  line: number;
}

export interface AuthConfig {
  defaultGuard: Setting<string>;
  guards: Map<string, GuardConfig>;
}

export function readAuthConfig(program: PhpProgram | undefined, dotEnv: DotEnv | undefined): AuthConfig {
  const file = 'config/auth.php';
  const root = program ? returnedValue(program) : undefined;
  const guards = new Map<string, GuardConfig>();
  const guardsValue = lookup(root, 'guards');
  if (guardsValue?.kind === 'array') {
    for (const entry of guardsValue.entries) {
      if (typeof entry.key !== 'string') continue;
      const driver = resolveSetting(lookup(entry.value, 'driver'), file, dotEnv).value;
      guards.set(entry.key, { name: entry.key, driver, line: entry.value.line });
    }
  }
  const defaultGuard = program ? resolveSetting(lookup(root, 'defaults.guard'), file, dotEnv) : { value: undefined, source: 'no config/auth.php' };
  return { defaultGuard, guards };
}

export interface SanctumConfig {
  /** `guard` of config/sanctum.php: the session guards Sanctum tries first (default ['web']). */
  guards: string[] | undefined;
  line: number | undefined;
}

export function readSanctumConfig(program: PhpProgram | undefined): SanctumConfig | undefined {
  if (!program) return undefined;
  const guard = lookup(returnedValue(program), 'guard');
  const guards = stringList(guard);
  return { guards: guards.length ? guards : undefined, line: guard?.line };
}

export function readSessionDriver(program: PhpProgram | undefined, dotEnv: DotEnv | undefined): Setting<string> {
  if (!program) {
    const fromEnv = dotEnv?.get('SESSION_DRIVER');
    if (fromEnv) return { value: fromEnv.value, source: `.env:${fromEnv.line} (SESSION_DRIVER)` };
    return { value: undefined, source: 'no config/session.php' };
  }
  return resolveSetting(lookup(returnedValue(program), 'driver'), 'config/session.php', dotEnv);
}

export interface ComposerJson {
  /** PSR-4 prefix (with trailing backslash) → directories relative to the root. */
  psr4: [string, string[]][];
  requiresLaravel: boolean;
}

export function readComposerJson(text: string | undefined): ComposerJson {
  const psr4: [string, string[]][] = [];
  let requiresLaravel = false;
  if (text) {
    try {
      const json = JSON.parse(text) as {
        require?: Record<string, string>;
        autoload?: { 'psr-4'?: Record<string, string | string[]> };
        'autoload-dev'?: { 'psr-4'?: Record<string, string | string[]> };
      };
      requiresLaravel = !!json.require?.['laravel/framework'];
      for (const [prefix, dirs] of Object.entries(json.autoload?.['psr-4'] ?? {})) {
        // Only string directories: anything else in a hand-edited composer.json maps nothing.
        const strings = (Array.isArray(dirs) ? dirs : [dirs]).filter((dir): dir is string => typeof dir === 'string');
        if (strings.length) psr4.push([prefix, strings]);
      }
    } catch {
      // An unreadable composer.json leaves the conventional App\ mapping below.
    }
  }
  if (!psr4.some(([prefix]) => prefix === 'App\\')) psr4.push(['App\\', ['app/']]);
  // Longest prefix first, as Composer's autoloader does.
  psr4.sort((a, b) => b[0].length - a[0].length);
  return { psr4, requiresLaravel };
}

/** Package name → version (without a leading "v") from composer.lock. */
export function readComposerLock(text: string | undefined): Map<string, string> | undefined {
  if (text === undefined) return undefined;
  const versions = new Map<string, string>();
  try {
    const json = JSON.parse(text) as { packages?: { name: string; version: string }[]; 'packages-dev'?: { name: string; version: string }[] };
    for (const pkg of [...(json.packages ?? []), ...(json['packages-dev'] ?? [])]) versions.set(pkg.name, String(pkg.version).replace(/^v/, ''));
  } catch {
    return undefined;
  }
  return versions;
}

/** Compares dotted versions; non-numeric parts (e.g. "dev-main") make the result undefined. */
export function versionAtLeast(version: string | undefined, minimum: string): boolean | undefined {
  if (!version) return undefined;
  const parts = version.split(/[.-]/).slice(0, 3).map(Number);
  if (parts.some(Number.isNaN)) return undefined;
  const min = minimum.split('.').map(Number);
  for (let i = 0; i < min.length; i++) {
    const a = parts[i] ?? 0;
    if (a !== min[i]) return a > min[i]!;
  }
  return true;
}
