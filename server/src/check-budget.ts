// Shared by both threads: the lint worker notes a check that took longer, the LSP thread names one
// still running past it (output channel and status item) and stops it when its document moved on.

/** A check slower than this is named in the output channel and the status item. */
export const CHECK_BUDGET_MS = 2_000;

/** What the status item says of a check that took longer than the budget. */
export function overBudgetNote(durationMs: number): string | undefined {
  return durationMs > CHECK_BUDGET_MS ? `the check took ${Math.round(durationMs)} ms (budget ${CHECK_BUDGET_MS} ms)` : undefined;
}
