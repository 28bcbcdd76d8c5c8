/**
 * Laravel runtime oracle: every scenario runs its handler on a real Laravel 8.83 HTTP kernel
 * (database sessions on SQLite, StartSession, VerifyCsrfToken, Authenticate; one fresh Application
 * per request) — unfixed, and again after applying the plugin's own first suggestions.
 * Requires Debian's php-cli php-sqlite3 php-mbstring php-xml php-laravel-framework (.ci/run).
 */
import * as assert from 'node:assert/strict';
import { LaravelApp } from './support/laravel-harness';
import {
  runBearerLogout,
  runLogoutFlow,
  SECURE_OUTCOME,
  type BearerLogoutOutcome,
  type LogoutOutcome,
} from './support/laravel-logout-flow';
import { recordOutcome } from './support/outcome-log';
import { applySuggestionsExpectingNoFindings, lintProject, suggestionAlternatives } from './support/plugin-suggestions';
import { listLaravelScenarios, materializeLaravelScenario, type LaravelScenario } from './support/scenario-project';
import { phpLaravel } from '../../scripts/test-support/environment';
import { requireOrSkip } from '../../scripts/test-support/requirements';

const PHP_PATTERNS = ['**/*.php'];

interface Outcomes {
  cookie?: LogoutOutcome;
  bearer?: BearerLogoutOutcome;
}

/** Runs the scenario's cookie client and/or bearer client, each against its own fresh database. */
async function runScenario(scenario: LaravelScenario, prepare?: (projectDir: string) => Promise<void>): Promise<Outcomes> {
  const project = materializeLaravelScenario(scenario);
  try {
    await prepare?.(project.projectDir);
    const outcomes: Outcomes = {};
    if (scenario.unfixed) {
      outcomes.cookie = await runLogoutFlow(new LaravelApp(project.projectDir, `${project.dbPath}.cookie`), scenario.logout);
    }
    if (scenario.bearer) {
      outcomes.bearer = await runBearerLogout(new LaravelApp(project.projectDir, `${project.dbPath}.bearer`), scenario.logout);
    }
    return outcomes;
  } finally {
    project.remove();
  }
}

/** A scenario with a `handlerFile` is about that file only (the project around it may have findings of its own). */
function isInScope(scenario: LaravelScenario, file: string): boolean {
  return !scenario.handlerFile || file === scenario.handlerFile;
}

function findingList(scenario: LaravelScenario): string {
  if (scenario.findings.length === 0) return 'nothing';
  return scenario.findings.map((f) => `${f.rule.replace('secure-logout/', '')}@${f.file}:${f.line}`).join(', ');
}

describe('Laravel runtime oracle (real kernel, fresh Application per request)', function () {
  this.timeout(120_000);

  before(function () {
    requireOrSkip(this, phpLaravel.need, phpLaravel.present(), phpLaravel.enable);
  });

  for (const scenario of listLaravelScenarios()) {
    describe(`${scenario.name}: ${scenario.title}`, () => {
      const failsSomething = scenario.findings.length > 0;

      it(failsSomething ? `unfixed handler fails at runtime as the SPEC says (${scenario.spec})` : 'unfixed handler is secure at runtime', async () => {
        const outcomes = await runScenario(scenario);
        recordOutcome('laravel', scenario.name, 'unfixed', outcomes);
        assert.deepEqual(outcomes.cookie, scenario.unfixed);
        assert.deepEqual(outcomes.bearer, scenario.bearer?.unfixed);
        if (outcomes.cookie) {
          const { logoutStatus: _status, logoutException: _exception, ...security } = outcomes.cookie;
          if (failsSomething) {
            const bearerFails = outcomes.bearer && outcomes.bearer.exception !== null;
            if (!bearerFails) assert.notDeepEqual(security, SECURE_OUTCOME, 'a scenario with findings must show a runtime failure');
          } else {
            assert.deepEqual(security, SECURE_OUTCOME);
          }
        }
      });

      it(`the recommended config reports ${findingList(scenario)}`, async () => {
        const project = materializeLaravelScenario(scenario);
        try {
          const findings = (await lintProject(project.projectDir, PHP_PATTERNS)).filter((finding) => isInScope(scenario, finding.file));
          assert.deepEqual(
            findings.map(({ rule, file, line }) => ({ rule, file, line })),
            scenario.findings,
          );
        } finally {
          project.remove();
        }
      });

      if (failsSomething) {
        it("after applying the plugin's own suggestions (each alternative in turn): old row deleted, user_id NULL, old token 419, replay 401", async () => {
          const alternatives = await suggestionAlternatives(() => materializeLaravelScenario(scenario), PHP_PATTERNS);
          for (let alternative = 0; alternative < alternatives; alternative++) {
            let applied: string[] = [];
            const outcomes = await runScenario(scenario, async (projectDir) => {
              applied = await applySuggestionsExpectingNoFindings(projectDir, PHP_PATTERNS, alternative, (file) => isInScope(scenario, file));
            });
            recordOutcome('laravel', scenario.name, 'fixed', outcomes, applied);
            if (scenario.unfixed) {
              const expected = { logoutStatus: scenario.fixedLogoutStatus ?? 200, logoutException: null, ...SECURE_OUTCOME };
              assert.deepEqual(outcomes.cookie, expected, `after ${applied.join('; ')}`);
            }
            if (scenario.bearer) {
              assert.deepEqual(outcomes.bearer, scenario.bearer.fixed, `bearer client after ${applied.join('; ')}`);
            }
          }
        });
      }
    });
  }
});
