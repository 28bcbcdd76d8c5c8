// "Disable <rule> for this line": an `eslint-disable-next-line` comment above the flagged line.
import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

const DIRECTIVE = /^(\s*)(\/\/|#)\s*eslint-disable-next-line\b(.*)$/;

/**
 * The same directive in PHP and JS (`// eslint-disable-next-line secure-logout/<rule>`), indented
 * like the flagged line, with the document's own line ending. When the line above already holds
 * such a directive, the rule is appended to it instead of stacking a second comment.
 */
export function disableForLineEdit(document: TextDocument, line: number, ruleId: string): TextEdit {
  const lineText = lineAt(document, line);
  const indentation = /^\s*/.exec(lineText)![0];
  const eol = document.getText().includes('\r\n') ? '\r\n' : '\n';

  if (line > 0) {
    const above = lineAt(document, line - 1);
    const existing = DIRECTIVE.exec(above);
    if (existing) {
      const body = existing[3]!;
      const descriptionAt = body.indexOf('--');
      const rules = (descriptionAt >= 0 ? body.slice(0, descriptionAt) : body).trimEnd();
      const insertAt = above.indexOf('eslint-disable-next-line') + 'eslint-disable-next-line'.length + rules.length;
      const separator = rules.trim().length > 0 ? ', ' : ' ';
      return { range: { start: { line: line - 1, character: insertAt }, end: { line: line - 1, character: insertAt } }, newText: `${separator}${ruleId}` };
    }
  }
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: `${indentation}// eslint-disable-next-line ${ruleId}${eol}`,
  };
}

function lineAt(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}
