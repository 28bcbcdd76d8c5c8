#!/usr/bin/env node
// npm run eval:real -- <dir-of-checkouts> [--lang php|js] [--repo owner/name] [--markdown file] [--labels dir]
//
// Lints each labelled public repository, read as it is (never installed), with the BUILT plugin's
// recommended config and scores the findings against the hand labels in eval/real/labels/<lang>/.
// A checkout is expected at <dir>/<owner>__<name>/ at the label's commit; label paths are relative
// to the repository, and ESLint runs in the label's `root` (the app directory inside the repository).
// Exits non-zero only on errors (bad arguments, a bad label, a crash while linting), never on scores.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import plugin from 'eslint-plugin-secure-logout';
import { precision, recall, scoreRepo, summarize, validateLabel } from './score.mjs';

const LANGUAGES = ['php', 'js'];
const PARSE_ERROR = 'secure-logout/parse-error';
const DEFAULT_LABELS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'labels');

export function parseArgs(argv) {
  const options = { dir: undefined, lang: undefined, repo: undefined, markdown: undefined, labels: DEFAULT_LABELS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--lang') options.lang = value();
    else if (arg === '--repo') options.repo = value();
    else if (arg === '--markdown') options.markdown = value();
    else if (arg === '--labels') options.labels = value();
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else if (options.dir) throw new Error(`one checkout directory only (got ${options.dir} and ${arg})`);
    else options.dir = arg;
  }
  if (!options.dir) throw new Error('usage: npm run eval:real -- <dir-of-checkouts> [--lang php|js] [--repo owner/name] [--markdown file]');
  if (options.lang && !LANGUAGES.includes(options.lang)) throw new Error(`--lang must be one of ${LANGUAGES.join(', ')}`);
  return options;
}

/** Label files of one language, validated, sorted by repository name. */
export function readLabels(labelsDir, lang) {
  const dir = path.join(labelsDir, lang);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      let label;
      try {
        label = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        throw new Error(`${file}: ${error.message}`);
      }
      return validateLabel(label, file);
    });
}

export const checkoutDir = (dir, repo) => path.join(dir, repo.replace('/', '__'));

// A PHP label scores the Laravel half of a repository: its bundled front-end JavaScript (often
// minified, megabytes) is not linted, which keeps a corpus run in minutes.
const PATTERNS = { php: ['**/*.php'], js: ['.'] };

/**
 * A message saying the file was not analysed: our parse-error, or ESLint's own parser failure.
 * ESLint also marks a bad configuration comment fatal (ESLint 10: "/* eslint-env *\/ comments are
 * no longer supported"), yet still runs every rule on that file: it was analysed.
 */
const notParsed = (m) => m.ruleId === PARSE_ERROR || (m.fatal === true && m.ruleId == null && m.message.startsWith('Parsing error'));

/** Our rules' findings in one checkout, with paths relative to the repository. */
export async function lintCheckout(repoDir, root = '.', language = 'js') {
  const cwd = path.resolve(repoDir, root);
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: plugin.configs.recommended, errorOnUnmatchedPattern: false });
  const results = await eslint.lintFiles(PATTERNS[language] ?? ['.']);
  const findings = [];
  const unanalysed = [];
  for (const result of results) {
    const file = path.relative(repoDir, result.filePath).split(path.sep).join('/');
    for (const m of result.messages) {
      // parse-error says a file was not analysed: coverage, not a verdict on a logout.
      if (notParsed(m)) unanalysed.push(file);
      else if (m.ruleId?.startsWith('secure-logout/')) findings.push({ rule: m.ruleId, file, line: m.line });
    }
  }
  return { findings, unanalysed, files: results.length };
}

/** Lints and scores every label of one language whose checkout exists; the rest are listed as missing. */
export async function evaluateLanguage(options, lang, log = () => {}) {
  const labels = readLabels(options.labels, lang).filter((l) => !options.repo || l.repo === options.repo);
  const scores = [];
  const missing = [];
  const errors = [];
  for (const label of labels) {
    const repoDir = checkoutDir(options.dir, label.repo);
    if (!fs.existsSync(path.join(repoDir, label.root ?? '.'))) {
      missing.push(label.repo);
      continue;
    }
    const started = performance.now();
    try {
      const { findings, unanalysed, files } = await lintCheckout(repoDir, label.root ?? '.', lang);
      const score = scoreRepo(label, findings);
      scores.push({ ...score, unanalysed, files });
      log(`  ${label.repo}: ${files} files, ${findings.length} findings, ${((performance.now() - started) / 1000).toFixed(1)} s${unanalysed.length ? `, ${unanalysed.length} files not analysed` : ''}`);
    } catch (error) {
      errors.push(`${label.repo}: ${error.stack ?? error}`);
    }
  }
  return { lang, scores, missing, errors, summary: summarize(scores) };
}

