/**
 * Reads one of the app's own files (`.env`, `config/*.php`) the way nothing can make it hang: only a
 * regular file (a FIFO blocks forever, `/dev/zero` never ends) and at most MAX_PROJECT_FILE_BYTES,
 * both checked before reading. Symlinks are followed: deployments often link `.env` to a shared copy.
 */
import * as fs from 'node:fs';

/** Real `.env` and config files are a few KB. */
export const MAX_PROJECT_FILE_BYTES = 1_000_000;

export type ProjectFileRead = { text: string } | { missing: true } | { refused: string };

export function readProjectFile(file: string): ProjectFileRead {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { missing: true };
  }
  if (!stat.isFile()) return { refused: 'not a regular file' };
  if (stat.size > MAX_PROJECT_FILE_BYTES) return { refused: `larger than ${MAX_PROJECT_FILE_BYTES} bytes` };
  try {
    return { text: fs.readFileSync(file, 'utf8') };
  } catch (error) {
    return { refused: `unreadable (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
}
