// Whether the workspace's own ESLint already runs secure-logout — read from its config file's text,
// never by loading it — and so which host reports the findings: both at once would show every
// problem twice (vscode-eslint as source "eslint", this server as source "secure-logout").
import * as fs from 'node:fs';
import * as path from 'node:path';
import { admitFile } from 'eslint-plugin-secure-logout/file-admission';
import type { SecureLogoutSettings } from './protocol';

/** Config files and package.json larger than this are not read (generated, or hostile). */
const MAX_CONFIG_BYTES = 1_000_000;

const FLAT_CONFIGS = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];
const LEGACY_CONFIGS = ['.eslintrc.js', '.eslintrc.cjs', '.eslintrc.json', '.eslintrc.yml', '.eslintrc.yaml', '.eslintrc'];
/** The package name, or a rule / config named with the plugin prefix (`secure-logout/…`). */
const NAMES_SECURE_LOGOUT = /eslint-plugin-secure-logout|["'`]secure-logout\//;

const texts = new Map<string, { mtimeMs: number; references: boolean }>();

function referencesSecureLogout(file: string): boolean | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  const cached = texts.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached.references;
  let references = false;
  // A FIFO named package.json would block the LSP thread, a link to /dev/zero never end: such a file names nothing.
  if (admitFile(file, { maxBytes: MAX_CONFIG_BYTES }).ok) {
    try {
      const text = fs.readFileSync(file, 'utf8');
      references = path.basename(file) === 'package.json' ? NAMES_SECURE_LOGOUT.test(JSON.stringify((JSON.parse(text) as { eslintConfig?: unknown }).eslintConfig ?? '')) : NAMES_SECURE_LOGOUT.test(text);
    } catch {
      references = false;
    }
  }
  texts.set(file, { mtimeMs: stat.mtimeMs, references });
  return references;
}

/**
 * The ESLint config that applies to `filePath` and names secure-logout, or undefined. Flat config:
 * the nearest eslint.config.* from the file's folder up to `root` decides; legacy .eslintrc files
 * (and package.json `eslintConfig`) cascade, so any of them counts.
 */
export function eslintConfigUsingSecureLogout(filePath: string, root: string): string | undefined {
  let dir = path.dirname(filePath);
  const top = path.resolve(root);
  for (;;) {
    const flat = FLAT_CONFIGS.map((name) => path.join(dir, name)).find((file) => referencesSecureLogout(file) !== undefined);
    if (flat) return referencesSecureLogout(flat) ? flat : undefined;
    const legacy = [...LEGACY_CONFIGS, 'package.json'].map((name) => path.join(dir, name)).find((file) => referencesSecureLogout(file) === true);
    if (legacy) return legacy;
    const parent = path.dirname(dir);
    if (dir === top || parent === dir || !dir.startsWith(top)) return undefined;
    dir = parent;
  }
}

export type Reporter = { host: 'secure-logout' } | { host: 'eslint'; configFile: string | undefined };

/**
 * `reporter: auto` leaves the findings to ESLint when the client says ESLint runs in the editor
 * (VS Code: a trusted workspace with vscode-eslint installed; in Restricted Mode vscode-eslint runs
 * nothing) and the config that applies to the file names secure-logout. `eslint` always leaves them,
 * `secureLogout` always reports them here.
 */
export function reporterFor(filePath: string, root: string, settings: SecureLogoutSettings): Reporter {
  if (settings.reporter === 'secureLogout') return { host: 'secure-logout' };
  if (settings.reporter === 'eslint') return { host: 'eslint', configFile: eslintConfigUsingSecureLogout(filePath, root) };
  if (!settings.eslintRunsInEditor) return { host: 'secure-logout' };
  const configFile = eslintConfigUsingSecureLogout(filePath, root);
  return configFile ? { host: 'eslint', configFile } : { host: 'secure-logout' };
}
