/**
 * Bounds a walk that follows references from file to file (route includes, call following): no
 * cycles along the current path, a maximum depth, and a maximum number of expansions in total, so
 * a file that includes another twice per level (2^depth walks) stops after `maxExpansions`.
 * One budget per walk; what was cut off is recorded so callers can name it.
 */
export class WalkBudget {
  expansions = 0;
  /** Why the walk was cut short, if it was (first reason only). */
  cutShort: string | undefined;

  constructor(
    readonly maxDepth: number,
    readonly maxExpansions: number,
  ) {}

  /** Whether `key` may be expanded below `path` (the keys already being expanded, outermost first). */
  enter(path: readonly string[], key: string): boolean {
    if (path.includes(key)) return false; // a cycle: nothing new below
    if (path.length >= this.maxDepth) {
      this.cutShort ??= `nesting deeper than ${this.maxDepth} at ${key}`;
      return false;
    }
    if (this.expansions >= this.maxExpansions) {
      this.cutShort ??= `more than ${this.maxExpansions} expansions`;
      return false;
    }
    this.expansions++;
    return true;
  }
}
