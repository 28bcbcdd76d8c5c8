// Which project a file belongs to: ESLint's cwd for it and the root the project model reads.
import * as fs from 'node:fs';
import * as path from 'node:path';

const MARKERS = ['artisan', 'composer.json', 'package.json'];

/**
 * The nearest ancestor holding a project marker, not above the file's workspace folder (a
 * monorepo folder can hold several apps); else the workspace folder; else the file's directory.
 */
export class ProjectRoots {
  private readonly cache = new Map<string, string>();
  private folders: string[] = [];

  setWorkspaceFolders(folders: string[]): void {
    // Longest first, so a nested folder wins over its parent.
    this.folders = [...folders].sort((a, b) => b.length - a.length);
    this.cache.clear();
  }

  workspaceFolders(): readonly string[] {
    return this.folders;
  }

  folderOf(filePath: string): string | undefined {
    return this.folders.find((folder) => filePath === folder || filePath.startsWith(folder + path.sep));
  }

  rootOf(filePath: string): string {
    const directory = path.dirname(filePath);
    const cached = this.cache.get(directory);
    if (cached) return cached;
    const folder = this.folderOf(filePath);
    let root: string | undefined;
    for (let dir = directory; ; dir = path.dirname(dir)) {
      if (MARKERS.some((marker) => fs.existsSync(path.join(dir, marker)))) {
        root = dir;
        break;
      }
      if (dir === folder || path.dirname(dir) === dir) break;
    }
    root ??= folder ?? directory;
    this.cache.set(directory, root);
    return root;
  }

  /** Project markers appear and disappear (composer.json created): forget what was found. */
  invalidate(): void {
    this.cache.clear();
  }
}
