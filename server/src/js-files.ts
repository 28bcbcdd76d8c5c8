// Which files are JS/TS sources, manifests and lock files (the LSP thread decides with these what
// to watch and re-check; js-dependencies.ts, in the lint worker, tracks what each check read).
import * as path from 'node:path';

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
