// The editor side of "Secure Logout: Audit sessions": the report is a read-only virtual Markdown
// document (scheme secure-logout-audit), so nothing is written into the workspace.
import * as vscode from 'vscode';
import { auditSessionsCommand, runAuditCommand, runCli } from './audit-command';

const SCHEME = 'secure-logout-audit';

class AuditReports implements vscode.TextDocumentContentProvider {
  private readonly reports = new Map<string, string>();
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;

  set(uri: vscode.Uri, markdown: string): void {
    this.reports.set(uri.toString(), markdown);
    this.changes.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.reports.get(uri.toString()) ?? '';
  }
}

export function registerAuditCommand(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): void {
  const reports = new AuditReports();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, reports),
    vscode.commands.registerCommand(auditSessionsCommand, () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Secure Logout: auditing the sessions table' }, () =>
        runAuditCommand({
          isTrusted: vscode.workspace.isTrusted,
          folders: (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath),
          pick: async (apps) => vscode.window.showQuickPick(apps, { placeHolder: 'Which Laravel app?' }),
          run: runCli,
          show: async (markdown, appDir) => {
            const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${appDir.split(/[\\/]/).pop() ?? 'app'} sessions audit.md` });
            reports.set(uri, markdown);
            const document = await vscode.workspace.openTextDocument(uri);
            await vscode.window.showTextDocument(document, { preview: false });
          },
          error: (message) => {
            output.error(message);
            void vscode.window.showErrorMessage(message);
          },
          info: (message) => void vscode.window.showInformationMessage(message),
          log: (message) => output.info(message),
        }),
      ),
    ),
  );
}
