import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside } from '../file-admission';
import { changeEpoch, changedSince, fileStamp, noteFile, noteSearch, readText, structureVersion } from './dependencies';
import { rangeFloor, parseVersion, compareVersions, formatVersion, type Version } from '../../facts/node/versions';

/** How sure we are of a dependency's version: the lock file's exact version, else the range's floor. */
export interface DependencyVersion {
  name: string;
  declared: string;
  version: Version | null;
  source: 'lock' | 'range' | 'unknown';
}

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  imports?: Record<string, unknown>;
}

const SOURCE_EXTENSIONS = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const NOT_SOURCE_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage', 'tests', 'test', '__tests__', 'out', 'tmp', 'public', 'vendor']);
const MAX_SOURCE_FILES = 3000;
/** Source listings are re-read after this long, so an editor session sees new files. */
const LISTING_TTL_MS = 10_000;

/**
 * One Node project: the directory of the nearest package.json. Everything here is read from
 * disk once and kept while the package.json is unchanged, so a lint run pays for it once.
 */
export class NodeProject {
  readonly #packageJson: PackageJson;
  readonly #lockVersions: Map<string, string>;
  #listing: { at: number; structure: number; files: string[] } | null = null;
  /**
   * File texts read for the current listing (dropped with it, so edits on disk are seen after the
   * TTL at the latest; at once when an editor reports them), with the change epoch of the read.
   */
  #texts = new Map<string, { text: string | null; epoch: number }>();
  /** Increases each time the listing is re-read: caches derived from file contents key on it. */
  generation = 0;

  constructor(
    readonly root: string,
    packageJson: PackageJson,
    lockVersions: Map<string, string>,
  ) {
    this.#packageJson = packageJson;
    this.#lockVersions = lockVersions;
  }

  /** A dependency declared in any dependency section, with its version as well as it is known. */
  dependency(name: string): DependencyVersion | null {
    const pkg = this.#packageJson;
    const declared = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name] ?? pkg.peerDependencies?.[name] ?? pkg.optionalDependencies?.[name];
    if (declared === undefined) return null;
    const locked = this.#lockVersions.get(name);
    const lockedVersion = locked ? parseVersion(locked) : null;
    if (lockedVersion) return { name, declared, version: lockedVersion, source: 'lock' };
    const floor = rangeFloor(declared);
    return { name, declared, version: floor, source: floor ? 'range' : 'unknown' };
  }

  has(name: string): boolean {
    return this.dependency(name) !== null;
  }

  /** The version the lock file installs, also for a package only another dependency pulls in (null when not locked). */
  lockedVersion(name: string): Version | null {
    const locked = this.#lockVersions.get(name);
    return locked ? parseVersion(locked) : null;
  }

  /** `true`/`false` when known, `null` when the package is declared without a readable version. */
  atLeast(name: string, minimum: Version): boolean | null {
    const dep = this.dependency(name);
    if (!dep?.version) return null;
    return compareVersions(dep.version, minimum) >= 0;
  }

  /** `passport 0.5.3` / `passport ^0.7.0` — how messages name the version they relied on. */
  describe(name: string): string {
    const dep = this.dependency(name);
    if (!dep) return `${name} (not declared)`;
    if (dep.source === 'lock' && dep.version) return `${name} ${formatVersion(dep.version)}`;
    return `${name} ${dep.declared}`;
  }

  /** package.json `imports` (`#controllers/*` → `./app/controllers/*.js`), used by AdonisJS apps. */
  resolveImportAlias(specifier: string): string | null {
    const imports = this.#packageJson.imports;
    if (!imports || !specifier.startsWith('#')) return null;
    for (const [pattern, target] of Object.entries(imports)) {
      const to = typeof target === 'string' ? target : typeof (target as { default?: unknown })?.default === 'string' ? ((target as { default: string }).default) : null;
      if (!to) continue;
      if (pattern.endsWith('*')) {
        const prefix = pattern.slice(0, -1);
        if (specifier.startsWith(prefix)) return path.resolve(this.root, to.replace('*', specifier.slice(prefix.length)));
      } else if (pattern === specifier) {
        return path.resolve(this.root, to);
      }
    }
    return null;
  }

  /** The project's own source files (no dependencies, build output or tests), capped for huge repos. */
  sourceFiles(): string[] {
    const now = Date.now();
    // A created or deleted file reported by an editor's watcher ends the listing at once.
    if (this.#listing && now - this.#listing.at < LISTING_TTL_MS && this.#listing.structure === structureVersion()) return this.#listing.files;
    const structure = structureVersion();
    const files: string[] = [];
    const walk = (dir: string): void => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (files.length >= MAX_SOURCE_FILES) return;
        if (entry.name.startsWith('.')) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          // A nested package.json is another project.
          if (!NOT_SOURCE_DIRS.has(entry.name) && !fs.existsSync(path.join(full, 'package.json'))) walk(full);
        } else if (SOURCE_EXTENSIONS.test(entry.name) && !entry.name.endsWith('.d.ts')) {
          files.push(full);
        }
      }
    };
    walk(this.root);
    files.sort();
    this.#listing = { at: now, structure, files };
    this.#texts = new Map();
    this.generation++;
    return files;
  }

  /** A source file's text (an editor's unsaved buffer first), read once per listing and change. */
  textOf(file: string): string | null {
    const cached = this.#texts.get(file);
    if (cached && !changedSince(file, cached.epoch)) return cached.text;
    const epoch = changeEpoch();
    const text = readText(file, this.root);
    this.#texts.set(file, { text, epoch });
    return text;
  }

  /**
   * Source files that can import `file`: their text names its stem (`session-controller`, or
   * the directory for an `index` file) and matches `also` when given (a route or `use()` call).
   * A plain text search, so only these few get parsed. `file` itself is always included.
   */
  filesMentioning(file: string, also?: RegExp): string[] {
    const base = path.basename(file).replace(/\.[^.]+$/, '');
    const stem = base === 'index' ? path.basename(path.dirname(file)) : base;
    noteSearch(this.root, also ? [stem, also] : [stem]);
    const found = this.sourceFiles().filter((f) => {
      if (f === file) return true;
      const text = this.textOf(f);
      return !!text && text.includes(stem) && (!also || also.test(text));
    });
    for (const f of found) if (f !== file) noteFile(f);
    return found;
  }

  /** The first source file whose text matches `pattern` (recorded as a search, so a file that starts matching is noticed). */
  firstFileMatching(pattern: RegExp): string | null {
    noteSearch(this.root, [pattern]);
    const found = this.sourceFiles().find((f) => pattern.test(this.textOf(f) ?? '')) ?? null;
    if (found) noteFile(found);
    return found;
  }
}

