// Lints the bundled demo app with configs.recommended, as a user's first `npx eslint .` would.
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import plugin from 'eslint-plugin-secure-logout';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const demo = path.resolve(root, process.argv[2] ?? 'test-fixtures/laravel-sanctum-spa');

const started = performance.now();
const eslint = new ESLint({ cwd: demo, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
const results = await eslint.lintFiles(['.']);
const elapsed = performance.now() - started;

const formatter = await eslint.loadFormatter('stylish');
const output = await formatter.format(results);
console.log(`secure-logout: linting ${path.relative(process.cwd(), demo) || '.'} with configs.recommended`);
console.log(output || '\nNo findings.');
console.log(`${results.length} files checked in ${elapsed.toFixed(0)} ms`);
