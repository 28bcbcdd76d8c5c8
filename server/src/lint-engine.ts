// Runs the bundled plugin's recommended config in-process with ESLint's Linter. The workspace's own
// ESLint, its eslint.config.* and its node_modules are never loaded: checking a file executes no
// workspace code, so the server is safe in untrusted workspaces.
// ESLint and the plugin load where lints run (the lint worker): the LSP thread never loads them, and
// learns the rules' documentation URLs from the worker (`ruleDocs`).
import type { Linter } from 'eslint';
import type { RuleSeverity } from './protocol';

type Plugin = typeof import('eslint-plugin-secure-logout');
let loadedPlugin: Plugin | undefined;
let loadedEslint: typeof import('eslint') | undefined;

function plugin(): Plugin {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return (loadedPlugin ??= require('eslint-plugin-secure-logout') as Plugin);
}

function eslint(): typeof import('eslint') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return (loadedEslint ??= require('eslint') as typeof import('eslint'));
}

export type LintMessage = Linter.LintMessage;

export interface LintOutcome {
  /** Findings of secure-logout rules (fatal parse errors of non-PHP files and config misses dropped). */
  messages: LintMessage[];
  durationMs: number;
  /** The AST the rules saw (php-parser's program for PHP): the project model keys handlers by it. */
  program?: unknown;
  /** Set when the analysis crashed: the error is isolated to this file. */
  crash?: Error;
}

export const rulePrefix = 'secure-logout/';

/** Rule id → documentation URL: on the LSP thread as the worker sent it, elsewhere read from the plugin on first use. */
let docsByRule: ReadonlyMap<string, string> | undefined;

/** Every rule's documentation URL, from the rules' own meta (the worker sends this once). */
export function ruleDocs(): Record<string, string> {
  const rules = plugin().rules as Record<string, { meta?: { docs?: { url?: string } } }>;
  return Object.fromEntries(Object.entries(rules).flatMap(([name, rule]) => (rule.meta?.docs?.url ? [[`${rulePrefix}${name}`, rule.meta.docs.url]] : [])));
}

export function useRuleDocs(docs: Record<string, string>): void {
  docsByRule = new Map(Object.entries(docs));
}

/** Documentation URL of a rule id (`secure-logout/<name>`). */
export function ruleDocsUrl(ruleId: string | null | undefined): string | undefined {
  if (!ruleId?.startsWith(rulePrefix)) return undefined;
  docsByRule ??= new Map(Object.entries(ruleDocs()));
  return docsByRule.get(ruleId);
}

export function knownRuleIds(): string[] {
  return Object.keys(plugin().rules).map((name) => `${rulePrefix}${name}`);
}

/**
 * configs.recommended with the user's severity overrides applied to every block that runs the
 * plugin. Unknown rule ids are ignored (ESLint would throw on them and stop every check).
 */
export function buildConfig(overrides: Record<string, RuleSeverity>): Linter.Config[] {
  const known = new Set(knownRuleIds());
  const applicable = Object.entries(overrides).filter(([id]) => known.has(id));
  return (plugin().configs.recommended as Linter.Config[]).map((block) => {
    if (!block.plugins?.['secure-logout'] || applicable.length === 0) return block;
    const rules = { ...block.rules } as Linter.RulesRecord;
    for (const [id, severity] of applicable) {
      const current = rules[id];
      // Keep the rule's options, replace only its severity.
      rules[id] = Array.isArray(current) ? [severity, ...current.slice(1)] : severity;
    }
    return { ...block, rules };
  });
}

/**
 * One Linter per project root: flat config `files` globs are relative to the Linter's cwd, and a
 * file outside it matches no config at all.
 */
export class LintEngine {
  /**
   * Testing hooks: files whose path contains `crashOnPathContaining` make the analysis throw, as a
   * rule crash would, so tests can prove one file's crash is isolated; `hangOnPathContaining` makes
   * it loop forever, as the php-parser loops of issue 15 did, so tests can prove a hang is stopped
   * (set SECURE_LOGOUT_SERVER_TEST_CRASH_ON / SECURE_LOGOUT_SERVER_TEST_HANG_ON).
   */
  constructor(
    private readonly crashOnPathContaining = process.env['SECURE_LOGOUT_SERVER_TEST_CRASH_ON'],
    private readonly hangOnPathContaining = process.env['SECURE_LOGOUT_SERVER_TEST_HANG_ON'],
  ) {}

