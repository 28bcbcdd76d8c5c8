// JS/TS cross-file changes. A handler's findings rest on other files: the router that mounts it,
// the guard class it names, package.json and the lock file (library versions). The plugin's
// facts record which files (and which project-wide text searches) each check read; this module
// feeds them the editor's buffers and watcher events, and picks the open documents to re-check.
import { FileChangeType } from 'vscode-languageserver';
import { dependsOn, fileChangedOnDisk, setEditorText, type JsDependencies } from 'eslint-plugin-secure-logout/node';
import { uriToPath } from './document-paths';
import { JS_LANGUAGES } from './js-files';

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
