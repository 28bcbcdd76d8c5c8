// The extension's commands (contributed in package.json): scan, fix all, show output, restart.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { fixAllKind, scanWorkspaceServerCommand, supportedLanguages, type ScanResult } from './protocol';
import { restartServer } from './restart';
import { summarizeScan } from './scan-summary';
import type { StatusBar } from './status';

export const commandIds = {
  scanWorkspace: 'secure-logout.scanWorkspace',
  fixAllInFile: 'secure-logout.fixAllInFile',
  showOutput: 'secure-logout.showOutput',
  restartServer: 'secure-logout.restartServer',
} as const;

interface CommandContext {
  client: LanguageClient;
  output: vscode.LogOutputChannel;
  statusBar: StatusBar;
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandContext): void {
  const { client, output } = deps;
  context.subscriptions.push(
    vscode.commands.registerCommand(commandIds.showOutput, () => output.show(true)),

    vscode.commands.registerCommand(commandIds.restartServer, async () => {
      output.info('restarting the language server');
      await restartServer(client, output);
    }),

    vscode.commands.registerCommand(commandIds.scanWorkspace, () => scanWorkspace(deps)),

    vscode.commands.registerCommand(commandIds.fixAllInFile, () => fixAllInActiveEditor(output)),
  );
}

/** Asks the server to check every relevant file; it publishes diagnostics and reports progress itself. */
async function scanWorkspace({ client, output, statusBar }: CommandContext): Promise<void> {
  if (!client.isRunning()) {
    void vscode.window.showWarningMessage('Secure Logout: the language server is not running. Run "Secure Logout: Restart server".');
    return;
  }
  const startedAt = performance.now();
  output.info('scanning the workspace');
  try {
    const result = (await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Secure Logout: scanning the workspace' },
      () => client.sendRequest(ExecuteCommandRequest.type, { command: scanWorkspaceServerCommand, arguments: [] }),
    )) as ScanResult | null;
    const elapsedMs = performance.now() - startedAt;
    output.info(`workspace scan finished in ${elapsedMs.toFixed(0)} ms`);
    if (result) reportScan(result, output, statusBar);
  } catch (error) {
    output.error(`workspace scan failed: ${String(error)}`);
    void vscode.window.showErrorMessage(`Secure Logout: the workspace scan failed (${String(error)}).`);
  }
}

/**
 * The scan's explainable silence, the same for every language: routes not analysed and files not
 * read, each with its reason, in the output; counts in the status item; and when anything was
 * left out, one line with a "Show" action (no finding there must not read as "safe").
 */
function reportScan(result: ScanResult, output: vscode.LogOutputChannel, statusBar: StatusBar): void {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
  const summary = summarizeScan(result, folders);
  for (const line of summary.details) output.info(line);
  statusBar.setScanSummary(summary);
  if (!summary.hasSilence) return;
  void vscode.window.showInformationMessage(`Secure Logout ${summary.headline}.`, 'Show').then((choice) => {
    if (choice === 'Show') output.show(true);
  });
}

/**
 * Applies the server's `source.fixAll.secure-logout` action to the active editor: the same action
 * `editor.codeActionsOnSave` runs, requested through VS Code so the result is identical.
 */
async function fixAllInActiveEditor(output: vscode.LogOutputChannel): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !(supportedLanguages as readonly string[]).includes(editor.document.languageId)) {
    void vscode.window.showInformationMessage('Secure Logout: open a PHP, JavaScript or TypeScript file first.');
    return;
  }
  const document = editor.document;
  const wholeDocument = new vscode.Range(0, 0, document.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      wholeDocument,
      fixAllKind,
    )) ?? [];
  const fixAll = actions.find((action) => action.kind && vscode.CodeActionKind.SourceFixAll.append('secure-logout').contains(action.kind));
  if (!fixAll || (!fixAll.edit && !fixAll.command)) {
    void vscode.window.showInformationMessage('Secure Logout: nothing to fix in this file.');
    return;
  }
  // The server's edit names the document version it was computed for: VS Code refuses it when the
  // text changed meanwhile (typing during the request), which must not be logged as applied.
  if (fixAll.edit && !(await vscode.workspace.applyEdit(fixAll.edit))) {
    output.warn(`"${fixAll.title}" was not applied to ${vscode.workspace.asRelativePath(document.uri)}: the file changed while the fixes were computed`);
    void vscode.window.showWarningMessage('Secure Logout: the file changed while the fixes were computed. Run "Fix all problems in file" again.');
    return;
  }
  if (fixAll.command) await vscode.commands.executeCommand(fixAll.command.command, ...(fixAll.command.arguments ?? []));
  output.info(`applied "${fixAll.title}" to ${vscode.workspace.asRelativePath(document.uri)}`);
}