const projects = new Map<string, { stamps: string; project: NodeProject }>();
const LOCK_FILES = ['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml'];
const rootOfDir = new Map<string, string | null>();

/** The project owning `filename` (nearest package.json above it), or null outside any project. */
export function projectFor(filename: string): NodeProject | null {
  if (!path.isAbsolute(filename)) return null;
  const root = findRoot(path.dirname(filename));
  if (!root) return null;
  // Versions come from package.json and the lock file: a change to either is a new project.
  const files = [path.join(root, 'package.json'), ...LOCK_FILES.map((name) => path.join(root, name))];
  for (const file of files) noteFile(file);
  const stamps = files.map(fileStamp).join('|');
  const cached = projects.get(root);
  if (cached && cached.stamps === stamps) return cached.project;
  const manifest = readText(files[0]!, root);
  if (manifest === null) return null;
  const project = new NodeProject(root, manifestOf(manifest), readLockVersions(root));
  projects.set(root, { stamps, project });
  return project;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * package.json as far as it has the expected shape: `null`, an array, a non-string range or a
 * section that is not an object reads as absent (unknown version), never as a crash.
 */
function manifestOf(text: string): PackageJson {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  if (!isRecord(json)) return {};
  const manifest: Record<string, unknown> = { ...json };
  for (const section of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const) {
    const value = json[section];
    manifest[section] = isRecord(value) ? Object.fromEntries(Object.entries(value).filter(([, range]) => typeof range === 'string')) : undefined;
  }
  if (!isRecord(json['imports'])) delete manifest['imports'];
  return manifest as PackageJson;
}

/**
 * Workspace folders of an editor: the project of a file inside one is looked for up to the folder,
 * never above it, so the model reads nothing outside the folder (the CLI sets none: the linted
 * file's nearest package.json decides).
 */
const ceilings = new Set<string>();

/** An editor's workspace folder (the language server names the folder of each file it checks). */
export function stayInsideFolder(folder: string): void {
  const resolved = path.resolve(folder);
  if (ceilings.has(resolved)) return;
  ceilings.add(resolved);
  rootOfDir.clear();
}

/** `dir` is a workspace folder whose parent lies in none (nested folders count as one): the search stops there. */
function isCeiling(dir: string): boolean {
  if (!ceilings.has(dir)) return false;
  const parent = path.dirname(dir);
  for (const folder of ceilings) if (folder !== dir && parent !== dir && isInside(parent, folder)) return false;
  return true;
}

/** Whether a workspace folder holding `dir` left a package.json above it out of the search. */
export function projectAboveFolder(dir: string): boolean {
  let current = path.resolve(dir);
  while (!isCeiling(current)) {
    if (path.dirname(current) === current) return false;
    current = path.dirname(current);
  }
  for (let above = path.dirname(current); above !== current; current = above, above = path.dirname(above)) {
    if (fs.existsSync(path.join(above, 'package.json'))) return true;
  }
  return false;
}

/** The nearest folder at or above `dir` with a package.json, not above a workspace folder. */
export function findRoot(dir: string): string | null {
  const seen: string[] = [];
  let current = dir;
  for (;;) {
    const known = rootOfDir.get(current);
    if (known !== undefined) {
      for (const d of seen) rootOfDir.set(d, known);
      return known;
    }
    seen.push(current);
    if (fs.existsSync(path.join(current, 'package.json'))) {
      for (const d of seen) rootOfDir.set(d, current);
      return current;
    }
    const parent = path.dirname(current);
    if (parent === current || isCeiling(current)) {
      for (const d of seen) rootOfDir.set(d, null);
      return null;
    }
    current = parent;
  }
}

/**
 * Installed versions from the project's own lock file: package-lock.json (v1-v3), yarn.lock
 * (classic and berry) or pnpm-lock.yaml. A lock file further up belongs to another project (or
 * a workspace root whose hoisting we cannot attribute), so it is not read.
 */
function readLockVersions(root: string): Map<string, string> {
  const read = (name: string): string | null => readText(path.join(root, name), root);
  const npm = read('package-lock.json');
  if (npm !== null) return npmLockVersions(npm);
  const yarn = read('yarn.lock');
  if (yarn !== null) return yarnLockVersions(yarn);
  const pnpm = read('pnpm-lock.yaml');
  if (pnpm !== null) return pnpmLockVersions(pnpm);
  return new Map();
}

function npmLockVersions(text: string): Map<string, string> {
  const versions = new Map<string, string>();
  try {
    const lock = JSON.parse(text) as { packages?: Record<string, { version?: string }>; dependencies?: Record<string, { version?: string }> };
    for (const [key, value] of Object.entries(lock.packages ?? {})) {
      const name = key.startsWith('node_modules/') ? key.slice('node_modules/'.length) : null;
      // Only top-level installs: nested copies belong to other packages.
      if (name && !name.includes('/node_modules/') && typeof value?.version === 'string') versions.set(name, value.version);
    }
    for (const [name, value] of Object.entries(lock.dependencies ?? {})) {
      if (typeof value?.version === 'string' && !versions.has(name)) versions.set(name, value.version);
    }
  } catch {
    // An unreadable lock file leaves the package.json ranges to decide.
  }
  return versions;
}

/**
 * yarn.lock, classic (v1) and berry: `passport@^0.5.0, passport@^0.5.3:` / `"passport@npm:^0.7.0":`
 * entries with a `version`. Yarn's own parser reads both formats; a package locked at more than
 * one version has no single installed version, so its package.json range decides.
 */
function yarnLockVersions(text: string): Map<string, string> {
  // Loaded only for projects with a yarn.lock.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseSyml } = require('@yarnpkg/parsers') as typeof import('@yarnpkg/parsers');
  let entries: Record<string, unknown>;
  try {
    entries = parseSyml(text) as Record<string, unknown>;
  } catch {
    return new Map();
  }
  const seen = new Map<string, Set<string>>();
  for (const [key, entry] of Object.entries(entries)) {
    const version = (entry as { version?: unknown } | null)?.version;
    const at = key.indexOf('@', 1);
    if (key === '__metadata' || at < 0 || typeof version !== 'string') continue;
    addVersion(seen, key.slice(0, at), version);
  }
  return singleVersions(seen);
}

/**
 * pnpm-lock.yaml (v5, v6, v9): the project's own dependencies (`importers['.']`, or top-level
 * `dependencies` before v9) give their exact version; other packages (`packages` keys
 * `/passport/0.7.0`, `/passport@0.7.0`, `passport@0.7.0(peer@1.0.0)`) count when locked at one version.
 */
function pnpmLockVersions(text: string): Map<string, string> {
  // Loaded only for projects with a pnpm-lock.yaml.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  type Direct = Record<string, string | { version?: string }>;
  type PnpmLock = { packages?: Record<string, unknown>; importers?: Record<string, Record<string, Direct>> } & Record<string, Direct | undefined>;
  let lock: PnpmLock;
  try {
    lock = (YAML.parse(text) ?? {}) as PnpmLock;
  } catch {
    return new Map();
  }
  const seen = new Map<string, Set<string>>();
  for (const key of Object.keys(lock.packages ?? {})) {
    const match = /^\/?((?:@[^/@]+\/)?[^/@]+)[@/](\d+\.\d+\.\d+[^(/]*)/.exec(key);
    if (match) addVersion(seen, match[1]!, match[2]!);
  }
  const versions = singleVersions(seen);
  const own = lock.importers?.['.'] ?? lock;
  for (const section of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    for (const [name, value] of Object.entries((own[section] ?? {}) as Direct)) {
      const version = typeof value === 'string' ? value : value?.version;
      const exact = typeof version === 'string' ? /^\d+\.\d+\.\d+[^(]*/.exec(version)?.[0] : undefined;
      if (exact) versions.set(name, exact);
    }
  }
  return versions;
}

function addVersion(seen: Map<string, Set<string>>, name: string, version: string): void {
  const set = seen.get(name) ?? new Set<string>();
  set.add(version);
  seen.set(name, set);
}

function singleVersions(seen: Map<string, Set<string>>): Map<string, string> {
  const versions = new Map<string, string>();
  for (const [name, set] of seen) if (set.size === 1) versions.set(name, [...set][0]!);
  return versions;
}
