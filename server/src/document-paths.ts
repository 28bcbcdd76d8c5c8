// LSP URIs ↔ file paths, including buffers that have no file yet (untitled:).
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const EXTENSION_BY_LANGUAGE: Record<string, string> = {
  php: '.php',
  javascript: '.js',
  javascriptreact: '.jsx',
  typescript: '.ts',
  typescriptreact: '.tsx',
};

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/**
 * The file name ESLint sees for a document. A buffer without a file (untitled:) gets a made-up
 * name under `root`, with the extension of its language, so the matching config block applies.
 */
export function lintFileName(uri: string, languageId: string, root: string): string {
  const filePath = uriToPath(uri);
  if (filePath) return filePath;
  const extension = EXTENSION_BY_LANGUAGE[languageId] ?? (path.extname(uri) || '.php');
  const base = uri.replace(/^[a-z]+:/i, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'untitled';
  return path.join(root, `${base}${path.extname(base) === extension ? '' : extension}`);
}
