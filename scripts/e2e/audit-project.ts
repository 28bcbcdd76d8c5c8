// Turns the e2e project copy into what "Secure Logout: Audit sessions" needs: a SQLite sessions
// table with real Laravel rows (the audit's committed sample from the runtime oracle), a .env that
// points the app at it, and the CLI installed as the app's own node_modules/.bin entry.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSqlite, rowsOf, runsIn, sample, staleIdsOf } from '../../audit/tests/support/sample';

export interface AuditProject {
  /** Session ids of the rows the audit must report as stale-user-id. */
  staleIds: string[];
  rows: number;
}

export function prepareAuditProject(project: string, repoDir: string): AuditProject {
  const runs = runsIn('php');
  const database = join(project, 'database', 'database.sqlite');
  mkdirSync(join(project, 'database'), { recursive: true });
  createSqlite(database, rowsOf(runs));
  // A lifetime far beyond the sample's age: no row is reported as expired.
  writeFileSync(
    join(project, '.env'),
    ['APP_KEY=' + sample.appKey, 'DB_CONNECTION=sqlite', `DB_DATABASE=${database}`, 'SESSION_DRIVER=database', 'SESSION_LIFETIME=100000000', ''].join('\n'),
  );
  mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(join(repoDir, 'audit', 'bin', 'secure-logout-audit.js'), join(project, 'node_modules', '.bin', 'secure-logout-audit'));
  return { staleIds: staleIdsOf(runs), rows: rowsOf(runs).length };
}
