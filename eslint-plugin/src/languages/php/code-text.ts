/**
 * The code of a PHP file without its string literals and comments, for the text prefilter: a
 * translation array (`'logout' => 'Log out'`) or a message names the words only in strings.
 *
 * Only text that can never be code is left out: single-quoted strings, double-quoted strings
 * without a `$` (no interpolation), nowdocs and comments. Interpolated strings, heredocs, shell
 * backticks, attributes (`#[`) and inline HTML stay in. A lexer this small can be wrong about a
 * file php-parser reads differently; it then keeps more text, never less, except for a quote it
 * takes as opening a string that PHP does not: the callers keep every file that calls anything
 * (`->`, `::`), so such a file is parsed anyway.
 */
const NEXT_SPECIAL = /['"`#<?]|\/[/*]/g;
const HEREDOC_START = /<<<[ \t]*(["']?)([A-Za-z_\x80-\uffff][A-Za-z0-9_\x80-\uffff]*)\1\r?\n/y;
const OPEN_TAG = /<\?(php(?=\s)|=)?/g;

export function phpCodeText(text: string): string {
  const code: string[] = [];
  let at = 0;
  // Inline HTML before the first open tag, and after each `?>`, is kept: it is not a string.
  const enterPhp = (from: number): number => {
    OPEN_TAG.lastIndex = from;
    const open = OPEN_TAG.exec(text);
    const end = open ? open.index + open[0].length : text.length;
    code.push(text.slice(from, end));
    return end;
  };
  at = enterPhp(0);
  while (at < text.length) {
    NEXT_SPECIAL.lastIndex = at;
    const special = NEXT_SPECIAL.exec(text);
    if (!special) {
      code.push(text.slice(at));
      break;
    }
    const start = special.index;
    code.push(text.slice(at, start));
    const token = special[0];
    if (token === "'") {
      at = quotedEnd(text, start, "'");
      code.push(' ');
    } else if (token === '"' || token === '`') {
      at = quotedEnd(text, start, token);
      const literal = text.slice(start, at);
      code.push(token === '"' && !literal.includes('$') ? ' ' : literal);
    } else if (token === '/*') {
      const close = text.indexOf('*/', start + 2);
      at = close < 0 ? text.length : close + 2;
      code.push(' ');
    } else if (token === '//' || (token === '#' && text[start + 1] !== '[')) {
      at = lineCommentEnd(text, start);
      code.push(' ');
    } else if (token === '?' && text[start + 1] === '>') {
      code.push('?>');
      at = enterPhp(start + 2);
    } else if (token === '<') {
      HEREDOC_START.lastIndex = start;
      const heredoc = HEREDOC_START.exec(text);
      if (!heredoc) {
        code.push('<');
        at = start + 1;
        continue;
      }
      at = heredocEnd(text, HEREDOC_START.lastIndex, heredoc[2]!);
      code.push(heredoc[1] === "'" ? ' ' : text.slice(start, at));
    } else {
      code.push(token);
      at = start + token.length;
    }
  }
  return code.join('');
}

/** The offset after the closing quote (backslash escapes), or the end of the text. */
function quotedEnd(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote) return i + 1;
  }
  return text.length;
}

/** A `//` or `#` comment ends at the line break or at `?>`, which closes PHP mode. */
function lineCommentEnd(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r' || (c === '?' && text[i + 1] === '>')) return i;
  }
  return text.length;
}

/** After the line that closes a heredoc or nowdoc (PHP 7.3: indented, anything but a name character after it). */
function heredocEnd(text: string, bodyStart: number, label: string): number {
  const closing = new RegExp(`^[ \\t]*${label}(?![A-Za-z0-9_\\x80-\\uffff])`, 'gm');
  closing.lastIndex = bodyStart;
  const close = closing.exec(text);
  return close ? close.index + close[0].length : text.length;
}
