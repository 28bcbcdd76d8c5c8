// The `secureLogout.*` settings: read them for a resource and decide whether a document is checked.
import * as vscode from 'vscode';
import { settingsSection } from './protocol';

export type RuleSeverity = 'off' | 'warn' | 'error';

/** The settings as the server receives them (initializationOptions and workspace/configuration). */
export interface SecureLogoutSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  rules: Record<string, RuleSeverity>;
  include: string[];
  exclude: string[];
  reporter: 'auto' | 'eslint' | 'secureLogout';
  /** vscode-eslint runs the workspace's ESLint config here: it is installed and the workspace is trusted (it runs nothing in Restricted Mode). */
  eslintRunsInEditor: boolean;
  /** ESLint's settings['secure-logout'] where no workspace ESLint config running secure-logout applies (the server validates it). */
  projectSettings: unknown;
}

const defaultInclude = ['**/*.php', '**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'];
const defaultExclude = ['**/vendor/**', '**/node_modules/**', '**/storage/**', '**/bootstrap/cache/**', '**/*.blade.php'];

export function readSettings(scope?: vscode.ConfigurationScope): SecureLogoutSettings {
  const config = vscode.workspace.getConfiguration(settingsSection, scope);
  return {
    enable: config.get<boolean>('enable', true),
    run: config.get<string>('run', 'onType') === 'onSave' ? 'onSave' : 'onType',
    rules: sanitizeRules(config.get<Record<string, unknown>>('rules', {})),
    include: config.get<string[]>('include', defaultInclude),
    exclude: config.get<string[]>('exclude', defaultExclude),
    reporter: reporterSetting(config.get<string>('reporter', 'auto')),
    eslintRunsInEditor: vscode.workspace.isTrusted && vscode.extensions.getExtension('dbaeumer.vscode-eslint') !== undefined,
    projectSettings: config.get<unknown>('projectSettings', {}),
  };
}

function reporterSetting(value: string): SecureLogoutSettings['reporter'] {
  return value === 'eslint' || value === 'secureLogout' ? value : 'auto';
}

/** Drops entries with an unknown severity instead of sending the server something it must reject. */
function sanitizeRules(rules: Record<string, unknown>): Record<string, RuleSeverity> {
  const result: Record<string, RuleSeverity> = {};
  for (const [ruleId, severity] of Object.entries(rules ?? {})) {
    if (severity === 'off' || severity === 'warn' || severity === 'error') result[ruleId] = severity;
  }
  return result;
}

/**
 * Whether the client hands this document to the server at all: the extension is enabled for it and
 * its path matches `include` but not `exclude` (globs relative to its workspace folder, matched by
 * VS Code's own glob engine so they behave like `files.exclude`). Untitled buffers have no path and
 * are always checked while enabled.
 */
export function isDocumentChecked(document: vscode.TextDocument): boolean {
  const settings = readSettings(document.uri);
  if (!settings.enable) return false;
  if (document.uri.scheme !== 'file') return document.uri.scheme === 'untitled';
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const base: vscode.WorkspaceFolder | vscode.Uri = folder ?? vscode.Uri.joinPath(document.uri, '..');
  const matches = (globs: string[]) =>
    globs.some((glob) => vscode.languages.match({ pattern: new vscode.RelativePattern(base, glob) }, document) > 0);
  return matches(settings.include) && !matches(settings.exclude);
}

/** Settings whose change needs a server restart because they decide which documents are synced. */
export const restartingSettings = ['enable', 'include', 'exclude'].map((key) => `${settingsSection}.${key}`);
