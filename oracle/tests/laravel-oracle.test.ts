/**
 * Laravel runtime oracle: every scenario runs its handler on a real Laravel 8.83 HTTP kernel
 * (database sessions on SQLite, StartSession, VerifyCsrfToken, Authenticate; one fresh Application
 * per request) — unfixed, and again after applying the plugin's own first suggestions.
 * Requires Debian's php-cli php-sqlite3 php-mbstring php-xml php-laravel-framework.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { LaravelApp } from './support/laravel-harness';
import { runLogoutFlow, SECURE_OUTCOME, type LogoutOutcome } from './support/laravel-logout-flow';
import { applyFirstSuggestions, lintProject } from './support/plugin-suggestions';
import { listLaravelScenarios, materializeLaravelScenario, type LaravelScenario } from './support/scenario-project';
import { recordOutcome } from './support/outcome-log';

const PHP_PATTERNS = ['**/*.php'];

async function runScenario(scenario: LaravelScenario, prepare?: (projectDir: string) => Promise<void>): Promise<LogoutOutcome> {
  const project = materializeLaravelScenario(scenario);
  try {
    await prepare?.(project.projectDir);
    return await runLogoutFlow(new LaravelApp(project.projectDir, project.dbPath), scenario.logout);
  } finally {
    project.remove();
  }
}

describe('Laravel runtime oracle (real kernel, fresh Application per request)', function () {
  this.timeout(120_000);

  before(function () {
    const missing = ['/usr/share/php/Illuminate/autoload.php'].filter((file) => !fs.existsSync(file));
    try {
      execFileSync('php', ['-r', 'exit(extension_loaded("pdo_sqlite") && extension_loaded("mbstring") ? 0 : 1);']);
    } catch {
      missing.push('php-cli with pdo_sqlite and mbstring');
    }
    assert.deepEqual(missing, [], 'install: apt-get install -y php-cli php-sqlite3 php-mbstring php-xml php-laravel-framework');
  });

  for (const scenario of listLaravelScenarios()) {
    describe(`${scenario.name}: ${scenario.title}`, () => {
      const failsSomething = scenario.findings.length > 0;

      it(failsSomething ? `unfixed handler fails at runtime as the SPEC says (${scenario.spec})` : 'unfixed handler is secure at runtime', async () => {
        const outcome = await runScenario(scenario);
        recordOutcome('laravel', scenario.name, 'unfixed', outcome);
        assert.deepEqual(outcome, scenario.unfixed);
        const { logoutStatus: _status, logoutException: _exception, ...security } = outcome;
        if (failsSomething) assert.notDeepEqual(security, SECURE_OUTCOME, 'a scenario with findings must show a runtime failure');
        else assert.deepEqual(security, SECURE_OUTCOME);
      });

      it(`the recommended config reports ${failsSomething ? scenario.findings.map((f) => `${f.rule.replace('secure-logout/', '')}@${f.file}:${f.line}`).join(', ') : 'nothing'}`, async () => {
        const project = materializeLaravelScenario(scenario);
        try {
          const findings = await lintProject(project.projectDir, PHP_PATTERNS);
          assert.deepEqual(
            findings.map(({ rule, file, line }) => ({ rule, file, line })),
            scenario.findings,
          );
        } finally {
          project.remove();
        }
      });

      if (failsSomething) {
        it("after applying the plugin's own first suggestions: old row deleted, user_id NULL, old token 419, replay 401", async () => {
          let applied: string[] = [];
          const outcome = await runScenario(scenario, async (projectDir) => {
            const run = await applyFirstSuggestions(projectDir, PHP_PATTERNS);
            applied = run.applied.map((fix) => `${fix.rule}@${fix.file}:${fix.line} "${fix.suggestion}"`);
            assert.ok(run.applied.length > 0, 'the plugin offered no suggestion for this finding');
            assert.deepEqual(
              run.remaining.map(({ rule, file, line }) => `${rule}@${file}:${line}`),
              [],
              `findings left after applying ${applied.join('; ')}`,
            );
          });
          recordOutcome('laravel', scenario.name, 'fixed', outcome, applied);
          assert.deepEqual(outcome, { logoutStatus: 200, logoutException: null, ...SECURE_OUTCOME }, `after ${applied.join('; ')}`);
        });
      }
    });
  }
});
