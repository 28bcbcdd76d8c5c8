import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { admitFile, realPathOf } from './file-admission';
import { defaultPhpParseOptions, parsePhp } from '../languages/php/parse-php';
import type { PhpProgram } from '../languages/php/php-ast';

interface Entry {
  /** Stat signature of the disk version ("" for unsaved text). */
  stamp: string;
  /** The pass in which the stamp was last checked: within one pass a file is stat'ed once. */
  pass: number;
  text: string | undefined;
  hash: string;
  /** Values derived from this exact text (parsed AST, extracted facts), by key. */
  derived: Map<string, unknown>;
}

/**
 * The files the project model reads, cached by path and checked by mtime + size; anything
 * derived from a file (AST, facts) is cached with it and recomputed only when its content
 * hash changes. Unsaved editor text overrides the disk version. `reads` counts disk reads so
 * tests can prove cache hits.
 */
export class ProjectFiles {
  reads = 0;
  readonly readsByPath = new Map<string, number>();
  parses = 0;
  readonly #entries = new Map<string, Entry>();
  #pass = 0;
  /** Real path of the project root; files outside it are never read. */
  #root: string | undefined;
  /** Files that exist but were not read, with the reason (special file, too large, outside the root). */
  readonly refused = new Map<string, string>();

  /** Reads nothing outside `root` from now on (symlinks resolved). */
  confineTo(root: string): void {
    this.#root = realPathOf(root);
  }

  /** Starts a new pass (one model build): files are checked against the disk again, once each. */
  beginPass(): void {
    this.#pass++;
  }
  readonly #overrides = new Map<string, string>();

  /** Makes the next access to this file check the disk again, even within the current pass. */
  recheck(file: string): void {
    const entry = this.#entries.get(file);
    if (entry) entry.pass = -1;
  }

  /** The unsaved text set for a file, if any. */
  overrideOf(file: string): string | undefined {
    return this.#overrides.get(file);
  }

  /** Sets (or with undefined, clears) the unsaved text of a file. */
  setOverride(file: string, text: string | undefined): void {
    if (text === undefined) this.#overrides.delete(file);
    else this.#overrides.set(file, text);
  }

  /** Text of the file (unsaved text first), or undefined when it does not exist. */
  text(file: string): string | undefined {
    return this.#entry(file).text;
  }

  exists(file: string): boolean {
    return this.#entry(file).text !== undefined;
  }

  /** Content hash of the current text ("missing" when absent). */
  hash(file: string): string {
    return this.#entry(file).hash;
  }

  /** A value computed from the file's text, cached until the text changes. */
  derived<T>(file: string, key: string, compute: (text: string | undefined) => T): T {
    const entry = this.#entry(file);
    if (entry.derived.has(key)) return entry.derived.get(key) as T;
    const value = compute(entry.text);
    entry.derived.set(key, value);
    return value;
  }

  /** The file parsed without the logout/session prefilter (route, config and kernel files need every statement); cached. */
  program(file: string): PhpProgram | undefined {
    return this.derived(file, 'program', (text) => this.parse(file, text));
  }

  /**
   * Facts extracted from a fresh parse, cached without keeping the AST: controllers and route
   * files are only needed as facts, and a thousand retained ASTs cost more in GC than they save.
   */
  facts<T>(file: string, key: string, extract: (program: PhpProgram) => T, empty: T): T {
    return this.derived(file, key, (text) => {
      const program = this.parse(file, text);
      if (!program) return empty;
      try {
        return extract(program);
      } catch {
        // Half-typed code can leave shapes an extractor does not expect: such a file contributes nothing.
        return empty;
      }
    });
  }

  parse(file: string, text: string | undefined): PhpProgram | undefined {
    if (text === undefined) return undefined;
    this.parses++;
    return parsePhp(text, file, { ...defaultPhpParseOptions, prefilter: false });
  }

  /** Whether the file changed on disk (or its unsaved text changed) since it was last read. */
  isStale(file: string): boolean {
    const entry = this.#entries.get(file);
    if (!entry) return true;
    const override = this.#overrides.get(file);
    if (override !== undefined) return entry.stamp !== '' || entry.text !== override;
    return entry.stamp !== this.#stampOf(file);
  }

  #entry(file: string): Entry {
    const override = this.#overrides.get(file);
    const cached = this.#entries.get(file);
    if (override !== undefined) {
      if (cached && cached.stamp === '' && cached.text === override) return cached;
      return this.#store(file, '', override, cached);
    }
    if (cached && cached.stamp !== '' && cached.pass === this.#pass) return cached;
    const stamp = this.#stampOf(file);
    if (cached && cached.stamp === stamp) {
      cached.pass = this.#pass;
      return cached;
    }
    let text: string | undefined;
    if (stamp !== 'missing') {
      try {
        text = fs.readFileSync(file, 'utf8');
        this.reads++;
        this.readsByPath.set(file, (this.readsByPath.get(file) ?? 0) + 1);
      } catch {
        text = undefined;
      }
    }
    return this.#store(file, stamp, text, cached);
  }

  /** mtime + size of a file the model may read, else 'missing' (refusals are remembered with their reason). */
  #stampOf(file: string): string {
    const admission = admitFile(file, { root: this.#root });
    if (admission.ok) {
      this.refused.delete(file);
      return admission.stamp;
    }
    if (admission.reason === 'missing') this.refused.delete(file);
    else this.refused.set(file, admission.reason);
    return 'missing';
  }

  #store(file: string, stamp: string, text: string | undefined, previous: Entry | undefined): Entry {
    const hash = text === undefined ? 'missing' : createHash('sha1').update(text).digest('hex');
    // Same content under a new mtime (touch, git checkout): keep what was derived from it.
    const derived = previous && previous.hash === hash ? previous.derived : new Map<string, unknown>();
    const entry: Entry = { stamp, pass: this.#pass, text, hash, derived };
    this.#entries.set(file, entry);
    return entry;
  }
}

