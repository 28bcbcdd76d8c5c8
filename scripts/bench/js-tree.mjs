// A JS project made of real JavaScript from installed packages (ESLint's own lib/, express,
// passport, express-session, …) copied into a temp dir whose package.json declares express,
// passport and express-session — so our rules do not short-circuit on "no server auth library" —
// plus the repository's JS test fixtures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Copies the .js/.mjs/.cjs files (not tests, not nested node_modules) of `from` into `to`. */
function copySources(from, to) {
  let count = 0;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'test' || entry.name === 'tests' || entry.name.startsWith('.')) continue;
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) {
      count += copySources(src, dst);
    } else if (/\.(c|m)?js$/.test(entry.name) && !entry.name.endsWith('.min.js')) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(src, dst);
      count++;
    }
  }
  return count;
}

export function buildProject() {
  const root = path.join(os.tmpdir(), 'secure-logout-bench-js');
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(
    path.join(root, 'package.json'),
    JSON.stringify({ name: 'bench-js', private: true, dependencies: { express: '^4.19.2', 'express-session': '^1.18.0', passport: '^0.7.0' } }, null, 2),
  );
  const packages = ['eslint/lib', 'express/lib', 'passport/lib', 'passport05/lib', 'express-session', 'mocha/lib', 'typescript-eslint/dist', 'php-parser/src', 'semver'];
  let files = 0;
  for (const pkg of packages) {
    const from = path.join(repo, 'node_modules', pkg);
    if (fs.existsSync(from)) files += copySources(from, path.join(root, 'src', pkg.replace(/\//g, '_')));
  }
  for (const fixture of ['express-passport05', 'express-passport07', 'koa', 'fastify']) {
    files += copySources(path.join(repo, 'test-fixtures', fixture, 'src'), path.join(root, 'src', 'app-' + fixture));
  }
  return { root, files };
}

