/**
 * Every message of the plugin is written as "Problem: fix." in at most 100 characters, followed by
 * the evidence (route, middleware, guard, driver, versions) that makes it hold (SPEC §4 Messages).
 * Editors show the headline where space is short (the Problems panel cuts at about 110 characters)
 * and the evidence as related information and in the hover; the CLI prints both.
 */
export const HEADLINE_MAX_LENGTH = 100;

export interface MessageParts {
  /** The first sentence: the problem and its fix. */
  headline: string;
  /** Everything after the first sentence ('' when there is nothing more). */
  evidence: string;
}

/** The first sentence ends at the first period followed by whitespace (`routes/api.php:11`, `req.logout()` do not end it). */
export function splitMessage(message: string): MessageParts {
  const end = /\.(?=\s)/.exec(message);
  if (!end) return { headline: message.trim(), evidence: '' };
  return { headline: message.slice(0, end.index + 1).trim(), evidence: message.slice(end.index + 1).trim() };
}
