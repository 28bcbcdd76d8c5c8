import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PhpNode, PhpProgram } from '../../languages/php/php-ast';
import { extractBindings, propertyTypes, type ContainerBinding } from '../../facts/laravel/class-members';
import { fileScopeOf, type DeclaredClass, type FileScope } from '../../facts/laravel/file-scope';
import { isInside, realPathOf } from '../file-admission';
import type { ProjectFiles } from '../project-files';

/** A class, trait or interface of the app, parsed. */
export interface ClassRecord {
  file: string;
  program: PhpProgram;
  scope: FileScope;
  cls: DeclaredClass;
}

/** A method found for a class: where it is declared (the class, one of its traits or parents). */
export interface MethodRecord extends ClassRecord {
  method: PhpNode;
}

/**
 * What an analysis read of the app beyond the linted file (SPEC §2.3: a verdict follows calls into
 * services, traits and parents): those files, the method names it searched callers of, and whether
 * it searched for token minting. A change to one of the files, or a file that starts calling one
 * of the names or minting tokens, can change the verdict.
 */
export interface AppReads {
  readonly files: Set<string>;
  readonly calledNames: Set<string>;
  tokenMinting: boolean;
}

/** Parsed files to use instead of the model's copy: the file being linted, so its nodes are the rule's nodes. */
export type ProgramOverrides = ReadonlyMap<string, PhpProgram>;

/** Traits of traits and parents of parents: deeper than real code, shallow enough for a hostile one. */
const MAX_HIERARCHY_DEPTH = 8;
/** App files listed for caller and token searches; a bigger app is searched in its first files only. */
const MAX_LISTED_FILES = 20_000;
const LISTING_MAX_AGE_MS = 2000;
const SKIPPED_DIRS = new Set(['vendor', 'node_modules', 'storage', 'tests', 'public', 'resources', 'cache', '.git', 'database', 'lang']);

/**
 * The app's classes by fully qualified name (composer.json PSR-4, never `vendor/`), their methods
 * through traits and parents, the classes their properties hold, and the container bindings of the
 * service providers. Files are read and parsed through the model's ProjectFiles (once per content).
 */
export class ClassIndex {
  #listing: { at: number; files: string[]; dirs: string[]; listed?: Set<string> } | undefined;
  #minting: { files: string[]; at: { file: string; line: number } | undefined } | undefined;
  #realRoot: string | undefined;
  /** Recorders of the analyses under way (nested calls record into every enclosing one). */
  readonly #recorders: AppReads[] = [];

  constructor(
    readonly root: string,
    private readonly files: ProjectFiles,
    private readonly psr4: () => [string, string[]][],
  ) {}

