// JS/TS cross-file changes. A handler's findings rest on other files: the router that mounts it,
// the guard class it names, package.json and the lock file (library versions). The plugin's
// facts record which files (and which project-wide text searches) each check read; this module
// feeds them the editor's buffers and watcher events, and picks the open documents to re-check.
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver';
import { dependsOn, fileChangedOnDisk, setEditorText, type JsDependencies } from 'eslint-plugin-secure-logout/node';
import { uriToPath } from './document-paths';

export const JS_LANGUAGES = new Set(['javascript', 'javascriptreact', 'typescript', 'typescriptreact']);

const JS_SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const JS_MANIFESTS = new Set(['package.json', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml']);

/** Watcher globs (registered with clients that watch files; the VS Code client watches the same, extension/src/client.ts). */
export const WATCHED_JS_FILES = '**/{package-lock.json,yarn.lock,pnpm-lock.yaml,*.js,*.jsx,*.ts,*.tsx,*.mjs,*.cjs,*.mts,*.cts}';

/** Installed packages are never read by the facts (an `npm install` fires thousands of events there). */
export function isInstalledPackage(filePath: string): boolean {
  return filePath.split(path.sep).includes('node_modules');
}

/** A file whose change can change JS/TS findings of other files: a project source module, package.json or a lock file. */
export function isJsProjectFile(filePath: string): boolean {
  if (isInstalledPackage(filePath)) return false;
  const base = path.basename(filePath);
  return JS_MANIFESTS.has(base) || (JS_SOURCE.test(base) && !base.endsWith('.d.ts'));
}

/**
 * An open JS/TS buffer's text (or `undefined` when it closes): other files' checks read it
 * instead of the disk. Returns whether that changed what they read.
 */
export function jsBufferChanged(filePath: string, text: string | undefined): boolean {
  return setEditorText(filePath, text);
}

/** A watcher event; returns whether the file was created or deleted (source listings change). */
export function jsFileChangedOnDisk(filePath: string, type: FileChangeType): boolean {
  const kind = type === FileChangeType.Created ? 'created' : type === FileChangeType.Deleted ? 'deleted' : 'changed';
  fileChangedOnDisk(filePath, kind);
  return kind !== 'changed';
}

/** Open JS/TS documents (other than the changed one) whose last check may give another result after `filePath` changed. */
export function openDependents(
  open: readonly { uri: string; languageId: string }[],
  lastDependencies: (uri: string) => JsDependencies | undefined,
  filePath: string,
  createdOrDeleted: boolean,
  changedUri: string | undefined,
): string[] {
  const dependents: string[] = [];
  for (const document of open) {
    if (document.uri === changedUri || !JS_LANGUAGES.has(document.languageId)) continue;
    const documentPath = uriToPath(document.uri);
    const dependencies = lastDependencies(document.uri);
    if (documentPath && dependencies && dependsOn(dependencies, filePath, createdOrDeleted)) dependents.push(documentPath);
  }
  return dependents;
}
