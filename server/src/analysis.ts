// The analysis half of the server: the bundled plugin with ESLint's Linter, the Laravel project
// model and the JS/TS project facts. It runs in the lint worker (lint-worker.ts), never on the LSP
// thread. Each result carries what hover and code actions need (explanations, cross-file fixes,
// the fix-all output), so the LSP thread answers them from its cache, as vscode-eslint does.
import { explainJsFinding, recordDependencies, stayInsideFolder, type JsDependencies, type JsFindingExplanation } from 'eslint-plugin-secure-logout/node';
import type { Diagnostic } from 'vscode-languageserver';
import { crashDiagnostic, invalidSettingsDiagnostic, relatedInformation, toDiagnostic } from './diagnostics';
import { jsBufferChanged, jsFileChangedOnDisk, openDependents } from './js-dependencies';
import { isJsProjectFile } from './js-files';
import { LaravelProjectContext } from './laravel-project-context';
import { LintEngine, type LintMessage } from './lint-engine';
import type { CrossFileFix, FindingExplanation, NotAnalysedRoute, ProjectContext, RefusedFile, SettingsInUse } from './project-context';
import { InvalidSettingsError, settingsFrom } from 'eslint-plugin-secure-logout/project';
import { projectSettingsFor } from './settings-source';
import { overBudgetNote } from './check-budget';
import type { RuleSeverity } from './protocol';


export interface CheckRequest {
  uri: string;
  languageId: string;
  version: number;
  text: string;
  filePath: string;
  root: string;
  rules: Record<string, RuleSeverity>;
  /** The workspace folder of the file (its ESLint config is looked up to there); the root when there is none. */
  folder?: string;
  /** The server's own `projectSettings` (settings['secure-logout'] when no workspace ESLint config runs secure-logout). */
  projectSettings?: unknown;
  /** `open`: an open document (hover and code action data, its dependencies kept); `scan`: a file read for the workspace scan. */
  purpose: 'open' | 'scan';
}

/** What hover and code actions show for one finding, computed with the check. */
export interface FindingDetails {
  php?: FindingExplanation;
  js?: JsFindingExplanation;
  crossFileFixes: CrossFileFix[];
}

export interface CheckResult {
  messages: LintMessage[];
  diagnostics: Diagnostic[];
  durationMs: number;
  /** Other files (and project text searches) the JS/TS findings were computed from. */
  jsDependencies: JsDependencies;
  crash?: { message: string; stack?: string };
  /** Why this file was over its budget or not analysed (parse budget, size cap). */
  budgetNote?: string;
  /** Per message, in order (`open` checks only). */
  details: FindingDetails[];
  /** Routes or logouts of this document that were not analysed, and why (PHP and JS/TS, `open` checks only). */
  notAnalysed: NotAnalysedRoute[];
  /** Whether a fix or suggestion exists (the fix-all output is then computed when the worker is idle). */
  fixable: boolean;
}

export interface FixAllResult {
  output: string;
  applied: number;
}

/** A change the project model and the JS/TS facts learn about; buffers carry their text (undefined: closed, read the disk). */
export interface ContextChange {
  kind: 'php-buffer' | 'js-buffer' | 'disk';
  filePath: string;
  root: string;
  text?: string;
  uri?: string;
  /** `disk` only: the watcher's change type (1 created, 2 changed, 3 deleted). */
  changeType?: 1 | 2 | 3;
}

export interface ContextChangeResult {
  change: ContextChange;
  /** Files whose findings may have changed ('all': every file of the root), the changed file itself left out. */
  affected: 'all' | string[];
  /** The project model changed (every cached result is stale), not only some modules' dependents. */
  projectModelAffected: boolean;
}

export interface OpenDocument {
  uri: string;
  languageId: string;
}

/** The budget note: the parse-error finding's reason, or the check ran past the budget. */
function budgetNoteOf(messages: readonly LintMessage[], durationMs: number): string | undefined {
  const unanalysed = messages.find((m) => m.ruleId === 'secure-logout/parse-error' || m.messageId === 'analysisFailed');
  if (unanalysed) return unanalysed.message;
  return overBudgetNote(durationMs);
}

export class Analysis {
  private readonly engine: LintEngine;
  /** Dependencies of each open document's last check: a change to one of them re-checks it. */
  private readonly dependencies = new Map<string, JsDependencies>();
  /** Notes about where settings['secure-logout'] come from, each logged once. */
  private readonly notesLogged = new Set<string>();

