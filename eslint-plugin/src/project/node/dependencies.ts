import * as fs from 'node:fs';
import * as path from 'node:path';
import { admitFile, isInside, MAX_PROJECT_FILE_BYTES, readAdmitted, realPathOf, type FileAdmission } from '../file-admission';

/**
 * The other files a JS/TS result was computed from. An editor needs this to re-check an open
 * handler when its route module, a guard, package.json or the lock file changes, and the caches
 * below need it to know when a result is stale.
 */
export interface JsDependencies {
  /** Files whose text, existence or versions were read. */
  readonly files: ReadonlySet<string>;
  /**
   * Text searches over every source file of a project (`filesMentioning`): a file that starts
   * matching one (a new `app.use(require('../../facts/node/routes/session'))`) can change the result without
   * having been read for it. A file matches when its text matches every needle.
   */
  readonly searches: ReadonlyMap<string, TextSearch>;
}

export interface TextSearch {
  root: string;
  needles: readonly (string | RegExp)[];
}

class Recorder implements JsDependencies {
  readonly files = new Set<string>();
  readonly searches = new Map<string, TextSearch>();
}

/** Recorders of the computations under way (nested: a cached value recorded inside a lint). */
const active: Recorder[] = [];

/** Runs `compute` and returns, with its result, every file and search it (or a cache hit inside it) depended on. */
export function recordDependencies<T>(compute: () => T): { result: T; dependencies: JsDependencies } {
  const recorder = new Recorder();
  active.push(recorder);
  try {
    return { result: compute(), dependencies: recorder };
  } finally {
    active.splice(active.lastIndexOf(recorder), 1);
  }
}

export function noteFile(file: string): void {
  for (const recorder of active) recorder.files.add(file);
}

export function noteSearch(root: string, needles: readonly (string | RegExp)[]): void {
  if (active.length === 0) return;
  const key = `${root}\0${needles.map(String).join('\0')}`;
  for (const recorder of active) if (!recorder.searches.has(key)) recorder.searches.set(key, { root, needles });
}

function noteAll(dependencies: JsDependencies): void {
  for (const recorder of active) {
    for (const file of dependencies.files) recorder.files.add(file);
    for (const [key, search] of dependencies.searches) recorder.searches.set(key, search);
  }
}

/**
 * Editor buffers of other modules (unsaved text wins over the disk, as it does for the file
 * being linted), and the change log every cache checks. Nothing sets these outside an editor.
 */
const editorTexts = new Map<string, { text: string; stamp: string }>();
let editorStamps = 0;
/** Bumped by every change the editor reports; `changedAt` keeps the last bump per file. */
let epoch = 0;
const changedAt = new Map<string, number>();
/** Bumped when a file is created or deleted: source listings are re-read. */
let structure = 0;

/**
 * An open editor buffer's text for `file`, or `undefined` when the buffer is closed (the disk is
 * the truth again). Returns whether the text other files see changed: opening an unmodified file
 * or closing a saved one does not.
 */
export function setEditorText(file: string, text: string | undefined): boolean {
  const previous = editorTexts.get(file);
  if (text === undefined) {
    if (!previous) return false;
    editorTexts.delete(file);
  } else {
    if (previous?.text === text) return false;
    editorTexts.set(file, { text, stamp: `e${++editorStamps}` });
  }
  // The editor named this file: it is compared with the disk as the disk holds it (a regular file under the cap).
  const before = previous ? previous.text : readText(file, null);
  const after = text ?? readText(file, null);
  if (before === after) return false;
  changedAt.set(file, ++epoch);
  return true;
}

/** A file watcher saw `file` change on disk (created and deleted files change source listings too). */
export function fileChangedOnDisk(file: string, kind: 'created' | 'changed' | 'deleted'): void {
  changedAt.set(file, ++epoch);
  if (kind !== 'changed') structure++;
}

export function changeEpoch(): number {
  return epoch;
}

export function structureVersion(): number {
  return structure;
}

export function changedSince(file: string, since: number): boolean {
  return (changedAt.get(file) ?? 0) > since;
}

const MISSING = 'missing';

/** Changes whenever what `readText` would return may have changed (buffer edit, or mtime/size on disk). */
export function fileStamp(file: string): string {
  const editor = editorTexts.get(file);
  if (editor) return editor.stamp;
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? `d${stat.mtimeMs}:${stat.size}` : MISSING;
  } catch {
    return MISSING;
  }
}

export function fileExists(file: string): boolean {
  return editorTexts.has(file) || fileStamp(file) !== MISSING;
}

