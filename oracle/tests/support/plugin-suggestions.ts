/**
 * Runs the plugin's recommended config with ESLint's Node API and applies the plugin's OWN
 * suggestions (messages[i].suggestions[k].fix) to the files, pass after pass, as a user clicking
 * a quick fix of every finding would. Nothing here writes a fix by hand.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';

interface SecureLogoutPlugin {
  configs: { recommended: Linter.Config[] };
}

export function loadPlugin(): SecureLogoutPlugin {
  // The workspace package, built to dist/ by `npm run build` (npm test builds first).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('eslint-plugin-secure-logout') as SecureLogoutPlugin;
}

export interface Finding {
  rule: string;
  file: string;
  line: number;
  message: string;
  suggestions: string[];
}

export interface AppliedSuggestion {
  pass: number;
  rule: string;
  file: string;
  line: number;
  suggestion: string;
}

export async function lintProject(projectDir: string, patterns: string[]): Promise<Finding[]> {
  const eslint = new ESLint({
    cwd: projectDir,
    overrideConfigFile: true,
    overrideConfig: loadPlugin().configs.recommended,
  });
  const results = await eslint.lintFiles(patterns);
  const findings: Finding[] = [];
  for (const result of results) {
    for (const message of result.messages) {
      findings.push({
        rule: message.ruleId ?? `(${message.fatal ? 'fatal' : 'no rule'})`,
        file: path.relative(projectDir, result.filePath).split(path.sep).join('/'),
        line: message.line,
        message: message.message,
        suggestions: (message.suggestions ?? []).map((suggestion) => suggestion.desc),
      });
    }
  }
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
}

export interface SuggestionRun {
  applied: AppliedSuggestion[];
  /** Findings left after the last pass (with or without suggestions). */
  remaining: Finding[];
}

/** The most suggestions any single finding of the project offers (1 when none offers alternatives). */
export async function maxSuggestionsPerFinding(projectDir: string, patterns: string[]): Promise<number> {
  const findings = await lintProject(projectDir, patterns);
  return Math.max(1, ...findings.map((finding) => finding.suggestions.length));
}

/**
 * Applies one suggestion of every finding — the `alternative`-th where a finding offers that many,
 * else its first — then re-lints and repeats until nothing is left to apply.
 */
export async function applySuggestions(projectDir: string, patterns: string[], alternative = 0, maxPasses = 4): Promise<SuggestionRun> {
  const plugin = loadPlugin();
  const applied: AppliedSuggestion[] = [];
  for (let pass = 1; pass <= maxPasses; pass++) {
    const eslint = new ESLint({ cwd: projectDir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
    const results = await eslint.lintFiles(patterns);
    let changed = false;
    for (const result of results) {
      const candidates = result.messages
        .filter((message) => message.suggestions && message.suggestions.length > 0)
        .map((message) => ({ message, suggestion: message.suggestions![alternative] ?? message.suggestions![0]! }))
        .sort((a, b) => b.suggestion.fix.range[0] - a.suggestion.fix.range[0]);
      if (candidates.length === 0) continue;
      let source = fs.readFileSync(result.filePath, 'utf8');
      let lowestStart = Number.POSITIVE_INFINITY;
      for (const { message, suggestion } of candidates) {
        const [start, end] = suggestion.fix.range;
        // Overlapping edits wait for the next pass, which re-lints the edited text.
        if (end > lowestStart) continue;
        source = source.slice(0, start) + suggestion.fix.text + source.slice(end);
        lowestStart = start;
        applied.push({
          pass,
          rule: message.ruleId ?? '',
          file: path.relative(projectDir, result.filePath).split(path.sep).join('/'),
          line: message.line,
          suggestion: suggestion.desc,
        });
      }
      fs.writeFileSync(result.filePath, source);
      changed = true;
    }
    if (!changed) break;
  }
  return { applied, remaining: await lintProject(projectDir, patterns) };
}

/**
 * How many suggestion alternatives a scenario's fix run must try: the most any finding of a fresh
 * copy offers (the copy is linted, then removed).
 */
export async function suggestionAlternatives(materialize: () => { projectDir: string; remove(): void }, patterns: string[]): Promise<number> {
  const probe = materialize();
  try {
    return await maxSuggestionsPerFinding(probe.projectDir, patterns);
  } finally {
    probe.remove();
  }
}

/**
 * Applies the `alternative`-th suggestions (see applySuggestions) and asserts that something was
 * applied and that no finding is left, counting only files for which `inScope` holds. Returns what
 * was applied, as `rule@file:line "suggestion"` labels for outcome records and failure messages.
 */
export async function applySuggestionsExpectingNoFindings(projectDir: string, patterns: string[], alternative: number, inScope: (file: string) => boolean = () => true): Promise<string[]> {
  const run = await applySuggestions(projectDir, patterns, alternative);
  const applied = run.applied.filter((fix) => inScope(fix.file)).map((fix) => `${fix.rule}@${fix.file}:${fix.line} "${fix.suggestion}"`);
  assert.ok(applied.length > 0, 'the plugin offered no suggestion for this finding');
  assert.deepEqual(
    run.remaining.filter((finding) => inScope(finding.file)).map(({ rule, file, line }) => `${rule}@${file}:${line}`),
    [],
    `findings left after applying ${applied.join('; ')}`,
  );
  return applied;
}