  constructor(
    private readonly log: (line: string) => void,
    private readonly context: ProjectContext = new LaravelProjectContext(),
    engine?: LintEngine,
  ) {
    this.engine = engine ?? new LintEngine();
  }

  warmUp(): void {
    this.engine.warmUp();
  }

  check(request: CheckRequest): CheckResult {
    const { filePath, root, uri } = request;
    // The JS/TS project model looks for package.json up to the workspace folder, never above it.
    stayInsideFolder(request.folder ?? root);
    const used = this.settingsOf(request);
    if ('invalid' in used) return invalidSettingsResult(used.invalid);
    const { result: outcome, dependencies: jsDependencies } = recordDependencies(() => this.engine.lint(request.text, filePath, root, request.rules, used.raw));
    if (outcome.crash) this.log(`analysis of ${filePath} failed (isolated, other files are unaffected): ${outcome.crash.stack ?? outcome.crash.message}`);
    const budgetNote = budgetNoteOf(outcome.messages, outcome.durationMs);
    if (budgetNote) this.log(`over budget or not analysed: ${filePath}: ${budgetNote}`);
    const isPhp = filePath.endsWith('.php');
    // Related information (diagnostics.ts) and hover read the same explanation, for PHP and JS/TS alike.
    const explanations = outcome.messages.map((message) => (isPhp ? { php: this.explain(root, filePath, message, outcome.program, used) } : { js: this.explainJs(filePath, request.text, message) }));
    const diagnostics = outcome.crash
      ? [crashDiagnostic(outcome.crash)]
      : outcome.messages.map((message, index) => toDiagnostic(message, uri, relatedInformation(root, explanations[index]!)));
    const open = request.purpose === 'open';
    if (open) this.dependencies.set(uri, jsDependencies);
    const details = open
      ? outcome.messages.map((message, index) => ({
          ...explanations[index],
          crossFileFixes: this.crossFileFixes(root, filePath, message, outcome.program, used),
        }))
      : [];
    return {
      messages: outcome.messages,
      diagnostics,
      durationMs: outcome.durationMs,
      jsDependencies,
      ...(outcome.crash ? { crash: { message: outcome.crash.message, ...(outcome.crash.stack ? { stack: outcome.crash.stack } : {}) } } : {}),
      ...(budgetNote ? { budgetNote } : {}),
      details: details.map((detail) => withoutUndefined(detail)),
      // A file the lint declined whole (parse-error: size cap, parse budget, syntax) is not analysed as a
      // whole already; listing its routes one by one would parse what the lint refused (5 MB: seconds).
      notAnalysed: open && !outcome.messages.some((m) => m.ruleId === 'secure-logout/parse-error') ? this.notAnalysed(filePath, true, used) : [],
      fixable: open && outcome.messages.some((message) => message.fix || message.suggestions?.length),
    };
  }

  /** Fix all for a text whose findings are `firstPass` (the check's own, so the first lint is not repeated). */
  fixAll(request: CheckRequest, firstPass: LintMessage[]): FixAllResult {
    const used = this.settingsOf(request);
    if ('invalid' in used) return { output: request.text, applied: 0 };
    const { output, applied } = this.engine.fixAll(request.text, request.filePath, request.root, request.rules, firstPass, used.raw);
    return { output, applied };
  }

  /** Applies the changes in order; each answers which files it affects among the open documents. */
  contextChanged(changes: ContextChange[], open: OpenDocument[]): ContextChangeResult[] {
    const results: ContextChangeResult[] = [];
    for (const change of changes) {
      const { filePath, root } = change;
      // A JS/TS buffer matters to other files only when what they read changed.
      if (change.kind === 'js-buffer' && !jsBufferChanged(filePath, change.text)) continue;
      const createdOrDeleted = change.kind === 'disk' && change.changeType !== undefined && isJsProjectFile(filePath) && jsFileChangedOnDisk(filePath, change.changeType);
      let affected: 'all' | string[];
      try {
        affected = this.context.fileChanged(root, filePath, change.kind === 'php-buffer' ? change.text : undefined);
      } catch (error) {
        this.log(`project model update for ${filePath} failed: ${String(error)}`);
        affected = this.context.isContextFile(root, filePath) ? 'all' : [];
      }
      // The changed document is re-checked through its own change; only the others are news.
      if (affected !== 'all') affected = affected.filter((file) => file !== filePath);
      const projectModelAffected = affected === 'all' || affected.length > 0;
      if (affected !== 'all' && isJsProjectFile(filePath)) {
        affected = [...new Set([...affected, ...openDependents(open, (uri) => this.dependencies.get(uri), filePath, createdOrDeleted, change.uri)])];
      }
      results.push({ change, affected, projectModelAffected });
    }
    return results;
  }