  private readonly linters = new Map<string, Linter>();
  /** Built configs by override set: settings rarely change, and building one per keystroke would be waste. */
  private readonly configs = new Map<string, Linter.Config[]>();

  /** `projectSettings`: the `settings['secure-logout']` the file is linted with (settings-source.ts), undefined for none. */
  configFor(overrides: Record<string, RuleSeverity> = {}, projectSettings?: unknown): Linter.Config[] {
    const key = JSON.stringify([Object.entries(overrides).sort(([a], [b]) => a.localeCompare(b)), projectSettings ?? null]);
    let config = this.configs.get(key);
    if (!config) {
      config = buildConfig(overrides);
      if (projectSettings !== undefined) config = [...config, { name: 'secure-logout/project-settings', settings: { 'secure-logout': projectSettings } }];
      this.configs.set(key, config);
    }
    return config;
  }

  /** Loads ESLint and builds the default config now (the lint worker does it at start, before the first document arrives). */
  warmUp(): void {
    this.configFor();
    eslint();
  }

  private linterFor(root: string): Linter {
    let linter = this.linters.get(root);
    if (!linter) {
      linter = new (eslint().Linter)({ configType: 'flat', cwd: root });
      this.linters.set(root, linter);
    }
    return linter;
  }

  lint(text: string, filePath: string, root: string, overrides?: Record<string, RuleSeverity>, projectSettings?: unknown): LintOutcome {
    const config = this.configFor(overrides, projectSettings);
    const started = performance.now();
    try {
      if (this.crashOnPathContaining && filePath.includes(this.crashOnPathContaining)) throw new TypeError(`injected crash while analysing ${filePath}`);
      if (this.hangOnPathContaining && filePath.includes(this.hangOnPathContaining)) for (;;);
      const linter = this.linterFor(root);
      const raw = linter.verify(text, config, { filename: filePath });
      return { messages: raw.filter(isFinding), durationMs: performance.now() - started, program: linter.getSourceCode()?.ast };
    } catch (error) {
      return { messages: [], durationMs: performance.now() - started, crash: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  /**
   * The text after applying every fix of the file, ESLint-style: per pass, each problem's autofix
   * (or else its first suggestion), in source order, skipping any that overlaps or touches an
   * earlier one; passes repeat until nothing applies (at most 10). Deterministic, and idempotent
   * when the rules' fixes are (SPEC §4). `firstPass`: the findings of `text` when already known.
   */
  fixAll(text: string, filePath: string, root: string, overrides?: Record<string, RuleSeverity>, firstPass?: LintMessage[], projectSettings?: unknown): { output: string; applied: number; crash?: Error } {
    // ESLint lints (and ranges its fixes in) the text after a leading byte order mark; keep the mark.
    const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
    let output = text.slice(bom.length);
    let applied = 0;
    for (let pass = 0; pass < 10; pass++) {
      const outcome: Pick<LintOutcome, 'messages' | 'crash'> = pass === 0 && firstPass ? { messages: firstPass } : this.lint(output, filePath, root, overrides, projectSettings);
      if (outcome.crash) return { output: bom + output, applied, crash: outcome.crash };
      const fixes = outcome.messages
        .map((message) => message.fix ?? message.suggestions?.[0]?.fix)
        .filter((fix): fix is Linter.LintMessage['fix'] & object => !!fix)
        .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.text.localeCompare(b.text));
      let lastEnd = -1;
      let result = '';
      let cursor = 0;
      let appliedThisPass = 0;
      for (const fix of fixes) {
        if (fix.range[0] <= lastEnd) continue;
        result += output.slice(cursor, fix.range[0]) + fix.text;
        cursor = fix.range[1];
        lastEnd = fix.range[1];
        appliedThisPass++;
      }
      if (appliedThisPass === 0) break;
      output = result + output.slice(cursor);
      applied += appliedThisPass;
    }
    return { output: bom + output, applied };
  }
}

/**
 * secure-logout is not a syntax checker: a JS/TS syntax error is the job of the editor's own
 * language support, and a file no config block covers simply has nothing to report.
 */
function isFinding(message: LintMessage): boolean {
  return message.ruleId !== null;
}
