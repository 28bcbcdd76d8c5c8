/**
 * Why the Laravel oracle boots a fresh Application for every request: the same login → logout flow
 * driven through ONE reused Application (what Laravel feature tests do) does not show the stale
 * `sessions.user_id` under auth:sanctum, because the `auth.driver` singleton that the database session
 * handler asks for the user id was resolved to the `web` SessionGuard during the login request.
 */
import * as assert from 'node:assert/strict';
import { LaravelApp, SharedLaravelApp } from './support/laravel-harness';
import { runLogoutFlow } from './support/laravel-logout-flow';
import { listLaravelScenarios, materializeLaravelScenario } from './support/scenario-project';
import { phpLaravel } from '../../scripts/test-support/environment';
import { requireOrSkip } from '../../scripts/test-support/requirements';

describe('Laravel oracle design: fresh Application per request vs one reused Application', function () {
  this.timeout(60_000);

  before(function () {
    requireOrSkip(this, phpLaravel.need, phpLaravel.present(), phpLaravel.enable);
  });

  it('canonical handler under auth:sanctum: user_id is 1 with a fresh app per request, NULL (bug hidden) with one reused app', async () => {
    const scenario = listLaravelScenarios().find((candidate) => candidate.name === 'canonical-under-sanctum')!;
    const project = materializeLaravelScenario(scenario);
    const shared = new SharedLaravelApp(project.projectDir, `${project.dbPath}.shared`);
    try {
      const fresh = await runLogoutFlow(new LaravelApp(project.projectDir, `${project.dbPath}.fresh`), scenario.logout);
      const reused = await runLogoutFlow(shared, scenario.logout);
      assert.equal(fresh.newUserId, 1);
      assert.equal(reused.newUserId, null);
    } finally {
      shared.close();
      project.remove();
    }
  });
});
