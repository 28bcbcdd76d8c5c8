// ESLint messages → LSP diagnostics (code = rule id, docs link, related locations from the project model).
import * as path from 'node:path';
import type { JsFindingExplanation } from 'eslint-plugin-secure-logout/node';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import { pathToUri } from './document-paths';
import { ruleDocsUrl, type LintMessage } from './lint-engine';
import type { FindingExplanation, SourceLocation } from './project-context';
import { diagnosticSource } from './protocol';
import { splitMessage } from 'eslint-plugin-secure-logout/messages';

/** ESLint lines and columns are 1-based, LSP's 0-based; both count UTF-16 code units. */
export function messageRange(message: LintMessage): Range {
  const start = { line: Math.max(0, message.line - 1), character: Math.max(0, message.column - 1) };
  const end =
    message.endLine !== undefined && message.endColumn !== undefined
      ? { line: Math.max(0, message.endLine - 1), character: Math.max(0, message.endColumn - 1) }
      : start;
  return { start, end };
}

/**
 * The diagnostic shows the message's first sentence (problem and fix, SPEC §4 Messages): the
 * Problems panel cuts longer text. The evidence after it comes first in the related information,
 * at the finding itself, followed by the other files it rests on (`relatedInformation`).
 */
export function toDiagnostic(message: LintMessage, uri: string, relatedInformation: DiagnosticRelatedInformation[] = []): Diagnostic {
  const href = ruleDocsUrl(message.ruleId);
  const range = messageRange(message);
  const { headline, evidence } = message.ruleId ? splitMessage(message.message) : { headline: message.message, evidence: '' };
  const diagnostic: Diagnostic = {
    range,
    severity: message.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: diagnosticSource,
    message: headline,
  };
  if (message.ruleId) diagnostic.code = message.ruleId;
  if (href) diagnostic.codeDescription = { href };
  const related = evidence ? [{ location: { uri, range }, message: evidence }, ...relatedInformation] : relatedInformation;
  if (related.length > 0) diagnostic.relatedInformation = related;
  return diagnostic;
}

/** A diagnostic for an analysis that crashed: the user sees that this file was not checked, and why. */
export function crashDiagnostic(error: Error): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: diagnosticSource,
    code: 'internal-error',
    message: `secure-logout could not check this file (internal error: ${error.message}). Other files are still checked; please report this.`,
  };
}

/** Wrong settings['secure-logout'] (the plugin's message names the key, what it must be and where it was read): the file is not checked. */
export function invalidSettingsDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: diagnosticSource,
    code: 'invalid-settings',
    message: `secure-logout could not check this file: ${message}`,
  };
}

