// Turning offset-based fixes and whole-text rewrites into LSP text edits.
import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export function offsetEdit(document: TextDocument, range: readonly [number, number], newText: string): TextEdit {
  return { range: { start: document.positionAt(range[0]), end: document.positionAt(range[1]) }, newText };
}

/** ESLint strips a leading byte order mark before linting: its fix ranges count from after it. */
export function eslintFixEdit(document: TextDocument, range: readonly [number, number], newText: string): TextEdit {
  const shift = document.getText().startsWith('\uFEFF') ? 1 : 0;
  return offsetEdit(document, [range[0] + shift, range[1] + shift], newText);
}

/**
 * One edit covering the changed middle of the text (common prefix and suffix kept), so the
 * editor keeps cursors, folds and undo history outside the change. Empty when nothing changed.
 */
export function minimalEdits(document: TextDocument, newText: string): TextEdit[] {
  const oldText = document.getText();
  if (oldText === newText) return [];
  let prefix = 0;
  const maxPrefix = Math.min(oldText.length, newText.length);
  while (prefix < maxPrefix && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const maxSuffix = maxPrefix - prefix;
  while (suffix < maxSuffix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  // Never split a CRLF or a surrogate pair between the kept and the replaced part.
  while (prefix > 0 && isSplitPoint(oldText, prefix)) prefix--;
  while (suffix > 0 && isSplitPoint(oldText, oldText.length - suffix)) suffix--;
  return [offsetEdit(document, [prefix, oldText.length - suffix], newText.slice(prefix, newText.length - suffix))];
}

function isSplitPoint(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return (before === 13 && after === 10) || (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
}
