import { createHash } from 'node:crypto';
import { admitFile, readAdmitted, realPathOf } from './file-admission';
import { defaultPhpParseOptions, parsePhp } from '../languages/php/parse-php';
import type { PhpProgram } from '../languages/php/php-ast';

/** Characters of disk text kept of the files read only for what is derived from them, the most recently used (about a megabyte of PHP). */
export const KEPT_TEXT_CHARS = 1 << 20;

/** `SECURE_LOGOUT_KEPT_TEXT_CHARS=0` keeps only the last of those texts, for the test proving that results do not depend on it. */
function keptTextChars(): number {
  const set = process.env['SECURE_LOGOUT_KEPT_TEXT_CHARS'];
  return set === undefined ? KEPT_TEXT_CHARS : Number(set);
}

interface Entry {
  /** Stat signature of the disk version ("" for unsaved text). */
  stamp: string;
  /** The pass in which the stamp was last checked: within one pass a file is stat'ed once. */
  pass: number;
  /** The text; undefined when the file is missing; `DROPPED` once it left the kept texts (the hash stays). */
  text: string | undefined | typeof DROPPED;
  hash: string;
  /** Values derived from this exact text (parsed AST, extracted facts), by key. */
  derived: Map<string, unknown>;
}

const DROPPED = Symbol('dropped');

/**
 * The files the project model reads, cached by path and checked by mtime + size; anything
 * derived from a file (AST, facts) is cached with it and recomputed only when its content
 * hash changes. Unsaved editor text overrides the disk version. Texts of the files the model reads
 * as text stay in memory; of the files read only for what is derived from them (class outlines,
 * called names, token minting), the most recently used `KEPT_TEXT_CHARS`: a big app's class
 * files would outweigh the rest of the model, and are rarely needed again. `reads` counts disk
 * reads so tests can prove cache hits.
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
  /** Files the model reads as text (route, config, composer, kernel files): their texts stay. */
  readonly #readAsText = new Set<string>();
  /** Of the files read only for what is derived from them, those whose text is kept, least recently used first, and their total length. */
  readonly #kept = new Map<string, Entry>();
  #keptChars = 0;

  /** `keptTextChars`: default `KEPT_TEXT_CHARS`. */
  constructor(private readonly keptTextChars?: number) {}

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
    this.#readAsText.add(file);
    return this.#textOf(file, this.#entry(file)).text as string | undefined;
  }

  exists(file: string): boolean {
    return this.#entry(file).text !== undefined;
  }

  /** Whether `text` is the file's current text (compared by hash when the text is not kept). */
  hasText(file: string, text: string): boolean {
    const entry = this.#entry(file);
    if (entry.text === DROPPED) return entry.hash === hashOf(text);
    return entry.text === text;
  }

  /** Content hash of the current text ("missing" when absent). */
  hash(file: string): string {
    return this.#entry(file).hash;
  }

  /** A value computed from the file's text, cached until the text changes. */
  derived<T>(file: string, key: string, compute: (text: string | undefined) => T): T {
    let entry = this.#entry(file);
    if (entry.derived.has(key)) return entry.derived.get(key) as T;
    entry = this.#textOf(file, entry);
    const value = compute(entry.text as string | undefined);
    entry.derived.set(key, value);
    return value;
  }

  /** A value computed from other values derived from this content, not from its text: cached like `derived`, without reading a dropped text again. */
  derivedFromFacts<T>(file: string, key: string, compute: () => T): T {
    const entry = this.#entry(file);
    if (entry.derived.has(key)) return entry.derived.get(key) as T;
    const value = compute();
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

  /**
   * The entry with its text: a dropped text is read again. Should the file have changed all the
   * same, that is a new version, with nothing derived from it yet (same content: same facts).
   */
  #textOf(file: string, entry: Entry): Entry {
    if (entry.text === DROPPED) {
      const stamp = this.#stampOf(file);
      return this.#store(file, stamp, stamp === 'missing' ? undefined : this.#read(file), entry);
    }
    this.#keep(file, entry);
    return entry;
  }

  /**
   * Marks the entry's disk text as just used, and drops the least recently used ones over the
   * budget. Unsaved texts and the texts of files read as text are not counted: they stay.
   */
  #keep(file: string, entry: Entry): void {
    if (entry.stamp === '' || typeof entry.text !== 'string') return;
    const kept = this.#kept.get(file);
    if (this.#readAsText.has(file)) {
      if (kept) this.#untrack(file, kept);
      return;
    }
    if (kept === entry) {
      this.#kept.delete(file);
      this.#kept.set(file, entry);
      return;
    }
    if (kept) this.#drop(file, kept);
    this.#kept.set(file, entry);
    this.#keptChars += entry.text.length;
    const budget = this.keptTextChars ?? keptTextChars();
    for (const [oldest, old] of this.#kept) {
      if (this.#keptChars <= budget || old === entry) break;
      this.#drop(oldest, old);
    }
  }

  #drop(file: string, entry: Entry): void {
    this.#untrack(file, entry);
    entry.text = DROPPED;
  }

  #untrack(file: string, entry: Entry): void {
    this.#kept.delete(file);
    if (typeof entry.text === 'string') this.#keptChars -= entry.text.length;
  }

  /** A file `#stampOf` admitted, checked again on the open descriptor (a FIFO swapped in since is not read). */
  #read(file: string): string | undefined {
    const text = readAdmitted(file);
    if (text === null) return undefined;
    this.reads++;
    this.readsByPath.set(file, (this.readsByPath.get(file) ?? 0) + 1);
    return text;
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
    return this.#store(file, stamp, stamp === 'missing' ? undefined : this.#read(file), cached);
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
    const hash = text === undefined ? 'missing' : hashOf(text);
    // Same content under a new mtime (touch, git checkout): keep what was derived from it.
    const derived = previous && previous.hash === hash ? previous.derived : new Map<string, unknown>();
    const entry: Entry = { stamp, pass: this.#pass, text, hash, derived };
    const kept = this.#kept.get(file);
    if (kept) this.#untrack(file, kept);
    this.#entries.set(file, entry);
    this.#keep(file, entry);
    return entry;
  }
}

function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

