// Client settings: normalise whatever a client sends, and decide whether a file is checked.
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { defaultSettings, type RuleSeverity, type SecureLogoutSettings } from './protocol';

/**
 * Clients send partial or malformed objects (a Neovim user's hand-written `settings` table, an
 * older client): every field falls back to its default instead of failing the server.
 */
export function normalizeSettings(raw: unknown): SecureLogoutSettings {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  // Neovim users often nest the section: `settings = { secureLogout = { … } }`.
  const source = (input['secureLogout'] && typeof input['secureLogout'] === 'object' ? input['secureLogout'] : input) as Record<string, unknown>;
  const rules: Record<string, RuleSeverity> = {};
  if (source['rules'] && typeof source['rules'] === 'object') {
    for (const [id, severity] of Object.entries(source['rules'] as Record<string, unknown>)) {
      const normalized = normalizeSeverity(severity);
      if (normalized) rules[id.startsWith('secure-logout/') ? id : `secure-logout/${id}`] = normalized;
    }
  }
  return {
    enable: typeof source['enable'] === 'boolean' ? source['enable'] : defaultSettings.enable,
    run: source['run'] === 'onSave' ? 'onSave' : 'onType',
    rules,
    include: stringArray(source['include']) ?? defaultSettings.include,
    exclude: stringArray(source['exclude']) ?? defaultSettings.exclude,
    reporter: source['reporter'] === 'eslint' || source['reporter'] === 'secureLogout' ? source['reporter'] : 'auto',
    eslintRunsInEditor: source['eslintRunsInEditor'] === true,
    // An empty object (VS Code's default for an object setting) declares nothing.
    ...(source['projectSettings'] !== undefined && source['projectSettings'] !== null && !isEmptyObject(source['projectSettings']) ? { projectSettings: source['projectSettings'] } : {}),
  };
}

function normalizeSeverity(value: unknown): RuleSeverity | undefined {
  if (value === 'off' || value === 0) return 'off';
  if (value === 'warn' || value === 'warning' || value === 1) return 'warn';
  if (value === 'error' || value === 2) return 'error';
  return undefined;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

/**
 * Whether `filePath` is checked under `settings`: globs are relative to `root` (the workspace
 * folder), matched with dotfiles so `.github/…` behaves like any other folder.
 */
export function isPathIncluded(filePath: string, root: string, settings: SecureLogoutSettings): boolean {
  const relative = path.relative(root, filePath).split(path.sep).join('/');
  // Outside the folder: match the path as seen from the file system root, so `**/x` patterns still apply.
  const candidate = relative.startsWith('../') || path.isAbsolute(relative) ? filePath.split(path.sep).join('/') : relative;
  const matches = (globs: string[]) => globs.some((glob) => minimatch(candidate, glob, { dot: true, matchBase: !glob.includes('/') }));
  return matches(settings.include) && !matches(settings.exclude);
}
