import { segments } from './php-text';

/** What the comment and string scanner does not follow: heredocs, a second PHP block (`?>`), backticks. */
const NOT_SIMPLE = /<<<|\?>|`/;
/** The open tag, with nothing but whitespace (or a shebang line) before it. */
const OPENS_AT_START = /^(?:#![^\n]*\n)?\s*<\?php\s/;

/**
 * The code of a PHP file without its comments and plain string literals, for the text prefilter:
 * a translation array (`'logout' => 'Log out'`) or a message names the words only in strings.
 * An interpolated string (`"{$request->session()}"`) and an attribute (`#[Logout]`) stay code.
 * Undefined when the file is not simple enough to be sure (inline HTML, heredocs, `?>`,
 * backticks, a string or comment that does not end): the caller then keeps the file.
 */
export function phpCodeText(text: string): string | undefined {
  if (NOT_SIMPLE.test(text) || !OPENS_AT_START.test(text)) return undefined;
  const parts = segments(text);
  if (!parts) return undefined;
  return parts
    .map(({ kind, start, end }) => {
      const slice = text.slice(start, end);
      return kind === 'code' || (kind === 'string' && slice.startsWith('"') && slice.includes('$')) ? slice : ' ';
    })
    .join('');
}
