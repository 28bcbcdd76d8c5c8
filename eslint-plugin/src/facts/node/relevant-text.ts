/**
 * One white-space character or comment; GAP is any run of them, as between two tokens. A line
 * comment runs to the end of its line, and a block comment to its first `*\/`, so a run splits
 * one way only: `////…` cannot backtrack exponentially.
 */
const SPACE = String.raw`(?:\s|\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\/|\/\/[^\n\r\u2028\u2029]*(?![^\n\r\u2028\u2029]))`;
const GAP = `${SPACE}*`;

/** A member named `name` as `propertyName` (ast.ts) reads it: `.name`, `?.name`, comments after the dot, `['name']`, `[("name")]`. */
function member(name: string): string {
  return String.raw`(?:\.${GAP}${name}\b|\[(?:${SPACE}|\()*(?:'${name}'|"${name}")(?:${SPACE}|\))*\])`;
}

/**
 * Words every JS/TS finding needs in its own file (a logout, a session unset, an access-token
 * delete). The analysis skips files without them, and the parser's prefilter does not even parse
 * them: one list, so the two cannot disagree. `session` as a member in any form `memberPath`
 * reads: `req['session'] = null` is a site too (it used to be `\.session\b`, which gated the
 * analysis off for a file whose only session end was written so).
 */
export const RELEVANT_TEXT = new RegExp(String.raw`log_?out|accessTokens|${member('session')}`, 'i');
