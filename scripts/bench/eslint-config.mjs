// Writes the flat config files the whole-process measurements pass to the ESLint CLI
// (`--no-config-lookup` is not enough: a project's own eslint.config.* must not take part).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pluginUrl = pathToFileURL(path.join(repo, 'eslint-plugin/dist/index.js')).href;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-bench-configs-'));

const CONFIGS = {
  /** What users run: configs.recommended. */
  recommended: `import plugin from ${JSON.stringify(pluginUrl)};\nexport default plugin.configs.recommended;\n`,
  /** Our rules alone on JS/TS files: the JS prefilter is on. */
  standalone: `import plugin from ${JSON.stringify(pluginUrl)};\nexport default plugin.configs['recommended-standalone'];\n`,
  /** ESLint's own cost per PHP file: our language on every file, but nothing parsed (every file is over maxFileBytes) and no rule. */
  floor: `import plugin from ${JSON.stringify(pluginUrl)};\nconst [php] = plugin.configs.recommended;\nexport default [{ ...php, languageOptions: { maxFileBytes: 1 }, rules: {} }];\n`,
  /** ESLint without the plugin: nothing configured beyond ESLint's defaults (lints *.js). */
  'no-plugin': `export default [{}];\n`,
};

export function configFile(name) {
  const file = path.join(dir, `${name}.config.mjs`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, CONFIGS[name]);
  return file;
}

export const eslintBin = path.join(repo, 'node_modules/eslint/bin/eslint.js');
export const repoRoot = repo;

/** ESLint CLI arguments for a whole-tree run, JSON results into `output`. */
export function eslintArgs(config, output, extra = []) {
  return [eslintBin, '--no-config-lookup', '-c', configFile(config), '--no-warn-ignored', '--no-error-on-unmatched-pattern', '-f', 'json', '-o', output, ...extra, '.'];
}
