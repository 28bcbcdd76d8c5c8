// Creates the LanguageClient that starts the bundled server (dist/server.js) over node IPC.
import * as vscode from 'vscode';
import {
  DiagnosticPullMode,
  ExecuteCommandRequest,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { settingsSection, supportedLanguages } from './protocol';
import { isRestarting } from './restart';
import { isDocumentChecked, readSettings } from './settings';

/**
 * Files the server's project model reads (routes, middleware, guards registered in providers,
 * session config): a change on disk must re-check open controllers even when the file is not open
 * in an editor. The same list as the server's WATCHED_CONTEXT_FILES (server/src/server.ts).
 */
const projectModelFiles =
  '**/{routes/**/*.php,bootstrap/app.php,app/Http/Kernel.php,app/Providers/*.php,config/*.php,.env,composer.json,composer.lock,package.json}';
/** JS/TS modules and lock files other files' findings rest on (routers, guards, versions): server/src/js-dependencies.ts WATCHED_JS_FILES. */
const jsProjectFiles = '**/{package-lock.json,yarn.lock,pnpm-lock.yaml,*.js,*.jsx,*.ts,*.tsx,*.mjs,*.cjs,*.mts,*.cts}';

export const documentSelector: DocumentSelector = supportedLanguages.flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
]);

export function createLanguageClient(
  context: vscode.ExtensionContext,
  outputChannel: vscode.LogOutputChannel,
  extensionCommands: readonly string[],
): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };

  const projectModelWatcher = vscode.workspace.createFileSystemWatcher(projectModelFiles);
  const jsModuleWatcher = vscode.workspace.createFileSystemWatcher(jsProjectFiles);
  context.subscriptions.push(projectModelWatcher, jsModuleWatcher);
  const skip = (document: vscode.TextDocument) => !isDocumentChecked(document);
  /** Last diagnostics pulled per document: what `run: onSave` keeps showing while a file has unsaved changes. */
  const lastPulled = new Map<string, vscode.Diagnostic[]>();
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel,
    // Never steal focus: the status bar item shows problems with the server.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // The same object the server gets from `workspace/configuration` for section `secureLogout`.
    initializationOptions: readSettings(),
    synchronize: {
      configurationSection: settingsSection,
      fileEvents: [projectModelWatcher, jsModuleWatcher],
    },
    diagnosticPullOptions: {
      onChange: true,
      onSave: true,
      // `true` means "do not pull now": honours `secureLogout.run` for servers that use pull diagnostics.
      filter: (document, mode) =>
        skip(document) || (mode === DiagnosticPullMode.onType && readSettings(document.uri).run === 'onSave'),
    },
    // Documents that are disabled or excluded are never sent to the server, so it cannot report on them.
    middleware: {
      didOpen: (document, next) => (skip(document) ? Promise.resolve() : next(document)),
      didChange: (event, next) => (skip(event.document) ? Promise.resolve() : next(event)),
      didSave: (document, next) => (skip(document) ? Promise.resolve() : next(document)),
      didClose: (document, next) => {
        lastPulled.delete(document.uri.toString());
        return skip(document) ? Promise.resolve() : next(document);
      },
      provideDiagnostics: async (document, previousResultId, token, next) => {
        if (document instanceof vscode.Uri) return next(document, previousResultId, token);
        if (skip(document)) return { kind: 'full', items: [] } as never;
        const key = document.uri.toString();
        // The pull filter above stops pulls caused by typing, but pulls also come from the server
        // (a settings or route file change refreshes every open file): with `run: onSave` an
        // unsaved buffer keeps the problems of its last saved state.
        const cached = lastPulled.get(key);
        if (document.isDirty && cached && readSettings(document.uri).run === 'onSave') return { kind: 'full', items: cached } as never;
        const report = await next(document, previousResultId, token);
        if (report && report.kind === 'full') lastPulled.set(key, report.items);
        return report;
      },
      provideCodeActions: (document, range, context, token, next) => (skip(document) ? [] : next(document, range, context, token)),
      provideHover: (document, position, token, next) => (skip(document) ? null : next(document, position, token)),
      // The server's settings come from the same reader as the client's: in Restricted Mode VS Code
      // hides the workspace's values of restricted settings (include/exclude, see package.json) from it.
      workspace: {
        configuration: (params, token, next) =>
          params.items.every((item) => item.section === settingsSection)
            ? params.items.map((item) => readSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined))
            : next(params, token),
        // A change to enable/include/exclude restarts the server (extension.ts) before this is sent:
        // sending would hit the stopping server and log an error. The new server reads the settings.
        didChangeConfiguration: (sections, next) => (isRestarting() ? Promise.resolve() : next(sections)),
      },
    },
  };

  const client = new LanguageClient(settingsSection, 'Secure Logout', serverOptions, clientOptions);
  keepExtensionCommandsLocal(client, extensionCommands);
  return client;
}

/**
 * The server announces `secure-logout.scanWorkspace` in `executeCommandProvider`, and
 * vscode-languageclient registers every announced command as a VS Code command. The extension
 * already contributes that id (so it appears in the palette before the server runs, with progress
 * and error reporting), and a second registration would throw and abort the client's start. So the
 * announced list is filtered to the ids the extension does not own before the feature registers it.
 */
function keepExtensionCommandsLocal(client: LanguageClient, extensionCommands: readonly string[]): void {
  const feature = client.getFeature(ExecuteCommandRequest.method);
  const register = feature.register.bind(feature);
  feature.register = (data) =>
    register({
      ...data,
      registerOptions: {
        ...data.registerOptions,
        commands: data.registerOptions.commands.filter((command) => !extensionCommands.includes(command)),
      },
    });
}
