// Wires the LSP connection: document sync, scheduling, push/pull diagnostics, code actions, hover,
// commands and cross-file re-checks. The analysis runs in the lint worker (analysis-client.ts,
// analysis.ts); this thread only answers from its results, so it always stays responsive.
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  ExecuteCommandRequest,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ContextChange, ContextChangeResult } from './analysis';
import { AnalysisClient, type AnalysisHost } from './analysis-client';
import { Checker, type CheckedDocument } from './checker';
import { codeActions, type CodeActionDeps } from './code-actions';
import { pathToUri, uriToPath } from './document-paths';
import { hoverAt } from './hover';
import { isInstalledPackage, JS_LANGUAGES, WATCHED_JS_FILES } from './js-files';
import { isEslintConfigPath } from './project-context';
import { ProjectRoots } from './project-roots';
import { fixAllKind, serverCommands, statusNotification, type ScanResult, type SecureLogoutSettings, type StatusParams } from './protocol';
import { isPathIncluded } from './settings';
import { SettingsStore } from './settings-store';
import { scanWorkspaceFolders } from './workspace-scan';
import { reporterFor } from './workspace-eslint';

export interface ServerOptions {
  /** Delay before checking while the user types (a burst of edits is checked once, at its end). */
  typingDebounceMs?: number;
  /** The script that runs the lint worker (main.ts); without it the analysis runs on this thread. */
  workerScript?: string;
  /** The first lint worker, started before this thread loaded its modules. */
  lintWorker?: Worker;
}

type CheckReason = 'open' | 'change' | 'save' | 'context' | 'settings';

const SUPPORTED_LANGUAGES = new Set(['php', ...JS_LANGUAGES]);

