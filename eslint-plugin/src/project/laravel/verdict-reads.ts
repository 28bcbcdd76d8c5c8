import type { ProjectFiles } from '../project-files';
import type { AppReads, ClassIndex } from './class-index';

const TOKEN_MINTING = /->\s*createToken\s*\(/;

/**
 * Which app files each linted file's verdicts read (SPEC §2.3): a controller's logout is judged
 * through the service it calls, so editing the service must re-check the controller, and a lint
 * run must not judge it on a copy of the service older than the disk. Kept per linted file for
 * its last AST: the analyses of one AST (the logout and the route rules) add up.
 */
export class VerdictReads {
  readonly #byFile = new Map<string, { program: WeakRef<object>; reads: AppReads }>();

  constructor(
    private readonly index: () => ClassIndex,
    private readonly files: ProjectFiles,
  ) {}

  /** Runs an analysis of `file` (parsed as `program`), recording what it reads of the app. */
  analyse<T>(file: string, program: object, compute: () => T): T {
    const last = this.#byFile.get(file);
    if (last?.program.deref() !== program) {
      // A new lint of the file: what the last one read is checked against the disk again.
      for (const read of last?.reads.files ?? []) if (this.files.isStale(read)) this.files.recheck(read);
    }
    const { result, reads } = this.index().record(compute);
    // Most files of a lint run read nothing of the app: nothing to keep for them.
    if (!last && [...reads.files].every((read) => read === file) && reads.calledNames.size === 0 && !reads.tokenMinting) return result;
    const kept = last?.program.deref() === program ? last.reads : { files: new Set<string>(), calledNames: new Set<string>(), tokenMinting: false };
    for (const read of reads.files) if (read !== file) kept.files.add(read);
    for (const name of reads.calledNames) kept.calledNames.add(name);
    kept.tokenMinting ||= reads.tokenMinting;
    this.#byFile.set(file, { program: new WeakRef(program), reads: kept });
    return result;
  }

  /** What the last analysis of `file` read: other app files, caller searches, the token-minting search. */
  of(file: string): AppReads | undefined {
    return this.#byFile.get(file)?.reads;
  }

  /**
   * Linted files whose last verdicts may change now that `changed` has its current text: they
   * read it, or it now calls a method whose callers they searched, or mints tokens.
   */
  dependents(changed: string): string[] {
    const found: string[] = [];
    const php = changed.endsWith('.php');
    for (const [file, { reads }] of this.#byFile) {
      if (file === changed) continue;
      if (reads.files.has(changed)) found.push(file);
      else if (php && reads.calledNames.size > 0 && [...this.index().calledNames(changed)].some((name) => reads.calledNames.has(name))) found.push(file);
      else if (php && reads.tokenMinting && TOKEN_MINTING.test(this.files.text(changed) ?? '')) found.push(file);
    }
    return found;
  }
}
