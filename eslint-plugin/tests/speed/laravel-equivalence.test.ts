import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import plugin = require('../../src/index');
import { mayMatter } from '../../src/languages/php/parse-php';
import { SHARED_ACCEPTANCE_CASES, sharedAcceptance } from '../../../scripts/test-support/environment';
import { requireOrSkip } from '../../../scripts/test-support/requirements';
import { mochaOutcomes } from '../support/mocha-outcomes';

/**
 * Two speed-ups of the PHP side must never change a result, proved here by turning each off:
 * - the prefilter skips files whose words are only in strings and comments and that call nothing
 *   (`SECURE_LOGOUT_PHP_CODE_PREFILTER=0`: any word anywhere passes, as before);
 * - the route analysis follows across the app only handlers with a logout, a token delete or a
 *   session-ending call of their own (`SECURE_LOGOUT_JUDGE_EVERY_HANDLER=1`: every handler with a
 *   session call, as before).
 * Every PHP project of the repository, every shared acceptance case and the real-shaped bench app
 * (40 locales of translations) get the same messages, and the rule, fixture, project, language
 * and acceptance suites the same outcome, with all of them on and with each one off.
 */
const ROOT = path.resolve(__dirname, '../../..');
const SPEED_UPS_OFF: Record<string, Record<string, string>> = {
  'code-only prefilter off': { SECURE_LOGOUT_PHP_CODE_PREFILTER: '0' },
  'every handler judged': { SECURE_LOGOUT_JUDGE_EVERY_HANDLER: '1' },
};

async function withEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** Every message with everything a user sees of it: position, rule, text, suggestions. */
async function messagesOf(dir: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never, errorOnUnmatchedPattern: false });
  return (await eslint.lintFiles(['**/*.php'])).flatMap((r) =>
    r.messages.map((m) => JSON.stringify({ file: path.relative(dir, r.filePath), line: m.line, column: m.column, endLine: m.endLine, rule: m.ruleId, message: m.message, suggestions: m.suggestions })),
  );
}

function phpFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'vendor') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) phpFiles(full, out);
    else if (entry.name.endsWith('.php')) out.push(full);
  }
  return out;
}

/** Files the code-only prefilter skips: words somewhere, but only in strings and comments, and no call. */
async function skippedByPrefilter(dir: string): Promise<number> {
  let skipped = 0;
  for (const file of phpFiles(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    if (!mayMatter(text) && (await withEnv(SPEED_UPS_OFF['code-only prefilter off']!, async () => mayMatter(text)))) skipped++;
  }
  return skipped;
}

/** Directories holding PHP files among `dirs`. */
function phpProjectsIn(dirs: string[]): string[] {
  return dirs.filter((dir) => fs.statSync(dir).isDirectory() && phpFiles(dir).length > 0);
}

/** Lints each project with all speed-ups on and with each one off; the messages must be the same. */
async function assertSameWithEachOff(projects: string[]): Promise<{ skipped: number; messages: number }> {
  let skipped = 0;
  let messages = 0;
  for (const dir of projects) {
    skipped += await skippedByPrefilter(dir);
    const on = await messagesOf(dir);
    for (const [label, env] of Object.entries(SPEED_UPS_OFF)) assert.deepEqual(on, await withEnv(env, () => messagesOf(dir)), `${label}: ${path.relative(ROOT, dir)}`);
    messages += on.length;
  }
  return { skipped, messages };
}

describe('PHP speed-ups change no result', function () {
  this.timeout(900_000);

  it('every PHP project of the repository and the real-shaped bench app get the same messages with each speed-up off', async function () {
    const { generateRealShapedApp } = (await import('../../../scripts/bench/generate-real-shaped-app.mjs')) as { generateRealShapedApp: (dir: string) => string };
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-equivalence-'));
    try {
      const fixtures = fs.readdirSync(path.join(ROOT, 'test-fixtures')).map((name) => path.join(ROOT, 'test-fixtures', name));
      const projects = [...phpProjectsIn(fixtures), generateRealShapedApp(path.join(scratch, 'app'))];
      const { skipped, messages } = await assertSameWithEachOff(projects);
      assert.ok(projects.length >= 10 && skipped >= 40 && messages >= 15, `${projects.length} projects, ${skipped} files skipped, ${messages} messages: too few to prove anything`);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('every shared acceptance case gets the same messages with each speed-up off', async function () {
    requireOrSkip(this, sharedAcceptance.need, sharedAcceptance.present(), sharedAcceptance.enable);
    const projects = phpProjectsIn(fs.readdirSync(SHARED_ACCEPTANCE_CASES).map((name) => path.join(SHARED_ACCEPTANCE_CASES, name)));
    const { messages } = await assertSameWithEachOff(projects);
    assert.ok(projects.length >= 30 && messages >= 20, `${projects.length} cases, ${messages} messages: too few to prove anything`);
  });

  it('the rule, fixture, project, language and acceptance suites have the same outcome with each speed-up off', async function () {
    const suites = ['rules/**/*.test.ts', 'acceptance.test.ts', 'fixes-roundtrip.test.ts', 'regressions.test.ts', 'robustness.test.ts', 'facts/**/*.test.ts', 'project/**/*.test.ts', 'languages/**/*.test.ts'].map((s) => `eslint-plugin/tests/${s}`);
    const switches = Object.values(SPEED_UPS_OFF).flatMap((env) => Object.keys(env));
    const on = await mochaOutcomes(suites, {}, switches);
    assert.ok(Object.keys(on).length >= 300, `only ${Object.keys(on).length} tests ran`);
    for (const [label, env] of Object.entries(SPEED_UPS_OFF)) assert.deepEqual(await mochaOutcomes(suites, env, switches), on, label);
  });
});
