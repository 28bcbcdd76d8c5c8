import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Linter } from 'eslint';
import { describeFixtureProjects, findingsOf } from '../../support/fixture-projects';
import { plugin } from '../../support/js-rule-tester';

/** The JS/TS apps in test-fixtures/ (their READMEs list these findings). */
const EXPECTED: Record<string, string[]> = {
  'express-passport05': ['src/controllers/session-controller.js:5 secure-logout/invalidate-session'],
  'express-passport07': ['src/routes/session.js:10 secure-logout/logout-callback', 'src/routes/session.js:21 secure-logout/logout-callback'],
  'adonis-v6': ['app/controllers/api_session_controller.ts:9 secure-logout/invalidate-session', 'app/controllers/session_controller.ts:13 secure-logout/invalidate-session'],
  nestjs: ['src/auth/auth.controller.ts:17 secure-logout/logout-callback'],
  fastify: ['src/routes/auth.js:15 secure-logout/no-replayable-session', 'src/routes/auth.js:20 secure-logout/await-logout', 'src/routes/auth.js:20 secure-logout/no-replayable-session'],
  koa: ['src/routes.js:12 secure-logout/await-logout'],
  'react-frontend': [],
};

describeFixtureProjects('JS/TS test fixtures through configs.recommended', EXPECTED, (name, dir) => {
  if (!fs.existsSync(path.join(dir, 'tsconfig.json'))) return;
  it(`${name}: the same findings with type information (projectService)`, async function () {
    const typed = [...(plugin.configs.recommended as Linter.Config[]), { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: dir } } }];
    assert.deepEqual(await findingsOf(dir, typed), [...EXPECTED[name]!].sort());
  });
});
