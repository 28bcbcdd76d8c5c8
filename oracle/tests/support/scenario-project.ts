/**
 * Scenario projects: oracle/laravel/scenarios/<name>/ holds the handler, routes/web.php and
 * scenario.json; oracle/laravel/project-template/ the rest of a Laravel 11-style project (config,
 * bootstrap/app.php, composer.lock). Each run works on a fresh copy in a temp directory, so the
 * plugin's fixes can be written without touching the repository.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BearerLogoutOutcome, LogoutOutcome, LogoutRoute } from './laravel-logout-flow';

export const LARAVEL_ROOT = path.resolve(__dirname, '../../laravel');
const REPO_ROOT = path.resolve(__dirname, '../../..');

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
  /** laravel/framework version written to the template's composer.lock (what the linter is told). */
  framework?: string;
  /** A whole project to run instead of template + scenario files, relative to the repository root. */
  source?: string;
  /** Only findings in this file belong to the scenario (a `source` project has several handlers). */
  handlerFile?: string;
  logout: LogoutRoute;
  /** What the recommended config must report on the unfixed project. */
  findings: ExpectedFinding[];
  /** The outcome of the cookie (session) client on the unfixed handler; absent: no session client. */
  unfixed?: LogoutOutcome;
  /** Status a fixed handler answers with (default 200). */
  fixedLogoutStatus?: number;
  /** The same route called by a bearer-token client. */
  bearer?: { unfixed: BearerLogoutOutcome; fixed?: BearerLogoutOutcome };
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
  const dbPath = path.join(root, 'database.sqlite');
  const remove = () => fs.rmSync(root, { recursive: true, force: true });
  if (scenario.source) {
    fs.cpSync(path.join(REPO_ROOT, scenario.source), projectDir, {
      recursive: true,
      filter: (source) => !source.split(path.sep).includes('node_modules'),
    });
    return { projectDir, dbPath, remove };
  }
  fs.cpSync(path.join(LARAVEL_ROOT, 'project-template'), projectDir, { recursive: true });
  fs.cpSync(path.join(LARAVEL_ROOT, 'scenarios', scenario.name), projectDir, {
    recursive: true,
    filter: (source) => path.basename(source) !== 'scenario.json',
  });
  const framework = scenario.framework ?? 'v11.9.2';
  const [major, minor] = framework.replace(/^v/, '').split('.');
  for (const file of ['composer.json', 'composer.lock']) {
    const target = path.join(projectDir, file);
    const text = fs
      .readFileSync(target, 'utf8')
      .replace('__FRAMEWORK_VERSION__', framework)
      .replace('__FRAMEWORK_CONSTRAINT__', `^${major}.${minor}`);
    fs.writeFileSync(target, text);
  }
  return { projectDir, dbPath, remove };
}