export function rangesIntersect(a: Range, b: Range): boolean {
  const before = (x: { line: number; character: number }, y: { line: number; character: number }) =>
    x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** What a finding rests on: the Laravel model's explanation for PHP, the JS/TS project facts' for JS/TS. */
export interface FindingExplanations {
  php?: FindingExplanation;
  js?: JsFindingExplanation;
}

/**
 * Related locations besides the evidence: VS Code lists every one of them in the problem hover,
 * above the extension's own hover, so only the places that decide the finding are sent.
 */
const MAX_RELATED_LOCATIONS = 4;

/**
 * The other places a finding rests on, as related information (SPEC §4 Messages): the chain at the
 * route (route → middleware → guard → driver, or the JS route's authentication and versions), the
 * caller that leaves a helper's logout incomplete, where the guard is chosen when that is elsewhere,
 * and for a JS router the `use()` that mounts it from another module. The full detail is in the hover.
 */
export function relatedInformation(root: string, explanation: FindingExplanations): DiagnosticRelatedInformation[] {
  const related: DiagnosticRelatedInformation[] = [];
  const seen = new Set<string>();
  const add = (location: SourceLocation | undefined, message: string) => {
    const key = location ? `${location.filePath}:${location.line}:${message}` : '';
    if (!location || seen.has(key) || related.length >= MAX_RELATED_LOCATIONS) return;
    seen.add(key);
    related.push({ location: { uri: pathToUri(location.filePath), range: locationRange(location) }, message });
  };
  const php = explanation.php;
  for (const route of php?.routes ?? []) {
    // The client shows where the route is: the chain's first step names it without its file and line.
    add(route.location, `Chain: ${plain([route.label, ...phpChainSteps(root, php!, route).slice(1)])}`);
    if (route.via) add(route.via.location, `${route.via.label} calls this helper on ${route.label}`);
    const guard = route.effectiveGuard;
    if (guard.location && !sameLine(guard.location, route.location)) add(guard.location, `selects the ${guard.name} guard${guard.driver ? ` (driver ${guard.driver}${guard.driverNote ? `, ${guard.driverNote}` : ''})` : ''} for ${route.label}`);
  }
  for (const helper of php?.logoutHelpers ?? []) add(helper.location, `declares ${helper.name} a logout helper that ${helper.completes ? 'ends the whole session' : 'only logs out'}`);
  const js = explanation.js;
  if (js?.route) {
    const routeFile = js.route.filePath;
    if (js.incompleteCaller) add(js.incompleteCaller, 'calls this helper and leaves its logout incomplete');
    add({ filePath: routeFile, line: js.route.line }, `Chain: ${plain(jsChainSteps(root, js))}`);
    for (const mount of js.route.mountedAt) add(mount, `mounts ${workspacePath(root, routeFile)}: its routes run behind the middleware before this line`);
  }
  return related;
}

/** Chain steps in Markdown: `POST /logout` (routes/web.php:7) → `StartSession` → `auth` → guard `web` (driver `session`) → session driver `database`. */
export function phpChainSteps(root: string, explanation: FindingExplanation, route: FindingExplanation['routes'][number]): string[] {
  const at = route.location ? ` (${workspacePath(root, route.location.filePath)}:${route.location.line})` : '';
  // The middleware that decide sessions and guards; the full list is in the hover's details.
  const deciding = route.middleware.filter((middleware) => DECIDING_MIDDLEWARE.test(middleware.name));
  const steps = [`\`${route.label}\`${at}`, ...deciding.map((middleware) => `\`${middleware.name.split('\\').pop()}\``)];
  const guard = route.effectiveGuard;
  steps.push(`guard \`${guard.name}\`${guard.driver ? ` (driver \`${guard.driver}\`${guard.driverNote ? `, ${guard.driverNote}` : ''})` : ''}`);
  if (explanation.sessionDriver) steps.push(`session driver \`${explanation.sessionDriver.value}\``);
  return steps;
}

const DECIDING_MIDDLEWARE = /^auth\b|Authenticate|StartSession|EnsureFrontendRequestsAreStateful/;

/** Chain steps in Markdown: `src/routes/auth.js:9` → `session` → `passport` 0.5.3. */
export function jsChainSteps(root: string, explanation: JsFindingExplanation): string[] {
  const steps: string[] = [];
  if (explanation.route) {
    steps.push(`\`${workspacePath(root, explanation.route.filePath)}:${explanation.route.line}\``);
    steps.push(...explanation.route.mechanisms.map((mechanism) => `\`${mechanism.name}\``));
  }
  steps.push(...explanation.libraries.map((library) => `\`${library.name}\` ${library.version}`));
  return steps;
}

/** `app/Http/Controllers/X.php`: a path relative to the project root, with forward slashes. */
export function workspacePath(root: string, filePath: string): string {
  return path.relative(root, filePath).split(path.sep).join('/');
}

/** Markdown chain steps as plain text (related information is not rendered as Markdown). */
function plain(steps: string[]): string {
  return steps.join(' → ').replace(/`/g, '');
}

function sameLine(a: SourceLocation, b: SourceLocation | undefined): boolean {
  return b !== undefined && a.filePath === b.filePath && a.line === b.line;
}

/** A plugin location (1-based line, 0-based column) as an LSP range. */
export function locationRange(location: SourceLocation): Range {
  const start = { line: Math.max(0, location.line - 1), character: location.column ?? 0 };
  const end = location.endLine !== undefined ? { line: Math.max(0, location.endLine - 1), character: location.endColumn ?? 0 } : start;
  return { start, end };
}