const ratio = (x) => x.toFixed(2);
const pad = (s, n) => String(s).padEnd(n);

export function formatText(result) {
  const { lang, summary, scores, missing, errors } = result;
  const lines = [`\n== ${lang}: ${summary.repos} repos, ${summary.handlers} handlers ==`];
  lines.push(`${pad('rule', 42)} ${pad('TP', 4)} ${pad('FP', 4)} ${pad('FN', 4)} precision recall`);
  for (const r of [...summary.rules, summary.total]) {
    lines.push(`${pad(r.rule, 42)} ${pad(r.tp, 4)} ${pad(r.fp, 4)} ${pad(r.fn, 4)} ${pad(ratio(precision(r)), 9)} ${ratio(recall(r))}`);
  }
  const short = (rule) => rule.replace('secure-logout/', '');
  const fps = scores.flatMap((s) => s.fp.map((f) => `  FP ${s.repo} ${f.file}:${f.line} ${short(f.rule)} — ${f.why}`));
  const fns = scores.flatMap((s) => s.fn.map((f) => `  FN ${s.repo} ${f.file}:${f.line} ${short(f.rule)} — ${f.handler}: ${f.why}`));
  if (fps.length) lines.push(`false positives (${fps.length}):`, ...fps);
  if (fns.length) lines.push(`false negatives (${fns.length}):`, ...fns);
  const unanalysed = scores.filter((s) => s.unanalysed.length);
  if (unanalysed.length) {
    lines.push(`files not analysed (parse-error, not scored) (${unanalysed.reduce((n, s) => n + s.unanalysed.length, 0)}):`);
    for (const s of unanalysed) lines.push(`  ${s.repo}: ${s.unanalysed.slice(0, 3).join(', ')}${s.unanalysed.length > 3 ? ` and ${s.unanalysed.length - 3} more` : ''}`);
  }
  if (missing.length) lines.push(`missing checkouts, skipped (${missing.length}): ${missing.join(', ')}`);
  for (const e of errors) lines.push(`ERROR ${e}`);
  return lines.join('\n');
}

export function formatMarkdown(results) {
  const out = [];
  for (const { lang, summary, scores } of results) {
    out.push(`### ${lang === 'php' ? 'PHP (Laravel)' : 'JavaScript / TypeScript'}`, '');
    out.push(`${summary.repos} repositories, ${summary.handlers} labelled logout handlers; precision **${ratio(precision(summary.total))}**, recall **${ratio(recall(summary.total))}**.`, '');
    out.push('| rule | TP | FP | FN | precision | recall |', '| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const r of [...summary.rules, summary.total]) {
      const name = r.rule === 'total' ? '**total**' : `\`${r.rule.replace('secure-logout/', '')}\``;
      out.push(`| ${name} | ${r.tp} | ${r.fp} | ${r.fn} | ${ratio(precision(r))} | ${ratio(recall(r))} |`);
    }
    out.push('', '| repository | commit | handlers | TP | FP | FN |', '| --- | --- | ---: | ---: | ---: | ---: |');
    for (const s of scores) out.push(`| ${s.repo} | \`${s.commit.slice(0, 12)}\` | ${s.handlers} | ${s.tp.length} | ${s.fp.length} | ${s.fn.length} |`);
    out.push('');
  }
  return out.join('\n');
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  if (!fs.existsSync(options.dir)) {
    console.error(`no such directory: ${options.dir}`);
    return 2;
  }
  const results = [];
  let failed = false;
  for (const lang of options.lang ? [options.lang] : LANGUAGES) {
    let result;
    try {
      console.error(`linting ${lang} checkouts…`);
      result = await evaluateLanguage(options, lang, (line) => console.error(line));
    } catch (error) {
      console.error(`ERROR ${error.message}`);
      failed = true;
      continue;
    }
    if (result.errors.length) failed = true;
    results.push(result);
    console.log(formatText(result));
  }
  if (options.markdown) {
    fs.writeFileSync(options.markdown, formatMarkdown(results));
    console.log(`\ntable written to ${options.markdown}`);
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
