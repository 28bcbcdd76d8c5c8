import * as path from 'node:path';
import { noteFile, readText } from './dependencies';
import type { NodeProject } from './node-project';

/** `"outDir": "dist-lib"` in tsconfig.json (which allows comments, so no JSON.parse). */
const OUT_DIR = /"outDir"\s*:\s*"([^"]+)"/;

/**
 * Whether `file` is the compiler's output of the project (tsconfig.json `outDir`) rather than its
 * source: some repositories commit it, and the same logout must be reported once, at its source.
 */
export function isCompiledOutput(project: NodeProject, file: string): boolean {
  const tsconfig = path.join(project.root, 'tsconfig.json');
  noteFile(tsconfig);
  const outDir = OUT_DIR.exec(readText(tsconfig, project.root) ?? '')?.[1];
  if (!outDir) return false;
  const out = path.resolve(project.root, outDir);
  // An outDir that is the project itself (or holds the sources) says nothing about this file.
  if (out === project.root || !out.startsWith(project.root + path.sep)) return false;
  return file.startsWith(out + path.sep);
}
