/**
 * `settings['secure-logout']`: facts about the project that the analysis cannot read from its
 * files and that several rules need alike (ESLint's shared settings, like `settings.react.version`).
 * A guard's driver decides `logout-guard`, `forget-request-guard-user`, `transient-token-delete`,
 * `session-requires-session` and `invalidate-session` at once, and a logout helper is judged by the
 * one logout analysis every session rule shares: as rule options they would have to be repeated
 * per rule and could disagree. Every cached result is keyed by `SecureLogoutSettings.key`.
 */
export const SETTINGS_KEY = 'secure-logout';

export interface LogoutHelper {
  /**
   * PHP: `App\Support\Auth::signOut` (a static or instance method of that class) or a function
   * name; JS/TS: `logoutUser` (a function) or `authService.logoutUser` (a method on that receiver).
   */
  name: string;
  /**
   * true: the call ends the whole session (invalidates it and rotates the CSRF token), so a logout
   * it follows, or the call alone, is complete. false: the call only logs the user out, like
   * `Auth::logout()` / `req.logout()`, and what follows it must still end the session.
   */
  completes: boolean;
}

export interface SecureLogoutSettings {
  /** Laravel guard name → driver, over config/auth.php (guards a package registers, computed config). */
  guards: ReadonlyMap<string, string>;
  /** Custom drivers whose guards are session guards (an `Auth::extend` returning a SessionGuard). */
  sessionDrivers: ReadonlySet<string>;
  /** Custom drivers whose guards authenticate tokens and have no logout() (a RequestGuard or TokenGuard). */
  tokenDrivers: ReadonlySet<string>;
  logoutHelpers: readonly LogoutHelper[];
  /** Equal keys, equal settings: part of every cache key of the analysis. */
  key: string;
}

/** The JSON schema of `settings['secure-logout']` (documented in the README; `readSettings` enforces it). */
export const settingsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    guards: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
    sessionDrivers: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
    tokenDrivers: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
    logoutHelpers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'completes'],
        properties: { name: { type: 'string', minLength: 1 }, completes: { type: 'boolean' } },
      },
    },
  },
} as const;

function build(guards: Map<string, string>, sessionDrivers: Set<string>, tokenDrivers: Set<string>, logoutHelpers: LogoutHelper[]): SecureLogoutSettings {
  const sorted = <T>(items: Iterable<T>) => [...items].sort();
  const key = JSON.stringify([sorted([...guards].map(([g, d]) => `${g}=${d}`)), sorted(sessionDrivers), sorted(tokenDrivers), sorted(logoutHelpers.map((h) => `${h.name}:${h.completes}`))]);
  return { guards, sessionDrivers, tokenDrivers, logoutHelpers, key };
}

export const DEFAULT_SETTINGS: SecureLogoutSettings = build(new Map(), new Set(), new Set(), []);

