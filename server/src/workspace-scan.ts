// `secure-logout.scanWorkspace`: find every relevant file of the workspace folders and check it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CancellationToken, WorkDoneProgressReporter } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
// The plugin's own boundary test (the project models read nothing outside their root); it loads nothing else.
import { isInside } from 'eslint-plugin-secure-logout/file-admission';
import type { CheckedDocument } from './checker';
import { pathToUri } from './document-paths';
import type { NotAnalysedRoute, RefusedFile } from './project-context';
import type { ScanResult, SecureLogoutSettings, StatusParams } from './protocol';
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
 * is a loop (or a duplicate) and is skipped with a log line, as are unreadable entries. Nothing
 * outside the folder is entered or read: a symlink whose target lies outside (a link to `/`) is
 * skipped, and so are special files (FIFOs, sockets, devices), each with its reason in the summary.
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
    let folderReal: string;
    try {
      folderReal = await fs.promises.realpath(folder);
    } catch (error) {
      skip(folder, `unreadable folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      continue;
    }
    const pending = [folder];
    while (pending.length > 0 && !isCancelled()) {
      const directory = pending.pop()!;
      let real: string;
      let entries: fs.Dirent[];
      try {
        real = await fs.promises.realpath(directory);
        if (!isInside(real, folderReal)) {
          skip(directory, `symlink out of the workspace folder (to ${real})`);
          continue;
        }
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
            const target = await fs.promises.realpath(entryPath);
            if (isFile && !isInside(target, folderReal)) {
              if (isPathIncluded(entryPath, folder, settings)) skip(entryPath, `symlink out of the workspace folder (to ${target})`);
              continue;
            }
          } catch (error) {
            skip(entryPath, `broken or looping symlink (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
            continue;
          }
        }
        if (isDirectory) {
          if (!NEVER_ENTERED.has(entry.name)) pending.push(entryPath);
        } else if (!isPathIncluded(entryPath, folder, settings)) {
          continue;
        } else if (isFile) {
          targets.push({ filePath: entryPath, folder, settings });
        } else {
          skip(entryPath, 'not a regular file (FIFO, socket or device)');
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
    // Checked again at read time: the file may have been replaced since the walk.
    if (!stat.isFile()) return { skipped: 'not a regular file (FIFO, socket or device)' };
    if (stat.size > MAX_SCANNED_FILE_BYTES) return { skipped: `oversized (${stat.size} bytes > ${MAX_SCANNED_FILE_BYTES})` };
    return { text: await fs.promises.readFile(filePath, 'utf8') };
  } catch (error) {
    return { skipped: `unreadable (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
}

/** What a scan needs from the server: settings, checking, and where results and progress go. */
export interface ScanHost {
  folders: readonly string[];
  folderSettings(folder: string): Promise<SecureLogoutSettings>;
  /** The check of the open document at `uri` (its unsaved text), or undefined when it is not open. */
  checkOpen(uri: string): Promise<CheckedDocument | undefined>;
  /** Checks a file that is not open, from its text on disk. */
  checkText(document: TextDocument, settings: SecureLogoutSettings): CheckedDocument | Promise<CheckedDocument>;
  publish(checked: CheckedDocument, open: boolean): void;
  status(params: StatusParams): void;
  log(line: string): void;
  /** Routes of the folder's app whose handler was not analysed, and why (SPEC §2.3). */
  notAnalysed?(folder: string): NotAnalysedRoute[] | Promise<NotAnalysedRoute[]>;
  /** Files of the folder's project that the analysis refused to read (outside the root, special, too large), and why. */
  refusedFiles?(folder: string): RefusedFile[] | Promise<RefusedFile[]>;
}

/** Checks every included file of the workspace folders, with work-done progress; stops when cancelled. */
export async function scanWorkspaceFolders(host: ScanHost, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<ScanResult> {
  const started = performance.now();
  const result: ScanResult = { filesChecked: 0, filesWithFindings: 0, findings: 0, skipped: [], cancelled: false, durationMs: 0 };
  const progressToken = (progress as { token?: CancellationToken }).token;
  const cancelled = () => token.isCancellationRequested || progressToken?.isCancellationRequested === true;
  progress.begin('secure-logout: scanning the workspace', 0, 'finding files', true);
  host.status({ state: 'scanning', message: 'finding files' });
  const targets = await collectScanTargets(host.folders, (folder) => host.folderSettings(folder), result.skipped, host.log, cancelled);
  for (const [index, target] of targets.entries()) {
    if (cancelled()) {
      result.cancelled = true;
      break;
    }
    progress.report(Math.round((index / Math.max(1, targets.length)) * 100), `${index}/${targets.length} ${path.relative(target.folder, target.filePath)}`);
    if (index % 25 === 0) host.status({ state: 'scanning', message: `${index}/${targets.length} files` });
    const uri = pathToUri(target.filePath);
    let checked = await host.checkOpen(uri);
    const open = checked !== undefined;
    if (!checked) {
      const read = await readScanTarget(target.filePath);
      if ('skipped' in read) {
        result.skipped.push({ path: target.filePath, reason: read.skipped });
        host.log(`scan: skipped ${target.filePath}: ${read.skipped}`);
        continue;
      }
      // Folder settings, not the file's own: asking the client per file would cost one
      // workspace/configuration round trip per file and keep an entry per file of the workspace.
      checked = await host.checkText(TextDocument.create(uri, scanLanguageId(target.filePath), 0, read.text), target.settings);
    }
    result.filesChecked++;
    if (checked.messages.length > 0) result.filesWithFindings++;
    result.findings += checked.messages.length;
    host.publish(checked, open);
    // Let queued requests (edits, cancellation) run between files.
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (const folder of host.folders) {
    for (const route of (await host.notAnalysed?.(folder)) ?? []) {
      (result.notAnalysed ??= []).push({ path: route.filePath, line: route.line, target: route.target, reason: route.reason });
      host.log(`scan: not analysed ${route.filePath}:${route.line} ${route.target}: ${route.reason}`);
    }
    for (const file of (await host.refusedFiles?.(folder)) ?? []) {
      (result.refused ??= []).push({ path: file.filePath, reason: file.reason });
      host.log(`scan: not read by the analysis ${file.filePath}: ${file.reason}`);
    }
  }
  result.durationMs = Math.round(performance.now() - started);
  progress.done();
  // A file both the scan skipped and the analysis refused (a FIFO the model was led to) counts once.
  const notRead = new Set([...result.skipped, ...(result.refused ?? [])].map((file) => file.path)).size;
  const silence = [result.notAnalysed?.length ? `${counted(result.notAnalysed.length, 'route')} not analysed` : '', notRead ? `${counted(notRead, 'file')} not read` : ''].filter(Boolean);
  host.status({ state: 'ok', message: `scan: ${result.findings} findings in ${result.filesChecked} files${silence.length ? `, ${silence.join(', ')}` : ''}${result.cancelled ? ' (cancelled)' : ''}` });
  host.log(`scan: ${result.filesChecked} files checked, ${result.findings} findings, ${result.skipped.length} skipped, ${result.refused?.length ?? 0} refused by the analysis, ${result.notAnalysed?.length ?? 0} routes not analysed, ${result.durationMs} ms${result.cancelled ? ', cancelled' : ''}`);
  return result;
}

function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The language a file that is not open is checked as (its config block is chosen by the file name anyway). */
function scanLanguageId(filePath: string): string {
  return /\.php$/i.test(filePath) ? 'php' : /\.tsx?$|\.[cm]ts$/i.test(filePath) ? 'typescript' : 'javascript';
}
