// Checks one document version: lint, diagnostics with related locations, cached per version.
import { explainJsFinding, recordDependencies, type JsDependencies, type JsFindingExplanation } from 'eslint-plugin-secure-logout/node';
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { crashDiagnostic, toDiagnostic } from './diagnostics';
import { lintFileName, pathToUri } from './document-paths';
import type { LintEngine, LintMessage } from './lint-engine';
import type { FindingExplanation, NotAnalysedRoute, ProjectContext, SourceLocation } from './project-context';
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
  /** The AST of the checked text (kept for hover and code actions on this version). */
  program: unknown;
  diagnostics: Diagnostic[];
  /** Other files (and project text searches) the JS/TS findings were computed from: their changes re-check this document. */
  jsDependencies: JsDependencies;
  durationMs: number;
  crash?: Error;
  /** Why this file was over its budget or not analysed (parse budget, size cap): named in the output and the status item. */
  budgetNote?: string;
}

/** A check slower than this is named in the output channel and the status item. */
export const CHECK_BUDGET_MS = 2_000;

/** The parse-error finding's reason, or a note when the check itself ran past the budget. */
function budgetNoteOf(messages: readonly LintMessage[], durationMs: number): string | undefined {
  const unanalysed = messages.find((m) => m.ruleId === 'secure-logout/parse-error' || m.messageId === 'analysisFailed');
  if (unanalysed) return unanalysed.message;
  return durationMs > CHECK_BUDGET_MS ? `the check took ${Math.round(durationMs)} ms (budget ${CHECK_BUDGET_MS} ms)` : undefined;
}

export class Checker {
  private readonly cache = new Map<string, CheckedDocument>();
  /** Bumped when something outside the document (route files, config, settings) changes. */
  private generation = 0;
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly engine: LintEngine,
    private readonly roots: ProjectRoots,
    private readonly context: ProjectContext,
    private readonly log: (line: string) => void,
  ) {}

  /** Results computed for an older state of the project are no longer reused. */
  invalidateAll(): void {
    this.generation++;
  }

  /** The next check of `uri` lints again; the last result (and its dependencies) stays readable until then. */
  markStale(uri: string): void {
    this.generations.delete(uri);
  }

  cached(uri: string): CheckedDocument | undefined {
    return this.cache.get(uri);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.generations.delete(uri);
  }

  check(live: TextDocument, settings: SecureLogoutSettings): CheckedDocument {
    const previous = this.cache.get(live.uri);
    if (previous && previous.version === live.version && previous.settings === settings && this.generations.get(live.uri) === this.generation) return previous;
    const document = TextDocument.create(live.uri, live.languageId, live.version, live.getText());
    const checked = this.checkSnapshot(document, settings);
    this.cache.set(live.uri, checked);
    this.generations.set(live.uri, this.generation);
    return checked;
  }

  /** Checks a text without caching it (workspace scan of files that are not open). */
  checkSnapshot(document: TextDocument, settings: SecureLogoutSettings): CheckedDocument {
    const provisionalRoot = this.roots.workspaceFolders()[0] ?? process.cwd();
    const filePath = lintFileName(document.uri, document.languageId, provisionalRoot);
    const root = this.roots.rootOf(filePath);
    const { result: outcome, dependencies: jsDependencies } = recordDependencies(() => this.engine.lint(document.getText(), filePath, root, settings.rules));
    if (outcome.crash) this.log(`analysis of ${filePath} failed (isolated, other files are unaffected): ${outcome.crash.stack ?? outcome.crash.message}`);
    const budgetNote = budgetNoteOf(outcome.messages, outcome.durationMs);
    if (budgetNote) this.log(`over budget or not analysed: ${filePath}: ${budgetNote}`);
    const diagnostics = outcome.crash ? [crashDiagnostic(outcome.crash)] : outcome.messages.map((message) => toDiagnostic(message, document.uri, this.related(root, filePath, message, outcome.program)));
    return { uri: document.uri, version: document.version, document, filePath, root, settings, messages: outcome.messages, program: outcome.program, diagnostics, jsDependencies, durationMs: outcome.durationMs, ...(outcome.crash ? { crash: outcome.crash } : {}), ...(budgetNote ? { budgetNote } : {}) };
  }

  /** Routes declared in this document whose handler was not analysed, and why (for the hover of a route line). */
  notAnalysed(checked: CheckedDocument): NotAnalysedRoute[] {
    try {
      return checked.filePath.endsWith('.php') ? (this.context.notAnalysed?.(checked.filePath, true) ?? []) : [];
    } catch (error) {
      this.log(`listing unanalysed routes of ${checked.filePath} failed: ${String(error)}`);
      return [];
    }
  }

  explain(checked: CheckedDocument, message: LintMessage): FindingExplanation | undefined {
    try {
      return this.context.explain(checked.root, checked.filePath, message, checked.program);
    } catch (error) {
      this.log(`explaining ${message.ruleId} in ${checked.filePath} failed: ${String(error)}`);
      return undefined;
    }
  }

  /** What a JS/TS finding rests on (library versions, the route and its auth chain), for hovers. */
  explainJs(checked: CheckedDocument, message: LintMessage): JsFindingExplanation | undefined {
    try {
      return explainJsFinding(checked.filePath, checked.document.getText(), message.line) ?? undefined;
    } catch (error) {
      this.log(`explaining ${message.ruleId} in ${checked.filePath} failed: ${String(error)}`);
      return undefined;
    }
  }

  private related(root: string, filePath: string, message: LintMessage, program: unknown): DiagnosticRelatedInformation[] {
    let explanation: FindingExplanation | undefined;
    try {
      explanation = this.context.explain(root, filePath, message, program);
    } catch (error) {
      this.log(`explaining ${message.ruleId} in ${filePath} failed: ${String(error)}`);
    }
    if (!explanation) return [];
    const related: DiagnosticRelatedInformation[] = [];
    const add = (location: SourceLocation | undefined, text: string) => {
      if (location) related.push({ location: { uri: pathToUri(location.filePath), range: lspRange(location) }, message: text });
    };
    const seen = new Set<string>();
    const addOnce = (location: SourceLocation | undefined, text: string) => {
      const key = location ? `${location.filePath}:${location.line}:${text}` : '';
      if (location && !seen.has(key)) {
        seen.add(key);
        add(location, text);
      }
    };
    for (const route of explanation.routes) {
      addOnce(route.location, `route ${route.label} reaches this handler`);
      if (route.via) addOnce(route.via.location, `${route.via.label} calls this helper on ${route.label}`);
      const guard = route.effectiveGuard;
      addOnce(guard.location, `selects the ${guard.name} guard${guard.driver ? ` (driver ${guard.driver})` : ''} for ${route.label}`);
      for (const middleware of route.middleware) if (middleware.location && middleware.location.line !== guard.location?.line) addOnce(middleware.location, `middleware ${middleware.name}: ${middleware.origin}`);
    }
    const driver = explanation.sessionDriver;
    if (driver && explanation.routes.length > 0) addOnce(driver.location, `session driver: ${driver.value} (${driver.origin})`);
    return related;
  }
}

export function lspRange(location: SourceLocation) {
  const start = { line: Math.max(0, location.line - 1), character: location.column ?? 0 };
  const end = location.endLine !== undefined ? { line: Math.max(0, location.endLine - 1), character: location.endColumn ?? 0 } : start;
  return { start, end };
}
