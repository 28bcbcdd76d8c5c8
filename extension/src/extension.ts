// Entry point of the VS Code extension: output channel, status bar, commands and the language client.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { registerAuditCommand } from './audit-editor';
import { createLanguageClient } from './client';
import { registerCommands, commandIds } from './commands';
import { statusNotification, settingsSection } from './protocol';
import { restartServer } from './restart';
import { readSettings, restartingSettings } from './settings';
import { StatusBar } from './status';

/** When the extension's code was loaded: activation time is measured from here. */
const loadedAt = performance.now();

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Secure Logout', { log: true });
  const statusBar = new StatusBar(commandIds.showOutput);
  context.subscriptions.push(output, statusBar);

  const languageClient = createLanguageClient(context, output, Object.values(commandIds));
  client = languageClient;
  context.subscriptions.push(
    languageClient.onDidChangeState(({ newState }) => {
      statusBar.setClientState(newState === State.Running ? 'running' : newState === State.Starting ? 'starting' : 'stopped');
    }),
    languageClient.onNotification(statusNotification, (status) => statusBar.setServerStatus(status)),
  );
  registerCommands(context, { client: languageClient, output, statusBar });
  registerAuditCommand(context, output);

  // Restarts run one after the other (restartServer queues them): a settings file saved twice in a row must not overlap them.
  let synced = syncedDocumentSettings();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(settingsSection)) return;
      const folder = vscode.workspace.workspaceFolders?.[0];
      output.info(`${settingsSection} settings changed${folder ? ` (${folder.name})` : ''}: ${JSON.stringify(readSettings(folder))}`);
      // Which documents are synced is decided when they open, so these settings need a fresh server.
      if (!restartingSettings.some((section) => event.affectsConfiguration(section))) return;
      // VS Code also reports a change to a folder's include/exclude in Restricted Mode, where the
      // value is ignored: restart only when what decides the synced documents really changed.
      const now = syncedDocumentSettings();
      if (now === synced) return;
      synced = now;
      output.info('restarting the server for the new settings');
      void restartServer(languageClient, output);
    }),
  );

  const activatedMs = performance.now() - loadedAt;
  try {
    await languageClient.start();
    const readyMs = performance.now() - loadedAt;
    output.info(
      `activated in ${activatedMs.toFixed(0)} ms; server ready ${readyMs.toFixed(0)} ms after the extension was loaded ` +
        `(VS Code ${vscode.version}, workspace ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted: no workspace code is run either way'})`,
    );
  } catch (error) {
    statusBar.setClientState('failed');
    output.error(`the language server failed to start: ${String(error)}`);
    void vscode.window.showErrorMessage('Secure Logout: the language server failed to start. See the output for details.');
  }
}

/** enable/include/exclude as VS Code applies them (workspace values of restricted settings hidden), per folder. */
function syncedDocumentSettings(): string {
  const scopes = vscode.workspace.workspaceFolders?.length ? vscode.workspace.workspaceFolders : [undefined];
  return JSON.stringify(scopes.map((folder) => {
    const { enable, include, exclude } = readSettings(folder);
    return { enable, include, exclude };
  }));
}

export async function deactivate(): Promise<void> {
  if (client?.needsStop()) await client.stop();
  client = undefined;
}