  /** A fresh worker learns the editor's state: open buffers and what each open document's last check read. */
  restore(buffers: ContextChange[], dependencies: [string, JsDependencies][]): void {
    for (const buffer of buffers) {
      try {
        if (buffer.kind === 'js-buffer') jsBufferChanged(buffer.filePath, buffer.text);
        else if (buffer.kind === 'php-buffer') this.context.fileChanged(buffer.root, buffer.filePath, buffer.text);
      } catch (error) {
        this.log(`restoring the buffer of ${buffer.filePath} failed: ${String(error)}`);
      }
    }
    for (const [uri, recorded] of dependencies) this.dependencies.set(uri, recorded);
  }

  forget(uri: string): void {
    this.dependencies.delete(uri);
  }

  /** Routes of the project around `filePath` whose handler was not analysed. */
  notAnalysed(filePath: string, onlyThisFile: boolean, used?: SettingsInUse): NotAnalysedRoute[] {
    try {
      return this.context.notAnalysed?.(filePath, onlyThisFile, used) ?? [];
    } catch (error) {
      this.log(`listing unanalysed routes of ${filePath} failed: ${String(error)}`);
      return [];
    }
  }

  /** Files of the project around `filePath` that the model refused to read, and why. */
  refusedFiles(filePath: string): RefusedFile[] {
    try {
      return this.context.refusedFiles?.(filePath) ?? [];
    } catch (error) {
      this.log(`listing refused files of ${filePath} failed: ${String(error)}`);
      return [];
    }
  }

  /**
   * The settings['secure-logout'] of this check (settings-source.ts: the workspace ESLint config's
   * when it runs secure-logout, else the server's own), validated; the lint and every project-model
   * call of the check use them.
   */
  private settingsOf(request: CheckRequest): (SettingsInUse & { raw: unknown }) | { invalid: string } {
    const source = projectSettingsFor(request.filePath, request.folder ?? request.root, request.projectSettings);
    if (source.note && !this.notesLogged.has(source.note)) {
      this.notesLogged.add(source.note);
      this.log(source.note);
    }
    try {
      return { user: settingsFrom(source.value), origin: source.origin, ...(source.location ? { location: source.location } : {}), raw: source.value };
    } catch (error) {
      if (!(error instanceof InvalidSettingsError)) throw error;
      // The plugin's message names the key and what it must be; the editor adds where the value was read.
      return { invalid: source.origin ? error.message.replace(/^Invalid settings\['secure-logout'\]/, `$& in ${source.origin}`) : error.message };
    }
  }

  private explain(root: string, filePath: string, message: LintMessage, program: unknown, used: SettingsInUse): FindingExplanation | undefined {
    try {
      return this.context.explain(root, filePath, message, program, used);
    } catch (error) {
      this.log(`explaining ${message.ruleId} in ${filePath} failed: ${String(error)}`);
      return undefined;
    }
  }

  private explainJs(filePath: string, text: string, message: LintMessage): JsFindingExplanation | undefined {
    try {
      return explainJsFinding(filePath, text, message.line, message.message) ?? undefined;
    } catch (error) {
      this.log(`explaining ${message.ruleId} in ${filePath} failed: ${String(error)}`);
      return undefined;
    }
  }

  private crossFileFixes(root: string, filePath: string, message: LintMessage, program: unknown, used: SettingsInUse): CrossFileFix[] {
    try {
      return this.context.crossFileFixes(root, filePath, message, program, used);
    } catch (error) {
      this.log(`cross-file fixes for ${filePath} failed: ${String(error)}`);
      return [];
    }
  }
}

/** Wrong settings['secure-logout'] stop the check, as they stop `eslint`: one error on the file saying which key is wrong and where. */
function invalidSettingsResult(message: string): CheckResult {
  return { messages: [], diagnostics: [invalidSettingsDiagnostic(message)], durationMs: 0, jsDependencies: recordDependencies(() => undefined).dependencies, details: [], notAnalysed: [], fixable: false };
}

/** Structured clone keeps `undefined` properties; hover code tests for presence. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
