// Messages shared between this client and the secure-logout language server, beyond standard LSP.
import { NotificationType } from 'vscode-languageclient/node';

/** Id of the VS Code settings section, of `workspace/configuration` requests and of the LSP client. */
export const settingsSection = 'secureLogout';

/** The languages the server analyses (VS Code language ids). */
export const supportedLanguages = ['php', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact'] as const;

/** Code action kind of "fix all secure-logout problems in this file" (also for editor.codeActionsOnSave). */
export const fixAllKind = 'source.fixAll.secure-logout';

/** Server command that checks every relevant file of the workspace (`workspace/executeCommand`). */
export const scanWorkspaceServerCommand = 'secure-logout.scanWorkspace';

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
  /** Human-readable detail, e.g. the error message for `error` or "12/40 files" for `scanning`. */
  message?: string;
}

export const statusNotification = new NotificationType<StatusParams>('secureLogout/status');

/** What the server's `secure-logout.scanWorkspace` answers (server/src/protocol.ts ScanResult). */
export interface ScanResult {
  filesChecked: number;
  filesWithFindings: number;
  findings: number;
  /** Files the scan did not check (oversized, unreadable, special files, symlinks out of the folder), each with the reason. */
  skipped: { path: string; reason: string }[];
  /** Files the project model refused to read (outside the project root, special files, too large), each with the reason. */
  refused?: { path: string; reason: string }[];
  /** Routes whose handler was not analysed (vendor code not modelled, macros, unreadable files), any language, each with the reason. */
  notAnalysed?: { path: string; line: number; target: string; reason: string }[];
  cancelled: boolean;
  durationMs: number;
}
