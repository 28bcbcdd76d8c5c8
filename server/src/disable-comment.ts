// "Disable <rule> for this line" (`eslint-disable-next-line` above the flagged line) and "for the
// entire file" (`/* eslint-disable <rule> */` at the top, as vscode-eslint writes it).
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

const FILE_DIRECTIVE = /[ \t]*\/\*\s*eslint-disable(?!-)([^*]*?)\s*\*\//y;

/**
 * `/* eslint-disable secure-logout/<rule> *\/` at the top of the file: in JS/TS on the first line
 * (below a shebang), in PHP right after the opening `<?php` tag, where PHP comments begin. When
 * that place already holds such a comment, the rule is appended to it.
 */
export function disableForFileEdit(document: TextDocument, ruleId: string): TextEdit {
  const text = document.getText();
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const php = /^\s*<\?php\b/i.exec(text);
  // Where the comment goes: after `<?php` and the whitespace that follows it, or after a shebang line.
  let at: number;
  let newText: (comment: string) => string;
  if (php) {
    const tagEnd = php[0].length;
    const lineBreak = /^[ \t]*\r?\n/.exec(text.slice(tagEnd));
    at = lineBreak ? tagEnd + lineBreak[0].length : tagEnd;
    newText = lineBreak ? (comment) => `${comment}${eol}` : (comment) => ` ${comment}`;
  } else {
    at = text.startsWith('#!') ? text.indexOf('\n') + 1 || text.length : 0;
    newText = (comment) => `${comment}${eol}`;
  }
  FILE_DIRECTIVE.lastIndex = at;
  const existing = FILE_DIRECTIVE.exec(text);
  if (existing) {
    const rules = existing[1]!.split('--')[0]!.trimEnd();
    const insertAt = existing.index + existing[0].indexOf('eslint-disable') + 'eslint-disable'.length + rules.length;
    const position = document.positionAt(insertAt);
    return { range: { start: position, end: position }, newText: `${rules.trim() ? ',' : ''} ${ruleId}` };
  }
  const position = document.positionAt(at);
  return { range: { start: position, end: position }, newText: newText(`/* eslint-disable ${ruleId} */`) };
}

function lineAt(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}
