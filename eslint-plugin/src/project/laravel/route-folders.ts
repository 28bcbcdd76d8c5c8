import * as fs from 'node:fs';
import * as path from 'node:path';

/** Route files per folder and folders deep: more than any app has, a bound for a hostile tree. */
const MAX_FILES_PER_FOLDER = 500;
const MAX_FOLDER_DEPTH = 4;

/** PHP files of a route folder and its subfolders, sorted, as an app's `includeRouteFiles()` helper loads them. */
export function routeFilesIn(dir: string, depth = 0): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
  return entries.slice(0, MAX_FILES_PER_FOLDER).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && depth < MAX_FOLDER_DEPTH) return routeFilesIn(full, depth + 1);
    return entry.isFile() && entry.name.endsWith('.php') ? [full] : [];
  });
}
