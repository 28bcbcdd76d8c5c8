// `secure-logout.scanWorkspace`: find every relevant file of the workspace folders and check it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ScanResult, SecureLogoutSettings } from './protocol';
import { isPathIncluded } from './settings';

/** Directories never entered, whatever the globs say: dependencies and VCS data hold no app handlers. */
const NEVER_ENTERED = new Set(['vendor', 'node_modules', '.git', '.hg', '.svn']);

/** Larger files are generated or data, not handlers; reading them would stall the scan. */
export const MAX_SCANNED_FILE_BYTES = 1_000_000;

export interface ScanTarget {
  filePath: string;
  folder: string;
  /** The folder's settings: a file that is not open needs no configuration request of its own. */
  settings: SecureLogoutSettings;
}

/**
 * Walks the folders, following symlinks once: a directory whose real path was already entered
 * is a loop (or a duplicate) and is skipped with a log line, as are unreadable entries.
 */
export async function collectScanTargets(
  folders: readonly string[],
  settingsFor: (folder: string) => Promise<SecureLogoutSettings>,
  skipped: ScanResult['skipped'],
  log: (line: string) => void,
  isCancelled: () => boolean,
): Promise<ScanTarget[]> {
  const targets: ScanTarget[] = [];
  const entered = new Set<string>();
  for (const folder of folders) {
    const settings = await settingsFor(folder);
    if (!settings.enable) continue;
    const pending = [folder];
    while (pending.length > 0 && !isCancelled()) {
      const directory = pending.pop()!;
      let real: string;
      let entries: fs.Dirent[];
      try {
        real = await fs.promises.realpath(directory);
        if (entered.has(real)) {
          skip(directory, 'symlink loop or already scanned through another link');
          continue;
        }
        entered.add(real);
        entries = await fs.promises.readdir(directory, { withFileTypes: true });
      } catch (error) {
        skip(directory, `unreadable directory (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        const entryPath = path.join(directory, entry.name);
        let isDirectory = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
          try {
            const stat = await fs.promises.stat(entryPath);
            isDirectory = stat.isDirectory();
            isFile = stat.isFile();
          } catch (error) {
            skip(entryPath, `broken or looping symlink (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
            continue;
          }
        }
        if (isDirectory) {
          if (!NEVER_ENTERED.has(entry.name)) pending.push(entryPath);
        } else if (isFile && isPathIncluded(entryPath, folder, settings)) {
          targets.push({ filePath: entryPath, folder, settings });
        }
      }
    }
  }
  return targets.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));

  function skip(filePath: string, reason: string): void {
    skipped.push({ path: filePath, reason });
    log(`scan: skipped ${filePath}: ${reason}`);
  }
}

/** Reads a scan target, or says why it is skipped (oversized, unreadable). */
export async function readScanTarget(filePath: string): Promise<{ text: string } | { skipped: string }> {
  try {
    const stat = await fs.promises.stat(filePath);
    if (stat.size > MAX_SCANNED_FILE_BYTES) return { skipped: `oversized (${stat.size} bytes > ${MAX_SCANNED_FILE_BYTES})` };
    return { text: await fs.promises.readFile(filePath, 'utf8') };
  } catch (error) {
    return { skipped: `unreadable (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
}
