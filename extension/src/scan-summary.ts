// What a workspace scan did not analyse, in words: the output channel's sections, the one-line
// message and the status item's tooltip. No `vscode` import, so the wording is unit-tested.
import * as path from 'node:path';
import type { ScanResult } from './protocol';

/** Entries listed per section of the output; the rest are counted. */
const MAX_LISTED = 200;

export interface ScanSummary {
  /** One line for the notification and the status item: counts only. */
  headline: string;
  /** Whether anything was left out of the analysis (the user is told, with a "Show" action). */
  hasSilence: boolean;
  /** Lines for the output channel: the counts, then each route and file that was not analysed, with its reason. */
  details: string[];
}

/**
 * Explainable silence, the same for every language: routes whose handler the analysis does not
 * model (vendor code, macros, unreadable files) and files it did not read (outside the
 * workspace, special files, too large, symlinks out of the root), each with its reason.
 */
export function summarizeScan(result: ScanResult, folders: readonly string[]): ScanSummary {
  const notAnalysed = result.notAnalysed ?? [];
  const notRead = [...result.skipped.map((file) => ({ ...file, by: 'scan' })), ...(result.refused ?? []).map((file) => ({ ...file, by: 'project model' }))];
  const counts = [`${result.findings} ${plural(result.findings, 'finding')} in ${result.filesChecked} ${plural(result.filesChecked, 'file')}`];
  if (notAnalysed.length > 0) counts.push(`${notAnalysed.length} ${plural(notAnalysed.length, 'route')} not analysed`);
  if (notRead.length > 0) counts.push(`${notRead.length} ${plural(notRead.length, 'file')} not read`);
  const headline = `scan${result.cancelled ? ' (cancelled)' : ''}: ${counts.join(', ')}`;
  const details = [`${headline} (${result.durationMs} ms)`];
  const shown = (file: string) => displayPath(file, folders);
  if (notAnalysed.length > 0) {
    details.push('Not analysed (no finding there does not mean the logout is safe):');
    for (const route of notAnalysed.slice(0, MAX_LISTED)) details.push(`  ${shown(route.path)}:${route.line} ${route.target}: ${route.reason}`);
    if (notAnalysed.length > MAX_LISTED) details.push(`  … and ${notAnalysed.length - MAX_LISTED} more`);
  }
  if (notRead.length > 0) {
    details.push('Not read:');
    for (const file of notRead.slice(0, MAX_LISTED)) details.push(`  ${shown(file.path)}: ${file.reason} (${file.by})`);
    if (notRead.length > MAX_LISTED) details.push(`  … and ${notRead.length - MAX_LISTED} more`);
  }
  return { headline, hasSilence: notAnalysed.length > 0 || notRead.length > 0, details };
}

/** A path inside a workspace folder relative to it (prefixed with the folder's name when there are several); others as they are. */
export function displayPath(file: string, folders: readonly string[]): string {
  for (const folder of folders) {
    const relative = path.relative(folder, file);
    if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) {
      const shown = relative.split(path.sep).join('/');
      return folders.length > 1 ? `${path.basename(folder)}/${shown}` : shown;
    }
  }
  return file;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