/** Files whose change on disk can change findings elsewhere (registered with clients that watch files; the VS Code client watches the same list, extension/src/client.ts). */
const WATCHED_CONTEXT_FILES = '**/{routes/**/*.php,bootstrap/app.php,app/Http/Kernel.php,app/Providers/*.php,config/*.php,.env,composer.json,composer.lock,package.json}';

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const roots = new ProjectRoots();
  const log = (line: string) => connection.console.log(line);
  const analysis: AnalysisClient = new AnalysisClient(
    options.workerScript,
    {
      log: (line) => connection.console.error(line),
      status,
      restoreState: (): ReturnType<AnalysisHost['restoreState']> => ({ buffers: documents.all().flatMap((document) => bufferChange(document, document.getText())), dependencies: checker.dependencies() }),
    },
    options.lintWorker,
  );
  const checker: Checker = new Checker(analysis, roots, (uri, version) => documents.get(uri)?.version === version);
  const debounceMs = options.typingDebounceMs ?? 80;

  let settings!: SettingsStore;
  let capabilities: ClientCapabilities = {};
  let pullMode = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const lastChangeAt = new Map<string, number>();
  /** URIs that got pushed diagnostics from a scan (cleared when a pull client opens them). */
  const scanPushed = new Set<string>();

  const actionDeps = (): CodeActionDeps => ({
    supportsDocumentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
    crossFileFixes: (checked, message) => checker.detailsOf(checked, message)?.crossFileFixes ?? [],
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    pullMode = capabilities.textDocument?.diagnostic !== undefined;
    settings = new SettingsStore(connection, params.initializationOptions, capabilities.workspace?.configuration === true);
    const folders = params.workspaceFolders?.map((folder) => uriToPath(folder.uri)).filter((p): p is string => !!p) ?? [];
    const rootPath = params.rootUri ? uriToPath(params.rootUri) : (params.rootPath ?? undefined);
    roots.setWorkspaceFolders(folders.length > 0 ? folders : rootPath ? [rootPath] : []);
    log(`secure-logout server: ${pullMode ? 'pull' : 'push'} diagnostics, folders ${roots.workspaceFolders().join(', ') || '(none)'}`);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind] },
        hoverProvider: true,
        executeCommandProvider: { commands: Object.values(serverCommands) },
        ...(pullMode ? { diagnosticProvider: { identifier: 'secure-logout', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'secure-logout-server' },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_CONTEXT_FILES }, { globPattern: WATCHED_JS_FILES }] });
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => uriToPath(folder.uri)));
        const kept = roots.workspaceFolders().filter((folder) => !removed.has(folder));
        const added = event.added.map((folder) => uriToPath(folder.uri)).filter((p): p is string => !!p);
        roots.setWorkspaceFolders([...kept, ...added]);
        recheckAll('settings');
      });
    }
  });

  function status(params: StatusParams): void {
    void connection.sendNotification(statusNotification, params);
  }

  function isChecked(document: TextDocument, current: SecureLogoutSettings): boolean {
    if (!current.enable || !SUPPORTED_LANGUAGES.has(document.languageId)) return false;
    const filePath = uriToPath(document.uri);
    if (!filePath) return true; // untitled buffers have no path to match globs against
    return isPathIncluded(filePath, roots.folderOf(filePath) ?? roots.rootOf(filePath), current);
  }

  function publish(uri: string, diagnostics: CheckedDocument['diagnostics'], version?: number): void {
    void connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  }

  /** Config files whose "ESLint reports here" was already said once. */
  const toldEslintReports = new Set<string>();

  /** Findings of `filePath` are ESLint's to show (workspace-eslint.ts): none published here, no duplicate quick fixes. */
  function leftToEslint(filePath: string, current: SecureLogoutSettings): boolean {
    const reporter = reporterFor(filePath, roots.folderOf(filePath) ?? roots.rootOf(filePath), current);
    if (reporter.host !== 'eslint') return false;
    const config = reporter.configFile ?? 'the workspace ESLint config';
    if (!toldEslintReports.has(config)) {
      toldEslintReports.add(config);
      const message = `ESLint reports secure-logout findings here (${config} runs secure-logout); this server only explains them on hover. Set secureLogout.reporter to "secureLogout" to report them here instead.`;
      log(message);
      status({ state: 'ok', message });
    }
    return true;
  }

  function schedule(uri: string, reason: CheckReason, delayMs: number): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void validate(uri, reason).catch((error) => connection.console.error(`checking ${uri} failed: ${String(error)}`));
      }, delayMs),
    );
  }

  /** Push mode: check the document's current text and publish, tagged with the version checked. */
  async function validate(uri: string, reason: CheckReason): Promise<void> {
    const current = await settings.get(uri);
    flushContextChanges();
    // Read the document only after the await: whatever edits arrived meanwhile are included.
    const live = documents.get(uri);
    if (!live) return;
    if (reason === 'change' && current.run === 'onSave') return;
    if (!isChecked(live, current)) {
      publish(uri, [], live.version);
      return;
    }
    const checked = await checker.check(live, current);
    // A version edited meanwhile is never published: its successor's check is scheduled.
    if (!checked || documents.get(uri)?.version !== checked.version) return;
    if (!pullMode) publish(uri, leftToEslint(checked.filePath, current) ? [] : checked.diagnostics, checked.version);
    reportChecked(checked);
  }

  function reportChecked(checked: CheckedDocument): void {
    status(checked.crash
      ? { state: 'error', uri: checked.uri, lastValidationMs: checked.durationMs, message: checked.crash.message }
      : { state: 'ok', uri: checked.uri, lastValidationMs: checked.durationMs, ...(checked.budgetNote ? { message: checked.budgetNote } : {}) });
  }

  function recheckAll(reason: CheckReason): void {
    checker.invalidateAll();
    if (pullMode) {
      if (capabilities.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
      return;
    }
    for (const document of documents.all()) schedule(document.uri, reason, debounceMs);
  }

  /**
   * A file changed (buffer text or disk) and the project model and JS/TS facts learnt it: re-check
   * what it affects, and the open documents whose last JS/TS check read the file (or searched text it now has).
   */
  function contextChanged({ change, affected, projectModelAffected }: ContextChangeResult): void {
    if (affected !== 'all' && affected.length === 0) return;
    const { filePath, root } = change;
    log(`${path.relative(root, filePath)} changed: re-checking ${affected === 'all' ? 'open files of the project' : affected.map((file) => path.relative(root, file)).join(', ')}`);
    const wanted = affected === 'all' ? undefined : new Set(affected);
    // An ESLint config's settings['secure-logout'] apply to every file below it, in nested projects too.
    const configDir = isEslintConfigPath(filePath) ? path.dirname(filePath) + path.sep : undefined;
    recheckOpen((document) => {
      const documentPath = uriToPath(document.uri);
      return document.uri !== change.uri && !!documentPath && (wanted ? wanted.has(documentPath) : roots.rootOf(documentPath) === root || (!!configDir && documentPath.startsWith(configDir)));
    }, projectModelAffected ? 'all cached' : 'only these');
  }

  /**
   * Re-checks the open documents `affected` selects; pull clients are asked to pull again. A JS/TS
   * module's edit drops only its dependents' results (it comes here once per typing burst); a
   * project model change drops every cached result, as a safety net for pulls.
   */
  function recheckOpen(affected: (document: TextDocument) => boolean, drop: 'all cached' | 'only these'): void {
    const documentsToCheck = documents.all().filter(affected);
    if (drop === 'all cached') checker.invalidateAll();
    else for (const document of documentsToCheck) checker.markStale(document.uri);
    if (pullMode) {
      if (capabilities.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
      return;
    }
    for (const document of documentsToCheck) schedule(document.uri, 'context', debounceMs);
  }

  /**
   * Buffer changes reach the project model in batches: rebuilding it per keystroke would be waste,
   * but every check first applies what is pending (the worker runs jobs in order), so no check sees
   * an older model than its text.
   */
  const pendingContext = new Map<string, ContextChange>();
  let contextTimer: NodeJS.Timeout | undefined;

  /** An open document's text (undefined: closed) as the project model or the JS/TS facts read it. */
  function bufferChange(document: TextDocument, text: string | undefined): ContextChange[] {
    const filePath = uriToPath(document.uri);
    const kind = document.languageId === 'php' ? 'php-buffer' : JS_LANGUAGES.has(document.languageId) ? 'js-buffer' : undefined;
    return filePath && kind ? [{ kind, filePath, root: roots.rootOf(filePath), uri: document.uri, ...(text !== undefined ? { text } : {}) }] : [];
  }

  function queueContextChange(change: ContextChange): void {
    const key = `${change.kind}:${change.filePath}`;
    const earlier = pendingContext.get(key);
    // A creation or deletion stays one when a plain change follows it in the same batch.
    const changeType = earlier?.changeType !== undefined && earlier.changeType !== FileChangeType.Changed ? earlier.changeType : change.changeType;
    pendingContext.delete(key);
    pendingContext.set(key, { ...change, ...(changeType !== undefined ? { changeType } : {}) });
    clearTimeout(contextTimer);
    contextTimer = setTimeout(flushContextChanges, debounceMs);
  }

  function flushContextChanges(): void {
    clearTimeout(contextTimer);
    contextTimer = undefined;
    if (pendingContext.size === 0) return;
    const batch = [...pendingContext.values()];
    pendingContext.clear();
    const open = documents.all().map(({ uri, languageId }) => ({ uri, languageId }));
    void analysis.contextChanged(batch, open).then((results) => results.forEach(contextChanged));
  }

  /**
   * Pull clients pull on every change, whatever `run` says. With `run: onSave` the findings of the
   * text last opened or saved stand until the next save: per document, that version and its findings.
   */
  const savedChecks = new Map<string, { version: number; diagnostics?: CheckedDocument['diagnostics'] }>();

  documents.onDidOpen((event) => {
    savedChecks.set(event.document.uri, { version: event.document.version });
    if (pullMode && scanPushed.delete(event.document.uri)) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  // Fires for didOpen and for every didChange.
  documents.onDidChangeContent((event) => {
    const { document } = event;
    bufferChange(document, document.getText()).forEach(queueContextChange);
    analysis.supersede();
    if (pullMode) return;
    const first = !checker.cached(document.uri) && !timers.has(document.uri);
    // Leading edge: an edit after a pause is checked at once; edits in quick succession wait
    // until the burst pauses, so a typist's burst costs one check, not one per keystroke.
    const now = performance.now();
    const inBurst = timers.has(document.uri) || now - (lastChangeAt.get(document.uri) ?? -Infinity) < debounceMs;
    lastChangeAt.set(document.uri, now);
    schedule(document.uri, first ? 'open' : 'change', first || !inBurst ? 0 : debounceMs);
  });

  documents.onDidSave((event) => {
    savedChecks.set(event.document.uri, { version: event.document.version });
    if (!pullMode) schedule(event.document.uri, 'save', 0);
    // An ESLint config's settings['secure-logout'] are read from disk (settings-source.ts), and the
    // watcher's event for an open file is dropped below: its save is what tells the files under it.
    const savedPath = uriToPath(event.document.uri);
    if (savedPath && isEslintConfigPath(savedPath)) queueContextChange({ kind: 'disk', filePath: savedPath, root: roots.rootOf(savedPath), changeType: FileChangeType.Changed });
  });

  documents.onDidClose((event) => {
    const { uri } = event.document;
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    lastChangeAt.delete(uri);
    savedChecks.delete(uri);
    checker.forget(uri);
    settings.forget(uri);
    if (!pullMode) {
      void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    // The buffer may have held unsaved route changes: the model goes back to the disk.
    bufferChange(event.document, undefined).forEach(queueContextChange);
    analysis.supersede();
  });

  connection.onDidChangeWatchedFiles((params) => {
    roots.invalidate();
    for (const change of params.changes) {
      const filePath = uriToPath(change.uri);
      // An open buffer is the truth for its file; the disk catches up on save.
      if (!filePath || documents.get(change.uri) || isInstalledPackage(filePath)) continue;
      queueContextChange({ kind: 'disk', filePath, root: roots.rootOf(filePath), changeType: change.type });
    }
  });

  connection.onDidChangeConfiguration((params) => {
    settings.changed(params.settings);
    recheckAll('settings');
  });

  connection.languages.diagnostics.on(async (params) => {
    const current = await settings.get(params.textDocument.uri);
    flushContextChanges();
    const live = documents.get(params.textDocument.uri);
    if (!live || !isChecked(live, current)) return { kind: 'full', items: [] };
    const saved = savedChecks.get(live.uri);
    if (current.run === 'onSave' && saved?.diagnostics && saved.version !== live.version) return { kind: 'full', items: saved.diagnostics };
    const checked = await checkLatest(live.uri, current);
    if (!checked) return { kind: 'full', items: [] };
    if (saved?.version === checked.version) saved.diagnostics = checked.diagnostics;
    reportChecked(checked);
    return { kind: 'full', items: leftToEslint(checked.filePath, current) ? [] : checked.diagnostics };
  });

  /** The check of the open document's latest version (undefined once it is closed). */
  async function checkLatest(uri: string, current: SecureLogoutSettings): Promise<CheckedDocument | undefined> {
    for (;;) {
      const live = documents.get(uri);
      if (!live) return undefined;
      const checked = await checker.check(live, current);
      if (checked) return checked;
    }
  }

  /** The checked state of an open document, re-checked if the text changed since. */
  async function checkedNow(uri: string): Promise<CheckedDocument | undefined> {
    const current = await settings.get(uri);
    const live = documents.get(uri);
    if (!live || !isChecked(live, current)) return undefined;
    // Pending changes of other buffers go to the worker before a check, not before an answer
    // from a fresh result: a 5 MB buffer just opened would make the hover wait for its copy.
    const fresh = checker.fresh(live, current);
    if (fresh) return fresh;
    flushContextChanges();
    return checkLatest(uri, current);
  }

  connection.onCodeAction(async (params) => {
    const checked = await checkedNow(params.textDocument.uri);
    return checked && !leftToEslint(checked.filePath, checked.settings) ? codeActions(checked, params, actionDeps()) : [];
  });

  connection.onHover(async (params) => {
    const checked = await checkedNow(params.textDocument.uri);
    const details = (message: Parameters<Checker['detailsOf']>[1]) => checker.detailsOf(checked!, message);
    return checked ? hoverAt(checked, params.position, { php: (message) => details(message)?.php, js: (message) => details(message)?.js, notAnalysed: () => checked.notAnalysed }) : null;
  });

  // Registered as a plain request so the client's workDoneToken is still visible (onExecuteCommand strips it).
  connection.onRequest(ExecuteCommandRequest.type, async (params, token) => {
    if (params.command === serverCommands.showDocumentation) {
      const url = String(params.arguments?.[0] ?? '');
      if (!/^https?:\/\//.test(url)) return null;
      if (capabilities.window?.showDocument?.support) {
        const result = await connection.window.showDocument({ uri: url, external: true });
        if (result.success) return null;
      }
      // Clients without window/showDocument (or that refuse external URLs) still show the link.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `secure-logout rule documentation: ${url}` });
      return null;
    }
    if (params.command === serverCommands.scanWorkspace) {
      const progress =
        params.workDoneToken !== undefined || !capabilities.window?.workDoneProgress
          ? connection.window.attachWorkDoneProgress(params.workDoneToken)
          : await connection.window.createWorkDoneProgress();
      return scanWorkspace(token, progress);
    }
    return null;
  });

  function scanWorkspace(token: CancellationToken, progress: WorkDoneProgressReporter): Promise<ScanResult> {
    flushContextChanges();
    return scanWorkspaceFolders(
      {
        folders: roots.workspaceFolders(),
        folderSettings: (folder) => settings.get(pathToUri(folder)),
        checkOpen: async (uri) => (documents.get(uri) ? checkLatest(uri, await settings.get(uri)) : undefined),
        checkText: (document, current) => checker.checkSnapshot(document, current),
        notAnalysed: (folder) => analysis.notAnalysed(path.join(folder, 'composer.json')),
        refusedFiles: (folder) => analysis.refusedFiles(path.join(folder, 'composer.json')),
        publish: (checked, open) => {
          if (leftToEslint(checked.filePath, checked.settings)) return;
          if (open) {
            if (!pullMode) publish(checked.uri, checked.diagnostics, checked.version);
          } else if (checked.diagnostics.length > 0 || scanPushed.has(checked.uri)) {
            scanPushed.add(checked.uri);
            publish(checked.uri, checked.diagnostics);
          }
        },
        status,
        log,
      },
      token,
      progress,
    );
  }

  // Keep serving whatever happens in one request: log instead of exiting.
  process.on('uncaughtException', (error) => connection.console.error(`unexpected error (server keeps running): ${error.stack ?? String(error)}`));
  process.on('unhandledRejection', (error) => connection.console.error(`unexpected rejection (server keeps running): ${String(error)}`));
  connection.onShutdown(() => analysis.dispose());

  // Loading ESLint and the plugin in the worker overlaps the client's initialize.
  analysis.start();
  documents.listen(connection);
  connection.listen();
}