/** Whether something other than a directory is at `file` (a FIFO or a link to a device too: reading it is then refused, with the reason). */
export function entryExists(file: string): boolean {
  if (editorTexts.has(file)) return true;
  try {
    return !fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Real paths of project roots (a root reached through a symlink, /tmp on macOS). */
const realRoots = new Map<string, string>();

function realRootOf(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) realRoots.set(root, (real = realPathOf(root)));
  return real;
}

/**
 * Files that exist but were not read, by the real path of the project root they were asked for
 * from, with the reason (the shape the Laravel model keeps): outside the root once symlinks are
 * resolved, not a regular file, too large. An editor names them in its workspace-scan summary.
 */
const refusals = new Map<string, Map<string, string>>();
/** Refusals kept per root: a project listing thousands of links out must not grow without bound. */
const MAX_REFUSALS_PER_ROOT = 1000;

function noteAdmission(file: string, realRoot: string, admission: FileAdmission): void {
  let refused = refusals.get(realRoot);
  if (admission.ok || admission.reason === 'missing') {
    refused?.delete(file);
    return;
  }
  if (!refused) refusals.set(realRoot, (refused = new Map()));
  if (refused.size < MAX_REFUSALS_PER_ROOT || refused.has(file)) refused.set(file, admission.reason);
}

/**
 * Whether the project at `root` may read `file` (checked before reading): once symlinks are
 * resolved it lies inside the root, and on disk it is a regular file of at most `maxBytes` (a FIFO
 * blocks, a link to /dev/zero never ends). An editor's buffer of a file inside the root is
 * admitted as it is. Refusals are recorded (`refusedNodeFiles`).
 */
export function admitRead(file: string, root: string, maxBytes = MAX_PROJECT_FILE_BYTES): FileAdmission {
  const realRoot = realRootOf(root);
  const editor = editorTexts.get(file);
  const admission: FileAdmission = editor
    ? isInside(realPathOf(file), realRoot)
      ? { ok: true, stamp: editor.stamp }
      : { ok: false, reason: 'outside the project root' }
    : admitFile(file, { root: realRoot, maxBytes });
  noteAdmission(file, realRoot, admission);
  return admission;
}

/**
 * The text the project at `root` reads for `file`: the editor buffer's text, else the file on
 * disk; null when missing or refused (`admitRead`). `root` null is only for a file the editor
 * itself named (compared with its buffer): regular file and size are still checked.
 */
export function readText(file: string, root: string | null, maxBytes = MAX_PROJECT_FILE_BYTES): string | null {
  if (root === null) {
    const editor = editorTexts.get(file);
    if (editor) return editor.text;
    if (!admitFile(file, { maxBytes }).ok) return null;
  } else {
    if (!admitRead(file, root, maxBytes).ok) return null;
    const editor = editorTexts.get(file);
    if (editor) return editor.text;
  }
  return readAdmitted(file, maxBytes);
}

/**
 * Files the Node project model refused to read, with the reason, for the projects in and below
 * `dir` (a workspace folder) or around it (a folder inside a project).
 */
export function refusedNodeFiles(dir: string): { file: string; reason: string }[] {
  const real = realPathOf(dir);
  const found: { file: string; reason: string }[] = [];
  for (const [root, refused] of refusals) {
    if (!isInside(root, real) && !isInside(real, root)) continue;
    for (const [file, reason] of refused) found.push({ file, reason });
  }
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Texts of changed files, read once per change (searches test them against many results). */
const changedTexts = new Map<string, { epoch: number; text: string | null }>();

function changedText(file: string, root: string): string | null {
  const at = changedAt.get(file) ?? 0;
  // Per root: a file one project may read can lie outside another's.
  const key = `${root}\0${file}`;
  const cached = changedTexts.get(key);
  if (cached && cached.epoch === at && !editorTexts.has(file)) return cached.text;
  const text = readText(file, root);
  changedTexts.set(key, { epoch: at, text });
  return text;
}

/**
 * Whether a change to `file` can change a result with these dependencies: it was read, or it
 * lies in a searched project and now matches the search (a created or deleted file always may).
 */
export function dependsOn(dependencies: JsDependencies, file: string, createdOrDeleted = false): boolean {
  if (dependencies.files.has(file)) return true;
  let text: string | null | undefined;
  for (const { root, needles } of dependencies.searches.values()) {
    if (!file.startsWith(root + path.sep)) continue;
    if (createdOrDeleted) return true;
    text ??= changedText(file, root);
    if (text !== null && needles.every((needle) => (typeof needle === 'string' ? text!.includes(needle) : needle.test(text!)))) return true;
  }
  return false;
}

interface Entry<V> {
  value: V;
  dependencies: JsDependencies;
  stamps: [string, string][];
  /** The change epoch up to which the entry is known to be fresh. */
  epoch: number;
  generation: number;
}

/**
 * Values computed from other files of a project, kept until one of the files they read changes
 * (stamps: buffer edits and mtimes, so a lint run without an editor sees edits too) or a changed
 * file matches one of their searches. `subject` is the file the value is about: its own text
 * comes from the lint itself, so its edits do not drop the value.
 */
export class DependentCache<V> {
  readonly #owners = new WeakMap<object, Map<string, Entry<V>>>();

  /** `subject`: the file the value is about, whose own edits do not drop it (empty: none). */
  get(owner: { generation: number }, key: string, subject: string, compute: () => V): V {
    let entries = this.#owners.get(owner);
    if (!entries) this.#owners.set(owner, (entries = new Map()));
    const entry = entries.get(key);
    if (entry && this.#fresh(entry, owner.generation, subject)) {
      noteAll(entry.dependencies);
      return entry.value;
    }
    const started = epoch;
    // Whatever the computation reads is noted in the enclosing recorders as it happens.
    const { result, dependencies } = recordDependencies(compute);
    const stamps = [...dependencies.files].filter((file) => file !== subject).map((file): [string, string] => [file, fileStamp(file)]);
    entries.set(key, { value: result, dependencies, stamps, epoch: started, generation: owner.generation });
    return result;
  }

  /** Drops a value that must not be kept (it read the subject's unsaved text). */
  forget(owner: object, key: string): void {
    this.#owners.get(owner)?.delete(key);
  }

  #fresh(entry: Entry<V>, generation: number, subject: string): boolean {
    if (entry.generation !== generation) return false;
    for (const [file, stamp] of entry.stamps) if (fileStamp(file) !== stamp) return false;
    if (entry.epoch === epoch) return true;
    for (const [file, at] of changedAt) {
      if (at > entry.epoch && file !== subject && dependsOn(entry.dependencies, file)) return false;
    }
    entry.epoch = epoch;
    return true;
  }
}
