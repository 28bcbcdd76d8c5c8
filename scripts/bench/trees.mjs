// The files each side of a paired measurement works on: exactly those configs.recommended lints.
import fs from 'node:fs';
import path from 'node:path';

/** Directories ESLint never enters here (dependencies, caches, VCS) or our configs ignore (NOT_APP_CODE). */
const SKIP_DIRS = new Set(['node_modules', 'vendor', '.git', 'storage', 'tests', 'test', '__tests__', 'dist', 'build']);

export function filesOf(root, pattern, out = [], dir = root) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.') && !(entry.name === 'cache' && path.basename(dir) === 'bootstrap')) filesOf(root, pattern, out, full);
    } else if (entry.isFile() && pattern.test(entry.name)) out.push(full);
  }
  return out;
}

export const phpFiles = (root) => filesOf(root, /^(?!.*\.blade\.php$).*\.php$/);
/** The JS/TS files configs.recommended's JS block lints: no front-end assets (public/, resources/js/), tests, bundles or eslint.config. */
export const jsFiles = (root) =>
  filesOf(root, /^(?!.*\.(test|spec)\.[cm]?[jt]sx?$)(?!eslint\.config\.).*\.(c|m)?[jt]sx?$/).filter((f) => !/[\\/](public|resources[\\/]js)[\\/]/.test(f.slice(root.length)));

export const bytesOf = (files) => files.reduce((n, f) => n + fs.statSync(f).size, 0);
