import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Seed } from './mutate';

const REPO = path.resolve(__dirname, '../..');
export const SHARED_ACCEPTANCE = path.resolve(REPO, '../shared/acceptance');
export const SHARED_REGRESSIONS = path.resolve(REPO, '../shared/regressions/hang');
const SKIP_DIRS = new Set(['node_modules', 'vendor', 'dist', '.git', 'storage']);

function collect(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) collect(full, out);
    else if (entry.isFile() && /\.(php|js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.blade.php')) out.push(full);
  }
}

/**
 * Seed files: the handlers of the fixture apps and (when the shared folder is beside the
 * checkout) of the acceptance cases, plus the regression inputs — files that speak of logouts or
 * sessions, where mutations reach the analysis rather than the prefilter.
 */
export function fuzzSeeds(): Seed[] {
  const files: string[] = [];
  collect(path.join(REPO, 'test-fixtures'), files);
  collect(path.join(REPO, 'eslint-plugin/tests/regressions/inputs'), files);
  if (fs.existsSync(SHARED_ACCEPTANCE)) collect(SHARED_ACCEPTANCE, files);
  if (fs.existsSync(SHARED_REGRESSIONS)) collect(SHARED_REGRESSIONS, files);
  return files
    .sort()
    .map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }))
    .filter(({ text }) => /logout|session|currentaccesstoken/i.test(text) && text.length < 200_000)
    .map(({ file, text }) => ({ origin: path.relative(path.dirname(REPO), file), language: file.endsWith('.php') ? 'php' : file.endsWith('.ts') ? 'ts' : 'js', text }));
}

/** Realistic projects the mutants are linted in, per language. */
export const FUZZ_PROJECTS = {
  php: { root: path.join(REPO, 'test-fixtures/laravel-sanctum-spa'), file: 'app/Http/Controllers/FuzzController.php' },
  js: { root: path.join(REPO, 'test-fixtures/express-passport07'), file: 'src/fuzz-routes.js' },
  ts: { root: path.join(REPO, 'test-fixtures/nestjs'), file: 'src/fuzz.controller.ts' },
} as const;
