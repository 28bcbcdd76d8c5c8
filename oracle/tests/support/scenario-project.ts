/**
 * Scenario projects: oracle/laravel/scenarios/<name>/ holds the handler, routes/web.php and
 * scenario.json; oracle/laravel/project-template/ the rest of a Laravel 11-style project (config,
 * bootstrap/app.php, composer.lock). Each run works on a fresh copy in a temp directory, so the
 * plugin's fixes can be written without touching the repository.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LogoutOutcome, LogoutRoute } from './laravel-logout-flow';

export const LARAVEL_ROOT = path.resolve(__dirname, '../../laravel');

export interface ExpectedFinding {
  rule: string;
  file: string;
  line: number;
}

export interface LaravelScenario {
  name: string;
  title: string;
  /** Why the unfixed handler fails, in the SPEC's words. */
  spec: string;
  /** laravel/framework version written to composer.lock (what the linter is told). */
  framework: string;
  logout: LogoutRoute;
  /** What the recommended config must report on the unfixed project. */
  findings: ExpectedFinding[];
  /** The outcome the unfixed handler produces at runtime. */
  unfixed: LogoutOutcome;
}

export function listLaravelScenarios(): LaravelScenario[] {
  const dir = path.join(LARAVEL_ROOT, 'scenarios');
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => {
      const raw = JSON.parse(fs.readFileSync(path.join(dir, name, 'scenario.json'), 'utf8')) as Omit<LaravelScenario, 'name'>;
      return { name, ...raw };
    });
}

export interface MaterializedProject {
  projectDir: string;
  dbPath: string;
  remove(): void;
}

export function materializeLaravelScenario(scenario: LaravelScenario): MaterializedProject {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `oracle-${scenario.name}-`));
  const projectDir = path.join(root, 'project');
  fs.cpSync(path.join(LARAVEL_ROOT, 'project-template'), projectDir, { recursive: true });
  fs.cpSync(path.join(LARAVEL_ROOT, 'scenarios', scenario.name), projectDir, {
    recursive: true,
    filter: (source) => path.basename(source) !== 'scenario.json',
  });
  const [major, minor] = scenario.framework.replace(/^v/, '').split('.');
  for (const file of ['composer.json', 'composer.lock']) {
    const target = path.join(projectDir, file);
    const text = fs
      .readFileSync(target, 'utf8')
      .replace('__FRAMEWORK_VERSION__', scenario.framework)
      .replace('__FRAMEWORK_CONSTRAINT__', `^${major}.${minor}`);
    fs.writeFileSync(target, text);
  }
  return {
    projectDir,
    dbPath: path.join(root, 'database.sqlite'),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
