import * as fs from 'node:fs';
import * as path from 'node:path';

/** Largest project file read at all (PHP over the parser's own cap is still skipped at parse time). */
export const MAX_PROJECT_FILE_BYTES = 8 * 1024 * 1024;

export type FileAdmission = { ok: true; stamp: string } | { ok: false; reason: string };

/** Windows paths compare without case, as `path.relative` compares them there. */
const foldCase = process.platform === 'win32' ? (p: string) => p.toLowerCase() : (p: string) => p;

/**
 * `file` is `root` or lies below it. Both are absolute and normalized (real paths, or
 * `path.resolve`d): a prefix test then says what `path.relative` would, at a fraction of the
 * cost (it runs for every file a project reads).
 */
export function isInside(file: string, root: string): boolean {
  const f = foldCase(file);
  const r = foldCase(root);
  return f === r || f.startsWith(r.endsWith(path.sep) ? r : r + path.sep);
}

export function realPathOf(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * Whether the analysis may read `file`, checked before reading: a regular file (a FIFO blocks,
 * `/dev/zero` never ends), at most `maxBytes`, and, given a `root` (a real path), inside it once
 * symlinks are resolved — so `require __DIR__.'/../../../etc/passwd'` in a route file or a PSR-4
 * directory of `../outside` reads nothing. The stamp (mtime + size) tells later reads apart.
 */
export function admitFile(file: string, options: { root?: string; maxBytes?: number } = {}): FileAdmission {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { ok: false, reason: 'missing' };
  }
  if (!stat.isFile()) return { ok: false, reason: stat.isDirectory() ? 'missing' : 'not a regular file' };
  const maxBytes = options.maxBytes ?? MAX_PROJECT_FILE_BYTES;
  if (stat.size > maxBytes) return { ok: false, reason: `larger than ${maxBytes} bytes` };
  if (options.root !== undefined && !isInside(realPathOf(file), options.root)) return { ok: false, reason: 'outside the project root' };
  return { ok: true, stamp: `${stat.mtimeMs}:${stat.size}` };
}

/**
 * Reads a file `admitFile` admitted, checking again on the open descriptor: a file swapped for a
 * FIFO or a device between the check and the read is not read either (opened non-blocking, so a
 * FIFO cannot hold the thread). Null when it is no longer a regular file of at most `maxBytes`.
 */
export function readAdmitted(file: string, maxBytes = MAX_PROJECT_FILE_BYTES): string | null {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    const stat = fs.fstatSync(fd);
    return stat.isFile() && stat.size <= maxBytes ? fs.readFileSync(fd, 'utf8') : null;
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}
