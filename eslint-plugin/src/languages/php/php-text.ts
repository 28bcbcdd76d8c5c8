/**
 * PHP source read as text, for the outlines that avoid a parse: where the comments and string
 * literals are. Slices between the special characters, never one character at a time (the
 * project model runs this over every class file it reads).
 */
export interface TextSegment {
  kind: 'code' | 'comment' | 'string';
  start: number;
  end: number;
}

/**
 * The text cut into code, comment and string segments (a string segment includes its quotes);
 * undefined when a string or block comment does not end. `#[` starts an attribute, not a comment,
 * unless `hashAttributes` is false.
 */
export function segments(text: string, { quotes = `'"`, hashAttributes = true } = {}): TextSegment[] | undefined {
  const out: TextSegment[] = [];
  const quoteClass = quotes.replace(/[\]\\^-]/g, '\\$&');
  const special = new RegExp(`/\\*|//|#${hashAttributes ? '(?!\\[)' : ''}|[${quoteClass}]`, 'g');
  let i = 0;
  for (let match = special.exec(text); match; match = special.exec(text)) {
    const at = match.index;
    if (at > i) out.push({ kind: 'code', start: i, end: at });
    const token = match[0];
    let end: number;
    if (token === '/*') {
      const close = text.indexOf('*/', at + 2);
      if (close < 0) return undefined;
      end = close + 2;
      out.push({ kind: 'comment', start: at, end });
    } else if (token === '//' || token === '#') {
      const lineEnd = text.indexOf('\n', at);
      end = lineEnd < 0 ? text.length : lineEnd;
      out.push({ kind: 'comment', start: at, end });
    } else {
      let close = at;
      do {
        close = text.indexOf(token, close + 1);
        if (close < 0) return undefined;
      } while (escaped(text, close));
      end = close + 1;
      out.push({ kind: 'string', start: at, end });
    }
    i = end;
    special.lastIndex = end;
  }
  if (i < text.length) out.push({ kind: 'code', start: i, end: text.length });
  return out;
}

/** Whether the character at `at` is escaped by an odd number of backslashes. */
function escaped(text: string, at: number): boolean {
  let count = 0;
  while (text.charCodeAt(at - 1 - count) === 92) count++;
  return count % 2 === 1;
}