/** A wrong `settings['secure-logout']`: thrown like ESLint's own configuration errors, naming the key and what it must be. */
export class InvalidSettingsError extends Error {
  constructor(problem: string) {
    super(`Invalid settings['${SETTINGS_KEY}']: ${problem}. See https://github.com/secure-logout/secure-logout/blob/main/eslint-plugin/README.md#settings`);
    this.name = 'InvalidSettingsError';
  }
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function names(value: unknown, at: string, what: string): Set<string> {
  if (value === undefined) return new Set();
  if (!Array.isArray(value)) throw new InvalidSettingsError(`"${at}" must be an array of ${what}, got ${shown(value)}`);
  value.forEach((item, i) => {
    if (typeof item !== 'string' || item === '') throw new InvalidSettingsError(`"${at}[${i}]" must be a non-empty string (${what}), got ${shown(item)}`);
  });
  return new Set(value as string[]);
}

function validate(raw: unknown): SecureLogoutSettings {
  if (raw === undefined) return DEFAULT_SETTINGS;
  if (!isObject(raw)) throw new InvalidSettingsError(`must be an object, got ${shown(raw)}`);
  const unknown = Object.keys(raw).filter((k) => !(k in settingsSchema.properties));
  if (unknown.length) throw new InvalidSettingsError(`unknown key "${unknown[0]}" (known keys: ${Object.keys(settingsSchema.properties).join(', ')})`);
  const guards = new Map<string, string>();
  if (raw['guards'] !== undefined) {
    if (!isObject(raw['guards'])) throw new InvalidSettingsError(`"guards" must map guard names to driver names (e.g. { "admin-api": "passport" }), got ${shown(raw['guards'])}`);
    for (const [guard, driver] of Object.entries(raw['guards'])) {
      if (typeof driver !== 'string' || driver === '') throw new InvalidSettingsError(`"guards.${guard}" must be a driver name (a non-empty string such as "passport"), got ${shown(driver)}`);
      guards.set(guard, driver);
    }
  }
  const sessionDrivers = names(raw['sessionDrivers'], 'sessionDrivers', 'driver names');
  const tokenDrivers = names(raw['tokenDrivers'], 'tokenDrivers', 'driver names');
  const both = [...sessionDrivers].find((d) => tokenDrivers.has(d));
  if (both) throw new InvalidSettingsError(`driver "${both}" is listed in both "sessionDrivers" and "tokenDrivers"`);
  const helpers: LogoutHelper[] = [];
  const rawHelpers = raw['logoutHelpers'];
  if (rawHelpers !== undefined && !Array.isArray(rawHelpers)) throw new InvalidSettingsError(`"logoutHelpers" must be an array of { name, completes }, got ${shown(rawHelpers)}`);
  for (const [i, item] of (rawHelpers ?? []).entries()) {
    const at = `logoutHelpers[${i}]`;
    if (!isObject(item)) throw new InvalidSettingsError(`"${at}" must be an object { name, completes }, got ${shown(item)}`);
    const extra = Object.keys(item).find((k) => k !== 'name' && k !== 'completes');
    if (extra) throw new InvalidSettingsError(`"${at}" has an unknown key "${extra}" (known keys: name, completes)`);
    if (typeof item['name'] !== 'string' || !item['name'].trim()) throw new InvalidSettingsError(`"${at}.name" must be a function or method name such as "App\\\\Support\\\\Auth::signOut" or "logoutUser", got ${shown(item['name'])}`);
    if (typeof item['completes'] !== 'boolean') throw new InvalidSettingsError(`"${at}.completes" must be true (the helper also invalidates the session and rotates the CSRF token) or false (it only logs out), got ${shown(item['completes'])}`);
    helpers.push({ name: item['name'].trim().replace(/^\\/, ''), completes: item['completes'] });
  }
  return build(guards, sessionDrivers, tokenDrivers, helpers);
}

/**
 * A raw `settings['secure-logout']` value, validated (hosts that build the ESLint config themselves,
 * like the language server, pass the same value to the lint and to the project model).
 */
export function settingsFrom(raw: unknown): SecureLogoutSettings {
  return validate(raw);
}

/** ESLint hands every rule of a file the same settings object: validated once per object. */
const validated = new WeakMap<object, SecureLogoutSettings>();

/** The secure-logout settings of a lint context; throws InvalidSettingsError for a wrong value. */
export function readSettings(context: { settings?: Record<string, unknown> }): SecureLogoutSettings {
  const all = context.settings;
  if (!all) return DEFAULT_SETTINGS;
  let result = validated.get(all);
  if (!result) {
    result = validate(all[SETTINGS_KEY]);
    validated.set(all, result);
  }
  return result;
}

/** A value cached per AST and per settings: two configurations never share a verdict. */
export class PerSettingsCache<K extends object, V> {
  readonly #byKey = new WeakMap<K, Map<string, V>>();

  get(owner: K, settings: SecureLogoutSettings, compute: () => V): V {
    let bySettings = this.#byKey.get(owner);
    if (!bySettings) this.#byKey.set(owner, (bySettings = new Map()));
    if (!bySettings.has(settings.key)) bySettings.set(settings.key, compute());
    return bySettings.get(settings.key)!;
  }
}

/** The name a call of the helper has in the source: `signOut` of `App\Support\Auth::signOut`, `logoutUser` of `auth.logoutUser`. */
export function calledName(helper: LogoutHelper): string {
  return helper.name.split(/::|\.|\\/).pop()!;
}

/**
 * Whether the text calls a declared helper that only logs out (`completes: false`): such a file
 * has a logout to judge even without a logout word. Helpers that complete a logout end no login.
 */
export function mentionsLogoutHelper(text: string, settings: SecureLogoutSettings): boolean {
  return settings.logoutHelpers.some((helper) => !helper.completes && new RegExp(`\\b${calledName(helper).replace(/[^\w$]/g, '')}\\s*\\(`, 'i').test(text));
}
