// What the server needs from the cross-file Laravel project model (routes, middleware, guards,
// session driver): which open documents a change affects, the explanation of a finding, and
// fixes that edit other files. The default implementation below works without the model: it
// re-checks every open document of the project when a file that feeds route context changes.
import * as path from 'node:path';
import type { SecureLogoutSettings as PluginSettings } from 'eslint-plugin-secure-logout/project';
import type { LintMessage } from './lint-engine';

/** A place in a file; lines are 1-based, columns 0-based (the plugin's convention). */
export interface SourceLocation {
  filePath: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

/** One route reaching the flagged handler, with its middleware chain and the guard it selects. */
export interface RouteExplanationForServer {
  /** e.g. "POST /api/logout". */
  label: string;
  location?: SourceLocation;
  /** Each middleware, in order, and where it came from. */
  middleware: { name: string; origin: string; location?: SourceLocation }[];
  /** The guard `Auth::` resolves to on this route, and why. */
  effectiveGuard: { name: string; driver?: string; origin: string; location?: SourceLocation; driverNote?: string };
  /** Whether the route runs with a session, and why. */
  session?: string;
  /** For a helper no route reaches directly: the caller on the way from this route (SPEC §2.3). */
  via?: { label: string; location?: SourceLocation };
}

/**
 * A route whose handler was not analysed (vendor code, a macro, an unreadable file), or a JS/TS
 * logout that was not judged (no usable package.json), and why (SPEC §2.3).
 */
export interface NotAnalysedRoute {
  filePath: string;
  line: number;
  target: string;
  reason: string;
}

/** A project file the analysis would have read but refused (outside the root, a special file, too large), and why. */
export interface RefusedFile {
  filePath: string;
  reason: string;
}

/** Why a finding holds, in the terms a reviewer checks: route → middleware → guard → session. */
export interface FindingExplanation {
  routes: RouteExplanationForServer[];
  /** The session driver (`config/session.php` / `.env`), or why it is unknown. */
  sessionDriver?: { value: string; origin: string; location?: SourceLocation };
  /** laravel/framework version from composer.lock (decides which fixes exist). */
  frameworkVersion?: { value: string; origin: string };
  /** Logout helpers declared in settings['secure-logout'] that the flagged line calls: judged as declared, not read. */
  logoutHelpers?: { name: string; completes: boolean; origin?: string; location?: SourceLocation }[];
}

/** A fix that edits other files than the flagged one (e.g. a route's middleware). */
export interface CrossFileFix {
  title: string;
  /** Ranges are 0-based LSP positions. */
  edits: { filePath: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[];
}

/**
 * The `settings['secure-logout']` a check's lint ran with (settings-source.ts) and where they were
 * read: every project-model call of that check passes them, so the model answers for the same
 * settings the findings came from.
 */
export interface SettingsInUse {
  user: PluginSettings;
  /** `eslint.config.js:12`, `secureLogout.projectSettings`; undefined when none are declared. */
  origin: string | undefined;
  /** The config file and line of `origin`, when read from an ESLint config. */
  location?: SourceLocation;
}

export interface ProjectContext {
  /** Whether a change to `filePath` can change the findings of other files of the project. */
  isContextFile(root: string, filePath: string): boolean;
  /**
   * The model learns about a change (an open buffer's unsaved text, or `undefined` = read the
   * disk). Returns the files whose findings may have changed, or 'all' for every file of `root`.
   */
  fileChanged(root: string, filePath: string, unsavedText: string | undefined): 'all' | string[];
  /** `program` is the AST the finding came from (php-parser's for PHP files); `settings` those its lint used. */
  explain(root: string, filePath: string, message: LintMessage, program: unknown, settings?: SettingsInUse): FindingExplanation | undefined;
  crossFileFixes(root: string, filePath: string, message: LintMessage, program: unknown, settings?: SettingsInUse): CrossFileFix[];
  /**
   * Routes and logouts of the projects around `filePath` that were not analysed, Laravel and JS/TS
   * (only those in `filePath` when `onlyThisFile`; for a workspace folder, a file at its root).
   * Without `settings` (a folder's scan summary), the model keeps those of its last check.
   */
  notAnalysed?(filePath: string, onlyThisFile: boolean, settings?: SettingsInUse): NotAnalysedRoute[];
  /** Files of the project around `filePath` that the model refused to read (issue 15: named in the scan summary). */
  refusedFiles?(filePath: string): RefusedFile[];
}

/**
 * Files that feed route context (SPEC §2.1): route files, the app bootstrap, the HTTP kernel,
 * service providers, config, `.env`, the lock/manifest files that carry versions, and the ESLint
 * config whose `settings['secure-logout']` the checks use (settings-source.ts).
 */
const CONTEXT_FILE = /^(routes\/.+\.php|bootstrap\/app\.php|app\/Http\/Kernel\.php|app\/Providers\/[^/]+\.php|config\/[^/]+\.php|\.env|composer\.(json|lock)|package\.json|package-lock\.json|yarn\.lock|pnpm-lock\.yaml)$/;

/** An ESLint config whose settings['secure-logout'] the checks may use (settings-source.ts). */
export function isEslintConfigPath(filePath: string): boolean {
  return /^(eslint\.config\.[cm]?[jt]s|\.eslintrc(\.json)?)$/.test(path.basename(filePath));
}

export function isContextFilePath(root: string, filePath: string): boolean {
  const relative = path.relative(root, filePath).split(path.sep).join('/');
  return !relative.startsWith('../') && (CONTEXT_FILE.test(relative) || isEslintConfigPath(filePath));
}

/** Used until (and wherever) no project model is available: coarse but never stale. */
export class FileLocalProjectContext implements ProjectContext {
  isContextFile(root: string, filePath: string): boolean {
    return isContextFilePath(root, filePath);
  }

  fileChanged(root: string, filePath: string): 'all' | string[] {
    return this.isContextFile(root, filePath) ? 'all' : [];
  }

  explain(): FindingExplanation | undefined {
    return undefined;
  }

  crossFileFixes(): CrossFileFix[] {
    return [];
  }
}
