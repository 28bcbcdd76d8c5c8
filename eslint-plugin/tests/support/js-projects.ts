import * as fs from 'node:fs';
import * as path from 'node:path';
import { SHARED_ACCEPTANCE_CASES, sharedAcceptance } from '../../../scripts/test-support/environment';

const ROOT = path.resolve(__dirname, '../../..');

/** Every JS project of the repository (fixture apps, rule fixtures) and, when present, every shared acceptance case. */
export function jsProjects(): string[] {
  const dirs = [
    ...fs.readdirSync(path.join(ROOT, 'test-fixtures')).map((name) => path.join(ROOT, 'test-fixtures', name)),
    ...fs.readdirSync(path.join(ROOT, 'eslint-plugin/tests/fixtures/node')).map((name) => path.join(ROOT, 'eslint-plugin/tests/fixtures/node', name)),
  ];
  if (sharedAcceptance.present()) dirs.push(...fs.readdirSync(SHARED_ACCEPTANCE_CASES).map((name) => path.join(SHARED_ACCEPTANCE_CASES, name)));
  return dirs.filter((dir) => fs.existsSync(path.join(dir, 'package.json')));
}