  program(file: string, overrides?: ProgramOverrides): PhpProgram | undefined {
    for (const reads of this.#recorders) reads.files.add(file);
    return overrides?.get(file) ?? this.files.program(file);
  }

  /** Runs `compute` and returns, with its result, what it read of the app through this index. */
  record<T>(compute: () => T): { result: T; reads: AppReads } {
    const reads: AppReads = { files: new Set(), calledNames: new Set(), tokenMinting: false };
    this.#recorders.push(reads);
    try {
      return { result: compute(), reads };
    } finally {
      this.#recorders.splice(this.#recorders.lastIndexOf(reads), 1);
    }
  }

  /** A search for the callers of methods named `name` (lower case): a file that starts calling it may be a new caller. */
  noteCallerSearch(name: string): void {
    for (const reads of this.#recorders) reads.calledNames.add(name);
  }

  /** Lower-cased names the file calls as methods (`->name(`, `::name(`), from its text: caller searches look here before asking for a program. */
  calledNames(file: string): ReadonlySet<string> {
    return this.files.derived(file, 'called-names', (text) => new Set(text === undefined ? [] : Array.from(text.matchAll(/(?:->|::)\s*([A-Za-z_]\w*)\s*\(/g), (m) => m[1]!.toLowerCase())));
  }

  /** The class, trait or interface `fqn`, or undefined when it is not app code (vendor, unknown, unreadable). */
  find(fqn: string, overrides?: ProgramOverrides): ClassRecord | undefined {
    const name = fqn.replace(/^\\/, '');
    for (const [prefix, dirs] of this.psr4()) {
      if (!name.toLowerCase().startsWith(prefix.toLowerCase())) continue;
      for (const dir of dirs) {
        const file = path.join(this.root, dir, `${name.slice(prefix.length).split('\\').join('/')}.php`);
        const program = this.program(file, overrides);
        if (!program) continue;
        const scope = fileScopeOf(program);
        const cls = scope.classes.find((c) => c.fqn.toLowerCase() === name.toLowerCase());
        if (cls) return { file, program, scope, cls };
      }
    }
    return undefined;
  }

  /** `method` of `fqn` as PHP finds it: the class itself, its traits (and theirs), then its parents. */
  findMethod(fqn: string, method: string, overrides?: ProgramOverrides, depth = 0, seen = new Set<string>()): MethodRecord | undefined {
    const key = fqn.toLowerCase();
    if (depth > MAX_HIERARCHY_DEPTH || seen.has(key)) return undefined;
    seen.add(key);
    const record = this.find(fqn, overrides);
    if (!record) return undefined;
    const own = record.cls.methods.get(method.toLowerCase());
    if (own) return { ...record, method: own };
    for (const trait of record.cls.traits) {
      const found = this.findMethod(trait, method, overrides, depth + 1, seen);
      if (found) return found;
    }
    return record.cls.extends ? this.findMethod(record.cls.extends, method, overrides, depth + 1, seen) : undefined;
  }

  /** The class `$this->property` holds in `fqn` (declared there, in a trait or in a parent). */
  propertyType(fqn: string, property: string, overrides?: ProgramOverrides, depth = 0, seen = new Set<string>()): string | undefined {
    const key = fqn.toLowerCase();
    if (depth > MAX_HIERARCHY_DEPTH || seen.has(key)) return undefined;
    seen.add(key);
    const record = this.find(fqn, overrides);
    if (!record) return undefined;
    const own = this.files.derivedFromFacts(record.file, `property-types:${key}`, () => propertyTypes(record.scope, record.cls)).get(property.toLowerCase());
    if (own) return own;
    for (const trait of record.cls.traits) {
      const found = this.propertyType(trait, property, overrides, depth + 1, seen);
      if (found) return found;
    }
    return record.cls.extends ? this.propertyType(record.cls.extends, property, overrides, depth + 1, seen) : undefined;
  }

  /** Whether `fqn` is `ancestor` or extends / implements / uses it (app classes only). */
  isA(fqn: string, ancestor: string, depth = 0): boolean {
    if (fqn.toLowerCase() === ancestor.toLowerCase()) return true;
    if (depth > MAX_HIERARCHY_DEPTH) return false;
    const record = this.find(fqn);
    if (!record) return false;
    return [record.cls.extends, ...record.cls.implements, ...record.cls.traits].some((parent) => !!parent && this.isA(parent, ancestor, depth + 1));
  }

  /**
   * The class the container builds for `abstract` inside `consumer`: a contextual binding, else a
   * global one, else `abstract` itself when it is an app class that is not an interface. Undefined
   * when that cannot be known (an unbound interface, two different bindings): never a guess.
   */
  concrete(abstract: string, consumer: string | undefined): string | undefined {
    const bindings = this.bindings().filter((b) => b.abstract.toLowerCase() === abstract.toLowerCase());
    const contextual = consumer ? bindings.filter((b) => b.when?.some((w) => w.toLowerCase() === consumer.toLowerCase())) : [];
    const global = bindings.filter((b) => !b.when);
    for (const candidates of [contextual, global]) {
      const concretes = new Set(candidates.map((b) => b.concrete.toLowerCase()));
      if (concretes.size === 1) return candidates[0]!.concrete;
      if (concretes.size > 1) return undefined;
    }
    const record = this.find(abstract);
    return record && record.cls.kind !== 'interface' ? record.cls.fqn : undefined;
  }

  /** Bindings declared in app/Providers/*.php (read as facts; a provider without a binding word is not parsed). */
  bindings(): ContainerBinding[] {
    const dir = path.join(this.root, 'app', 'Providers');
    return this.listDir(dir).flatMap((file) => {
      for (const reads of this.#recorders) reads.files.add(file);
      return this.files.derived(file, 'container-bindings', (text) => {
        if (!text || !/bind|singleton|scoped|needs/i.test(text)) return [];
        const program = this.files.program(file);
        try {
          return program ? extractBindings(program, fileScopeOf(program), file) : [];
        } catch {
          return [];
        }
      });
    });
  }

  /**
   * Where the app mints personal access tokens (`->createToken(`, first occurrence), or undefined:
   * then no route is a cookie-and-token route (SPEC §2.4). Re-read with the file listing.
   */
  tokenMinting(): { file: string; line: number } | undefined {
    for (const reads of this.#recorders) reads.tokenMinting = true;
    const files = this.phpFiles();
    if (this.#minting?.files === files) return this.#minting.at;
    let at: { file: string; line: number } | undefined;
    for (const file of files) {
      // Per file content, like the called names: a listing two seconds later reads nothing again.
      const line = this.files.derived(file, 'token-minting', (text) => {
        const index = text ? text.search(/->\s*createToken\s*\(/) : -1;
        return index >= 0 ? text!.slice(0, index).split('\n').length : undefined;
      });
      if (line !== undefined) {
        at = { file, line };
        break;
      }
    }
    this.#minting = { files, at };
    return at;
  }

  /** The app's PHP files (PSR-4 directories and routes/), re-listed at most every two seconds. */
  phpFiles(): string[] {
    const now = Date.now();
    if (this.#listing && now - this.#listing.at < LISTING_MAX_AGE_MS) return this.#listing.files;
    const files: string[] = [];
    const dirs = new Set([...this.psr4().flatMap(([, list]) => list.map((d) => path.join(this.root, d))), path.join(this.root, 'routes')].filter((dir) => this.#admitDir(dir)));
    for (const dir of dirs) this.#walk(dir, files, 0);
    this.#listing = { at: now, files, dirs: [...dirs].map((dir) => path.resolve(dir)) };
    return files;
  }

  /**
   * An editor reported a change: a PHP file created in, or deleted from, the listed folders lists
   * them again at once (a new caller must be found by the re-check it causes, not two seconds later).
   */
  fileChanged(file: string): void {
    const listing = this.#listing;
    if (!listing || !file.endsWith('.php') || !listing.dirs.some((dir) => file.startsWith(dir + path.sep))) return;
    listing.listed ??= new Set(listing.files);
    if (listing.listed.has(file) !== this.files.exists(file)) this.#listing = undefined;
  }

  listDir(dir: string): string[] {
    if (!this.#admitDir(dir)) return [];
    try {
      return fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.php'))
        .map((entry) => path.join(dir, entry.name));
    } catch {
      return [];
    }
  }

  /**
   * Whether a folder may be listed: inside the root once symlinks are resolved. A PSR-4 directory
   * of `../` or one through a link to `/` would otherwise list (and walk) folders outside the app;
   * refused ones are named like refused files. (Links below a listed folder are not followed.)
   */
  #admitDir(dir: string): boolean {
    const real = realPathOf(dir);
    if (isInside(real, (this.#realRoot ??= realPathOf(this.root)))) return true;
    if (fs.existsSync(real)) this.files.refused.set(dir, 'outside the project root');
    return false;
  }

  #walk(dir: string, out: string[], depth: number): void {
    if (depth > 12 || out.length >= MAX_LISTED_FILES) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (out.length >= MAX_LISTED_FILES) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) this.#walk(full, out, depth + 1);
      else if (entry.isFile() && entry.name.endsWith('.php') && !entry.name.endsWith('.blade.php')) out.push(full);
    }
  }
}
