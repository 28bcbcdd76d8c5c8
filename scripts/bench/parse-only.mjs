// The baseline process: read and parse every file our config would lint, nothing else.
//   node scripts/bench/parse-only.mjs php|js <dir>
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { jsFiles, phpFiles } from './trees.mjs';

const require = createRequire(import.meta.url);
const [language, root] = process.argv.slice(2);
let parsed = 0;
if (language === 'php') {
  // php-parser with the options the plugin's PHP language uses.
  const { Engine } = require('php-parser');
  const engine = new Engine({ parser: { extractDoc: true, suppressErrors: true, version: '8.4' }, ast: { withPositions: true, withSource: false }, lexer: { short_tags: true } });
  for (const file of phpFiles(root)) {
    try {
      engine.parseCode(fs.readFileSync(file, 'utf8'), file);
      parsed++;
    } catch {
      // a file php-parser cannot recover from costs what it cost
    }
  }
} else {
  // What ESLint asks of @typescript-eslint/parser for every JS/TS file (tokens, comments, scopes).
  const parser = require('@typescript-eslint/parser');
  for (const file of jsFiles(root)) {
    try {
      parser.parseForESLint(fs.readFileSync(file, 'utf8'), { ecmaVersion: 'latest', sourceType: 'module', loc: true, range: true, tokens: true, comment: true, filePath: file });
      parsed++;
    } catch {
      // a syntax error costs what it cost
    }
  }
}
process.stdout.write(JSON.stringify({ parsed }));
