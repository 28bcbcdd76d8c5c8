/**
 * Tests that need something a fresh clone may not have (PHP, Neovim, Chromium, a database server,
 * the shared acceptance suite beside the checkout) ask for it here. Without it the test is skipped
 * and named in one summary line at the end of the run, with the command that enables it; with
 * SECURE_LOGOUT_STRICT=1 (what .ci/run sets) a missing requirement fails the test instead.
 */
import type { Context } from 'mocha';

interface MissingRequirement {
  need: string;
  enable: string;
  tests: number;
}

const missing = new Map<string, MissingRequirement>();

export const strictRequirements = process.env.SECURE_LOGOUT_STRICT === '1';

/**
 * Skips the current test (or hook's tests) when `present` is false, or fails it in strict mode.
 * `need` says what is missing ("PHP 8 (php-cli)"), `enable` how to get it ("apt-get install php-cli").
 */
export function requireOrSkip(ctx: Context, need: string, present: boolean, enable: string): void {
  if (present) return;
  const entry = missing.get(need) ?? { need, enable, tests: 0 };
  // In a `before` hook the skip takes every test of its suite: each is counted.
  const beforeAll = ctx.test?.title.startsWith('"before all" hook') ? ctx.test : undefined;
  entry.tests += beforeAll?.parent ? beforeAll.parent.total() : 1;
  missing.set(need, entry);
  if (strictRequirements) throw new Error(`${need} is required (SECURE_LOGOUT_STRICT=1): ${enable}`);
  ctx.skip();
}

/** Mocha root hooks: one line per missing requirement once every test has run. */
export const mochaHooks = {
  afterAll(): void {
    if (missing.size === 0) return;
    const lines = [...missing.values()].map((m) => `  skipped ${m.tests} test(s) needing ${m.need}; enable with: ${m.enable}`);
    console.log(`\nSkipped for missing requirements (SECURE_LOGOUT_STRICT=1 makes these failures):\n${lines.join('\n')}`);
  },
};
