/**
 * Express runtime oracle: real express, express-session and passport (0.5.3 and 0.7.x side by side
 * through npm aliases) on 127.0.0.1 — each scenario's app unfixed, and again after applying the
 * plugin's own first suggestions.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runExpressLogoutFlow, SECURE_EXPRESS_OUTCOME, type ExpressOutcome } from './support/express-logout-flow';
import { EXPRESS_ROOT, ExpressServer, materializeExpressScenario } from './support/express-server';
import { recordOutcome } from './support/outcome-log';
import { applySuggestionsExpectingNoFindings, lintProject, suggestionAlternatives } from './support/plugin-suggestions';
import type { ExpectedFinding } from './support/scenario-project';

const JS_PATTERNS = ['src/**/*.js'];

interface ExpressScenario {
  name: string;
  title: string;
  spec: string;
  findings: ExpectedFinding[];
  unfixed: ExpressOutcome;
}

function listExpressScenarios(): ExpressScenario[] {
  const dir = path.join(EXPRESS_ROOT, 'scenarios');
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => ({ name, ...(JSON.parse(fs.readFileSync(path.join(dir, name, 'scenario.json'), 'utf8')) as Omit<ExpressScenario, 'name'>) }));
}

async function runScenario(name: string, prepare?: (projectDir: string) => Promise<void>): Promise<ExpressOutcome> {
  const project = materializeExpressScenario(name);
  try {
    await prepare?.(project.projectDir);
    const server = await ExpressServer.start(project.projectDir);
    try {
      return await runExpressLogoutFlow(server);
    } finally {
      await server.stop();
    }
  } finally {
    project.remove();
  }
}

describe('Express runtime oracle (express + express-session + passport 0.5 / 0.7 on 127.0.0.1)', function () {
  this.timeout(60_000);

  for (const scenario of listExpressScenarios()) {
    describe(`${scenario.name}: ${scenario.title}`, () => {
      const failsSomething = scenario.findings.length > 0;

      it(failsSomething ? `unfixed handler fails at runtime as the SPEC says (${scenario.spec})` : 'unfixed handler is secure at runtime', async () => {
        const outcome = await runScenario(scenario.name);
        recordOutcome('express', scenario.name, 'unfixed', outcome);
        assert.deepEqual(outcome, scenario.unfixed);
        if (failsSomething) assert.notDeepEqual(outcome, SECURE_EXPRESS_OUTCOME);
        else assert.deepEqual(outcome, SECURE_EXPRESS_OUTCOME);
      });

      it(`the recommended config reports ${failsSomething ? scenario.findings.map((f) => `${f.rule.replace('secure-logout/', '')}@${f.file}:${f.line}`).join(', ') : 'nothing'}`, async () => {
        const project = materializeExpressScenario(scenario.name);
        try {
          const findings = await lintProject(project.projectDir, JS_PATTERNS);
          assert.deepEqual(
            findings.map(({ rule, file, line }) => ({ rule, file, line })),
            scenario.findings,
          );
        } finally {
          project.remove();
        }
      });

      if (failsSomething) {
        it("after applying the plugin's own suggestions (each alternative in turn): old row deleted, no data kept, replays 401", async () => {
          const alternatives = await suggestionAlternatives(() => materializeExpressScenario(scenario.name), JS_PATTERNS);
          for (let alternative = 0; alternative < alternatives; alternative++) {
            let applied: string[] = [];
            const outcome = await runScenario(scenario.name, async (projectDir) => {
              applied = await applySuggestionsExpectingNoFindings(projectDir, JS_PATTERNS, alternative);
            });
            recordOutcome('express', scenario.name, 'fixed', outcome, applied);
            assert.deepEqual(outcome, SECURE_EXPRESS_OUTCOME, `after ${applied.join('; ')}`);
          }
        });
      }
    });
  }
});
