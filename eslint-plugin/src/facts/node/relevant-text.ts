/**
 * Words every JS/TS finding needs in its own file (a logout, a session unset, an access-token
 * delete). The analysis skips files without them, and the parser's prefilter does not even parse
 * them: one list, so the two cannot disagree.
 */
export const RELEVANT_TEXT = /log_?out|\.session\b|accessTokens/i;
