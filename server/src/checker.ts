// Checks one document version in the lint worker and caches the result per version: diagnostics,
// and what hover and code actions answer from (explanations, cross-file fixes, fix-all output).
import type { JsDependencies } from 'eslint-plugin-secure-logout/node';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FindingDetails, FixAllResult } from './analysis';
import type { AnalysisClient } from './analysis-client';
import { lintFileName } from './document-paths';
import type { LintMessage } from './lint-engine';
import type { NotAnalysedRoute } from './project-context';
import type { ProjectRoots } from './project-roots';
import type { SecureLogoutSettings } from './protocol';

export interface CheckedDocument {
  uri: string;
  version: number;
  /** A snapshot of the checked text (the live TextDocument is updated in place by later edits). */
  document: TextDocument;
  filePath: string;
  root: string;
  settings: SecureLogoutSettings;
  messages: LintMessage[];
  diagnostics: Diagnostic[];
  /** Other files (and project text searches) the JS/TS findings were computed from: their changes re-check this document. */
  jsDependencies: JsDependencies;
  durationMs: number;
  crash?: Error;
  /** Why this file was over its budget or not analysed (parse budget, size cap): named in the output and the status item. */
  budgetNote?: string;
  /** Per message: what its hover explains and its cross-file fixes. */
  details: FindingDetails[];
  /** Routes declared in this document whose handler was not analysed (hover of a route line). */
  notAnalysed: NotAnalysedRoute[];
  /** Every fix applied (undefined when nothing is fixable); computed in the worker when idle, or when first asked. */
  fixAll: () => Promise<FixAllResult | undefined>;
}

export class Checker {
  private readonly cache = new Map<string, CheckedDocument>();
  private readonly inFlight = new Map<string, { key: string; promise: Promise<CheckedDocument | undefined> }>();
  /** Bumped when something outside the document (route files, config, settings) changes. */
  private generation = 0;
  /** Per document: bumped when a change elsewhere may change its findings. */
  private readonly staleness = new Map<string, number>();
  private readonly freshAt = new Map<string, string>();

  constructor(
    private readonly analysis: AnalysisClient,
    private readonly roots: ProjectRoots,
    /** Whether `version` is still the open document's version. */
    private readonly isCurrent: (uri: string, version: number) => boolean,
  ) {}

  /** Results computed for an older state of the project are no longer reused. */
  invalidateAll(): void {
    this.generation++;
  }

  /** The next check of `uri` lints again; the last result (and its dependencies) stays readable until then. */
  markStale(uri: string): void {
    this.staleness.set(uri, (this.staleness.get(uri) ?? 0) + 1);
  }

  cached(uri: string): CheckedDocument | undefined {
    return this.cache.get(uri);
  }

  /** Every cached result's dependencies (a fresh worker is given them). */
  dependencies(): [string, JsDependencies][] {
    return [...this.cache].map(([uri, checked]) => [uri, checked.jsDependencies]);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.inFlight.delete(uri);
    this.staleness.delete(uri);
    this.freshAt.delete(uri);
    this.analysis.forget(uri);
  }

  /** The cached result when it is for this version, settings and state of the project. */
  fresh(live: TextDocument, settings: SecureLogoutSettings): CheckedDocument | undefined {
    const previous = this.cache.get(live.uri);
    return previous && this.freshAt.get(live.uri) === this.freshnessKey(live.uri, live.version, settings) ? previous : undefined;
  }

  /** Undefined when the document moved on before its check ran: the newer version is checked instead. */
  check(live: TextDocument, settings: SecureLogoutSettings): Promise<CheckedDocument | undefined> {
    const previous = this.fresh(live, settings);
    if (previous) return Promise.resolve(previous);
    const key = this.freshnessKey(live.uri, live.version, settings);
    const running = this.inFlight.get(live.uri);
    if (running?.key === key) return running.promise;
    const document = TextDocument.create(live.uri, live.languageId, live.version, live.getText());
    const promise = this.run(document, settings, 'open').then((checked) => {
      if (this.inFlight.get(live.uri)?.promise === promise) this.inFlight.delete(live.uri);
      if (checked && this.isCurrent(checked.uri, checked.version)) {
        this.cache.set(live.uri, checked);
        this.freshAt.set(live.uri, key);
      }
      return checked;
    });
    this.inFlight.set(live.uri, { key, promise });
    return promise;
  }

  /** Checks a text without caching it (workspace scan of files that are not open). */
  async checkSnapshot(document: TextDocument, settings: SecureLogoutSettings): Promise<CheckedDocument> {
    return (await this.run(document, settings, 'scan'))!;
  }

  /** What hover and code actions show for `message` of `checked`. */
  detailsOf(checked: CheckedDocument, message: LintMessage): FindingDetails | undefined {
    return checked.details[checked.messages.indexOf(message)];
  }

  private async run(document: TextDocument, settings: SecureLogoutSettings, purpose: 'open' | 'scan'): Promise<CheckedDocument | undefined> {
    const provisionalRoot = this.roots.workspaceFolders()[0] ?? process.cwd();
    const filePath = lintFileName(document.uri, document.languageId, provisionalRoot);
    const root = this.roots.rootOf(filePath);
    const folder = this.roots.folderOf(filePath) ?? root;
    const request = { uri: document.uri, languageId: document.languageId, version: document.version, text: document.getText(), filePath, root, folder, rules: settings.rules, projectSettings: settings.projectSettings, purpose };
    const outcome = await this.analysis.check(request, () => purpose === 'scan' || this.isCurrent(document.uri, document.version));
    if (!outcome) return undefined;
    const { result } = outcome;
    return {
      uri: document.uri,
      version: document.version,
      document,
      filePath,
      root,
      settings,
      messages: result.messages,
      diagnostics: result.diagnostics,
      jsDependencies: result.jsDependencies,
      durationMs: result.durationMs,
      ...(result.crash ? { crash: Object.assign(new Error(result.crash.message), result.crash.stack ? { stack: result.crash.stack } : {}) } : {}),
      ...(result.budgetNote ? { budgetNote: result.budgetNote } : {}),
      details: result.details,
      notAnalysed: result.notAnalysed,
      fixAll: outcome.fixAll,
    };
  }

  private freshnessKey(uri: string, version: number, settings: SecureLogoutSettings): string {
    return `${version}:${this.generation}:${this.staleness.get(uri) ?? 0}:${settingsId(settings)}`;
  }
}

const settingsIds = new WeakMap<SecureLogoutSettings, number>();
let nextSettingsId = 0;

/** Settings objects are replaced, never mutated: identity tells them apart. */
function settingsId(settings: SecureLogoutSettings): number {
  let id = settingsIds.get(settings);
  if (id === undefined) settingsIds.set(settings, (id = nextSettingsId++));
  return id;
}
