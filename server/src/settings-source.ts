// One source of truth for `settings['secure-logout']` in the editor: what the command line would use
// for the file. When the workspace's ESLint config runs secure-logout, its settings (read from its
// text, settings-eslint-config.ts), as `eslint` in CI reads them; otherwise the server's own
// `projectSettings` (VS Code: `secureLogout.projectSettings`). The lint, the hover, the related
// information, the explained silence and the cross-file fixes of a check all use the one result.
import * as path from 'node:path';
import { settingsInEslintConfig } from './settings-eslint-config';
import { eslintConfigUsingSecureLogout } from './workspace-eslint';

export interface ProjectSettingsSource {
  /** The raw settings['secure-logout'] (validated by the plugin); undefined: none declared. */
  value: unknown;
  /** Where they were read: `eslint.config.js:12`, `secureLogout.projectSettings`; undefined when none are declared. */
  origin: string | undefined;
  /** The config file and line of `origin`, when they were read from a config (a related location). */
  location?: { filePath: string; line: number };
  /** Said once in the log: the server's own setting is overridden, or the config could not be read. */
  note?: string;
}

export const OWN_SETTING = 'secureLogout.projectSettings';

/** The settings for `filePath` in workspace folder `folder`; `own`: the server's `projectSettings`. */
export function projectSettingsFor(filePath: string, folder: string, own: unknown): ProjectSettingsSource {
  const configFile = eslintConfigUsingSecureLogout(filePath, folder);
  const mine: ProjectSettingsSource = { value: own, origin: own === undefined ? undefined : OWN_SETTING };
  if (!configFile) return mine;
  const shown = path.relative(folder, configFile).split(path.sep).join('/') || path.basename(configFile);
  const read = settingsInEslintConfig(configFile, filePath);
  if (read.kind === 'unreadable') {
    const fallback = own === undefined ? 'no settings apply' : `${OWN_SETTING} applies instead`;
    return { ...mine, note: `settings['secure-logout'] of ${shown} cannot be read without running it (${read.reason}): ${fallback}; write them out as a literal, or set ${OWN_SETTING}` };
  }
  const ignored = own !== undefined ? { note: `${OWN_SETTING} is ignored for files under ${shown}: that config runs secure-logout, and its settings apply, as on the command line` } : {};
  const location = read.value !== undefined && read.line ? { location: { filePath: configFile, line: read.line } } : {};
  return { value: read.value, origin: read.value === undefined ? undefined : `${shown}${read.line ? `:${read.line}` : ''}`, ...location, ...ignored };
}
