// Status bar item: the server's state and the last validation (how long it took, when, which file).
import * as vscode from 'vscode';
import type { StatusParams } from './protocol';
import { supportedLanguages } from './protocol';

export type ClientState = 'starting' | 'running' | 'stopped' | 'failed';

/** Above this validation time the item turns into a warning, like vscode-eslint's time budget. */
const slowValidationMs = 4000;

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private clientState: ClientState = 'starting';
  private serverStatus: StatusParams | undefined;
  /** The last workspace scan's counts, and whether it left routes or files out (named in the output). */
  private lastScan: { headline: string; hasSilence: boolean } | undefined;
  /** Kept across statuses without a duration (e.g. the end of a workspace scan). */
  private lastValidation: { ms: number; uri: string | undefined; at: Date } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(showOutputCommand: string) {
    this.item = vscode.window.createStatusBarItem('secure-logout.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Secure Logout';
    this.item.command = showOutputCommand;
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.updateVisibility()));
    this.render();
    this.updateVisibility();
  }

  setClientState(state: ClientState): void {
    this.clientState = state;
    this.render();
    this.updateVisibility();
  }

  setServerStatus(status: StatusParams): void {
    this.serverStatus = status;
    if (status.lastValidationMs !== undefined) this.lastValidation = { ms: status.lastValidationMs, uri: status.uri, at: new Date() };
    this.render();
  }

  setScanSummary(summary: { headline: string; hasSilence: boolean }): void {
    this.lastScan = summary;
    this.render();
  }

  /** The text currently shown, for the log and for tests. */
  get text(): string {
    return this.item.text;
  }

  private render(): void {
    const status = this.serverStatus;
    const lines: string[] = [];
    let icon = '$(shield)';
    let detail = '';
    this.item.backgroundColor = undefined;
    if (this.clientState === 'starting') {
      icon = '$(loading~spin)';
      lines.push('Language server starting');
    } else if (this.clientState === 'stopped' || this.clientState === 'failed') {
      icon = '$(error)';
      detail = this.clientState;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      lines.push(`Language server ${this.clientState}. Run "Secure Logout: Restart server".`);
    } else if (status?.state === 'validating' && status.uri) {
      // The server says "validating" for one file only when its check runs past the budget.
      icon = '$(loading~spin)';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      detail = `still checking ${fileName(status.uri)}`;
      lines.push(`${relativePath(status.uri)}: ${status.message ?? 'still checking, past its time budget'}`);
    } else if (status?.state === 'validating' || status?.state === 'scanning') {
      icon = '$(loading~spin)';
      detail = status.state === 'scanning' ? `scanning${status.message ? ` ${status.message}` : ''}` : '';
      lines.push(status.state === 'scanning' ? 'Scanning the workspace' : 'Checking');
    } else if (status?.state === 'error') {
      icon = '$(warning)';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      lines.push(`Last check failed${status.uri ? ` (${relativePath(status.uri)})` : ''}: ${status.message ?? 'see the output'}`);
    } else {
      lines.push('Language server running');
      // An ok status with a message about a file names it over its budget or not analysed (parse
      // budget, size cap); without a file it is the end of a workspace scan (its counts, in the tooltip).
      if (status?.message && status.uri) {
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        lines.push(`${relativePath(status.uri)}: ${status.message}`);
      }
    }
    const last = this.lastValidation;
    if (last && this.clientState === 'running') {
      const ms = Math.round(last.ms);
      if (!detail) detail = `${ms} ms`;
      if (ms > slowValidationMs) this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      const file = last.uri ? relativePath(last.uri) : 'a file';
      lines.push(`Last check: ${file} in ${ms} ms at ${last.at.toLocaleTimeString()}`);
    }
    if (this.lastScan && this.clientState === 'running') {
      lines.push(`Last ${this.lastScan.headline}${this.lastScan.hasSilence ? ' (listed in the output)' : ''}`);
    }
    this.item.text = `${icon} Secure Logout${detail ? `: ${detail}` : ''}`;
    this.item.tooltip = `${lines.join('\n')}\nClick to show the output.`;
  }

  private updateVisibility(): void {
    const languageId = vscode.window.activeTextEditor?.document.languageId;
    const relevant = languageId !== undefined && (supportedLanguages as readonly string[]).includes(languageId);
    // A broken server is worth seeing from any editor; a healthy one only where it matters.
    if (relevant || this.clientState === 'failed' || this.clientState === 'stopped') this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function relativePath(uri: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}
