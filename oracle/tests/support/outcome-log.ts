/**
 * With ORACLE_OUTCOMES=<file>, every measured outcome is appended as one JSON line, so the table of
 * scenarios and outcomes in the README comes from a run rather than from memory.
 */
import * as fs from 'node:fs';

export function recordOutcome(stack: string, scenario: string, variant: 'unfixed' | 'fixed', outcome: object, applied: string[] = []): void {
  const file = process.env.ORACLE_OUTCOMES;
  if (!file) return;
  fs.appendFileSync(file, `${JSON.stringify({ stack, scenario, variant, outcome, applied })}\n`);
}
