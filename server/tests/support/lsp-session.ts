// Drives the real server binary (server/bin/secure-logout-server.js --stdio) as an LSP client
// would: records every notification, answers the server's requests like an editor does.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  ShowMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** The server under test; SECURE_LOGOUT_SERVER_BINARY runs the same suite against another build (e.g. the extension's bundle). */
export const serverBinary = process.env['SECURE_LOGOUT_SERVER_BINARY'] ?? path.resolve(__dirname, '../../bin/secure-logout-server.js');
export const fixtureDir = path.resolve(__dirname, '../fixtures/laravel-app');

/** A fresh copy of a fixture project in a temp dir (tests edit files on disk). */
export function copyFixture(source = fixtureDir): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-server-'));
  fs.cpSync(source, target, { recursive: true });
  return target;
}

export const uriOf = (filePath: string) => pathToFileURL(filePath).href;

export interface SessionOptions {
  workspace: string;
  /** Answers to workspace/configuration (section secureLogout); undefined = the client has no such capability. */
  settings?: unknown;
  initializationOptions?: unknown;
  /** Advertise pull diagnostics (textDocument.diagnostic). */
  pull?: boolean;
  env?: Record<string, string>;
}

export interface ProgressEvent {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number; cancellable?: boolean };
}

export class LspSession {
  readonly connection: ProtocolConnection;
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  readonly shownMessages: string[] = [];
  /** The scopeUri of every workspace/configuration item the server asked for. */
  readonly configurationScopes: (string | undefined)[] = [];
  /** How often the server asked a pull client to re-pull (workspace/diagnostic/refresh). */
  diagnosticRefreshes = 0;
  readonly progress: ProgressEvent[] = [];
  readonly status: { state: string; uri?: string; lastValidationMs?: number; message?: string }[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly stderr: string[] = [];
  private readonly process: ChildProcess;
  private readonly documents = new Map<string, TextDocument>();
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly options: SessionOptions) {
    this.process = spawn(process.execPath, [serverBinary, '--stdio'], { stdio: 'pipe', env: { ...process.env, ...options.env } });
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.record(() => this.diagnostics.push(params)));
    this.connection.onNotification(LogMessageNotification.type, (params) => this.record(() => this.logs.push(params.message)));
    this.connection.onNotification(ShowMessageNotification.type, (params) => this.record(() => this.shownMessages.push(params.message)));
    this.connection.onNotification('secureLogout/status', (params: LspSession['status'][number]) => this.record(() => this.status.push(params)));
    this.connection.onNotification('$/progress', (params: ProgressEvent) => this.record(() => this.progress.push(params)));
    this.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => {
        this.configurationScopes.push(item.scopeUri);
        return this.options.settings ?? null;
      }),
    );
    this.connection.onRequest(RegistrationRequest.type, () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => this.record(() => this.diagnosticRefreshes++));
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.appliedEdits.push(params.edit);
      this.applyEdit(params.edit);
      return { applied: true };
    });
    this.connection.listen();
  }

  private record(action: () => void): void {
    action();
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  async initialize(): Promise<void> {
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: this.options.settings !== undefined,
        workspaceEdit: { documentChanges: true },
        applyEdit: true,
        ...(this.options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      window: { workDoneProgress: true },
      textDocument: {
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        ...(this.options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      },
    };
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(this.options.workspace),
      workspaceFolders: [{ uri: uriOf(this.options.workspace), name: path.basename(this.options.workspace) }],
      capabilities,
      initializationOptions: this.options.initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  document(uri: string): TextDocument {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document;
  }

  async open(filePath: string, text = fs.readFileSync(filePath, 'utf8'), languageId = 'php'): Promise<string> {
    const uri = uriOf(filePath);
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Replaces the whole text (a full-content change event) and returns the new version. */
  async replace(uri: string, text: string): Promise<number> {
    const document = this.document(uri);
    const version = document.version + 1;
    this.documents.set(uri, TextDocument.update(document, [{ text }], version));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Applies a WorkspaceEdit to the open documents and sends the change, as an editor does. */
  applyEdit(edit: WorkspaceEdit): void {
    const changes: [string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]][] = [];
    for (const change of edit.documentChanges ?? []) if ('edits' in change) changes.push([change.textDocument.uri, change.edits as never]);
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) changes.push([uri, edits]);
    for (const [uri, edits] of changes) {
      const document = this.documents.get(uri);
      if (!document) throw new Error(`edit for a document that is not open: ${uri}`);
      void this.replace(uri, TextDocument.applyEdits(document, edits));
    }
  }

  /** Resolves when `predicate` holds for the recorded state (checked after each notification). */
  async waitFor<T>(predicate: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for ${what}; logs:\n${this.logs.join('\n')}\n${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The first diagnostics published for `uri` at `version` (or any version) after `since` publications. */
  diagnosticsFor(uri: string, options: { version?: number; since?: number; timeoutMs?: number } = {}): Promise<PublishDiagnosticsParams> {
    return this.waitFor(
      () => this.diagnostics.slice(options.since ?? 0).find((p) => p.uri === uri && (options.version === undefined || p.version === options.version)),
      `diagnostics for ${uri}${options.version !== undefined ? ` version ${options.version}` : ''}`,
      options.timeoutMs,
    );
  }

  async dispose(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) {
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          this.process.kill();
          resolve(undefined);
        }, 2000);
        this.process.once('exit', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    }
  }
}

/**
 * `start()` for a describe block: a session on a fresh copy of the fixture (or `options.workspace`),
 * initialized; every session is disposed and its workspace removed after each test.
 */
export function useSessions(): (options?: Partial<SessionOptions>) => Promise<{ session: LspSession; workspace: string }> {
  const workspaces: string[] = [];
  const sessions: LspSession[] = [];
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.dispose()));
    for (const workspace of workspaces.splice(0)) fs.rmSync(workspace, { recursive: true, force: true });
  });
  return async (options = {}) => {
    const workspace = options.workspace ?? copyFixture();
    workspaces.push(workspace);
    const session = new LspSession({ settings: {}, ...options, workspace });
    sessions.push(session);
    await session.initialize();
    return { session, workspace };
  };
}
