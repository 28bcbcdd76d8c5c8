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
 * delete). The analysis skips files without them, and so does the TS-not-installed branch of the
 * parser. `session` as a member in any form `memberPath` reads: `req['session'] = null` is a site too.
 */
export const RELEVANT_TEXT = new RegExp(String.raw`log_?out|accessTokens|${member('session')}`, 'i');

/** What may stand between a callee and its `(`: `)`, `!`, `?.`, then `as T`, `satisfies T` or `<T>` (what `unwrap` strips). */
const CALLED = String.raw`(?:${SPACE}|\)|!(?!=)|\?\.)*(?:(?:\b(?:as|satisfies)\b|<)[^]{0,160}?)?\(`;

/** `= null`, `= (undefined)`, `= <any>null`, `= null as any`: what `unwrap` reads as a cleared value. */
const CLEARED = String.raw`=(?![=>])(?:${SPACE}|\()*(?:<[^;]{0,160}?>(?:${SPACE}|\()*)?(?:null|undefined)\b`;

/**
 * The text of a logout *site* (facts/node/sites.ts), in a form a regex can see: a call of a
 * member `logout`/`logOut` (a reference such as `router.post('/logout', auth.logout)` is none),
 * `X.accessTokens…delete(…)`, `X.session = null|undefined` (behind `)`, `!`, `as T`,
 * `satisfies T`) or `delete X.session` (the last member). The analysis reports nothing in a file
 * without a site (`logoutSites` empty; declared logout helpers only classify calls in handlers
 * that have one), so the parser's prefilter skips files without this text: 2 of NodeBB's 636
 * linted files pass, against 20 with RELEVANT_TEXT, whose `.session` also lets every session
 * *read* through. It may let through more than sites (`.logout()` on any object, a `delete` of
 * a longer path), never fewer: a file it drops is a missed finding, so every form `unwrap` and
 * `memberPath` read is here (tests/speed/site-text.test.ts). Unicode escapes in names
 * (`req.log\u006fut()`) are not: neither list has ever read them.
 */
export const LOGOUT_SITE_TEXT = new RegExp(
  [
    member('log[oO]ut') + CALLED,
    member('accessTokens'),
    member('session') + String.raw`(?:${SPACE}|\)|!(?!=))*(?:\b(?:as|satisfies)\b[^]{0,160}?)?` + CLEARED,
    String.raw`(?<![\w$])(?<!\.${GAP})delete\b[^;]{0,200}?` + member('session') + String.raw`(?!${GAP}[.[])`,
  ].join('|'),
);
