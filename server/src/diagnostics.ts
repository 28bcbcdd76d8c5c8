// ESLint messages → LSP diagnostics (code = rule id, docs link, related locations from the project model).
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import { ruleDocsUrl, type LintMessage } from './lint-engine';
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

export function rangesIntersect(a: Range, b: Range): boolean {
  const before = (x: { line: number; character: number }, y: { line: number; character: number }) =>
    x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
