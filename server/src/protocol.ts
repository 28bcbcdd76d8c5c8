// Messages and settings shared with clients, beyond standard LSP. Mirrors extension/src/protocol.ts
// and extension/src/settings.ts (the VS Code client); keep the two in step.
import { NotificationType } from 'vscode-languageserver';

/** Settings section of `workspace/configuration` and key of the settings in initializationOptions. */
export const settingsSection = 'secureLogout';

/** `source` of every diagnostic, so findings never merge with vscode-eslint's if both run. */
export const diagnosticSource = 'secure-logout';

/** Code action kind of "fix all secure-logout problems in this file" (for editor.codeActionsOnSave). */
export const fixAllKind = 'source.fixAll.secure-logout';

/** Commands the server executes (`workspace/executeCommand`). */
export const serverCommands = {
  /** Checks every relevant file of the workspace and publishes diagnostics; reports work-done progress. */
  scanWorkspace: 'secure-logout.scanWorkspace',
  /** Asks the client to open a rule's documentation (`window/showDocument`); argument: the URL. */
  showDocumentation: 'secure-logout.showDocumentation',
} as const;

export type RuleSeverity = 'off' | 'warn' | 'error';

/** The settings as clients send them (initializationOptions and workspace/configuration). */
export interface SecureLogoutSettings {
  /** Check documents at all. */
  enable: boolean;
  /** `onType`: check unsaved text while typing (debounced); `onSave`: check on open and save only. */
  run: 'onType' | 'onSave';
  /** Severity overrides by rule id (`secure-logout/<rule>` or the bare `<rule>`). */
  rules: Record<string, RuleSeverity>;
  /** Globs (relative to the workspace folder) of files that are checked. */
  include: string[];
  /** Globs (relative to the workspace folder) of files that are never checked. */
  exclude: string[];
  /**
   * Which host reports findings when the workspace's ESLint config runs secure-logout too:
   * `auto` (ESLint, when it runs in the editor), `eslint`, or `secureLogout` (this server).
   */
  reporter: 'auto' | 'eslint' | 'secureLogout';
  /** Set by the client: ESLint runs the workspace config in this editor (VS Code: trusted workspace and vscode-eslint installed). */
  eslintRunsInEditor: boolean;
  /**
   * ESLint's `settings['secure-logout']` (guards, sessionDrivers, tokenDrivers, logoutHelpers) for
   * files no workspace ESLint config running secure-logout applies to; that config's own settings
   * win where it does, as on the command line. Validated by the plugin: a wrong value is an error on the file.
   */
  projectSettings?: unknown;
}

export const defaultSettings: SecureLogoutSettings = {
  enable: true,
  run: 'onType',
  rules: {},
  include: ['**/*.php', '**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
  exclude: ['**/vendor/**', '**/node_modules/**', '**/storage/**', '**/bootstrap/cache/**', '**/*.blade.php'],
  reporter: 'auto',
  eslintRunsInEditor: false,
};

/**
 * `secureLogout/status`, server → client, sent after each validation (and when the server's
 * state changes). Every field but `state` is optional so the server can send a bare state change.
 */
export interface StatusParams {
  /**
   * `ok`: the last validation finished; `validating` / `scanning`: work in progress;
   * `error`: the last validation failed (the server keeps serving, see `message`).
   */
  state: 'ok' | 'validating' | 'scanning' | 'error';
  /** The document the status is about (the one just validated), as an LSP URI string. */
  uri?: string;
  /** Wall-clock duration of that document's last validation, in milliseconds. */
  lastValidationMs?: number;
  /**
   * Human-readable detail, e.g. the error message for `error`, "12/40 files" for `scanning`, or for
   * `ok` why the file was over its time budget or not analysed (too large, parse budget).
   */
  message?: string;
}

export const statusNotification = new NotificationType<StatusParams>('secureLogout/status');

/** What `secure-logout.scanWorkspace` answers. */
export interface ScanResult {
  filesChecked: number;
  filesWithFindings: number;
  findings: number;
  /** Files skipped (oversized, unreadable, symlink loops), each with the reason. */
  skipped: { path: string; reason: string }[];
  /** Files the project model refused to read (outside the project root, special files, too large), each with the reason. */
  refused?: { path: string; reason: string }[];
  /** Routes whose handler was not analysed (vendor code not modelled, macros, unreadable files), each with the reason. */
  notAnalysed?: { path: string; line: number; target: string; reason: string }[];
  cancelled: boolean;
  durationMs: number;
}
