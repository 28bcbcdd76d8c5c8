import * as path from 'node:path';
import type { ComposerJson } from '../../facts/laravel/config';
import { classSkeleton, withOriginalOffsets } from '../../facts/laravel/class-skeleton';
import { extractClassFacts, outlineClassFacts, type ClassFacts, type ControllerMiddleware } from '../../facts/laravel/middleware-controller';
import type { ProjectFiles } from '../project-files';

/** A routed class (controller, its traits and parents) by fully qualified name: its file and what routing needs of it. */
export type ClassLookup = (fqn: string) => { file: string; facts: ClassFacts } | undefined;

/** A class file's facts: from its text when it declares no middleware (most controllers), else from a parse. */
function classFactsOf(files: ProjectFiles, file: string): ClassFacts[] {
  return files.derived(file, 'classes', (text) => {
    if (text === undefined) return [];
    const outline = outlineClassFacts(text);
    if (outline) return outline;
    // Method bodies other than the constructor's and middleware()'s hold no class facts.
    const skeleton = classSkeleton(text);
    const program = files.parse(file, skeleton?.text ?? text);
    try {
      if (!program) return [];
      return skeleton ? withOriginalOffsets(extractClassFacts(program, file), skeleton) : extractClassFacts(program, file);
    } catch {
      // Half-typed code the extractor does not expect: the file contributes nothing.
      return [];
    }
  });
}

/** What the model uses of a class file, as a string: equal digests give equal routes. */
export function classDigest(files: ProjectFiles, file: string): string {
  return files.derivedFromFacts(file, 'class-digest', () => {
    const facts = classFactsOf(files, file);
    return JSON.stringify(facts.map((f) => ({ ...f, methods: [...f.methods] })));
  });
}

/**
 * One build's class lookup through composer.json PSR-4, cached per name for that build (a
 * class file edit starts a new one). Every file it looks at goes into `deps`, found or not:
 * creating a missing controller changes the routes.
 */
export function classLookup(root: string, files: ProjectFiles, composer: ComposerJson, deps: Set<string>): ClassLookup {
  const cache = new Map<string, { file: string; facts: ClassFacts } | undefined>();
  const find = (fqn: string): { file: string; facts: ClassFacts } | undefined => {
    const name = fqn.replace(/^\\/, '');
    for (const [prefix, dirs] of composer.psr4) {
      if (!name.toLowerCase().startsWith(prefix.toLowerCase())) continue;
      for (const dir of dirs) {
        const file = path.join(root, dir, `${name.slice(prefix.length).split('\\').join('/')}.php`);
        deps.add(file);
        const facts = classFactsOf(files, file).find((c) => c.fqn.toLowerCase() === name.toLowerCase());
        if (facts) return { file, facts };
      }
    }
    return undefined;
  };
  return (fqn) => {
    const key = fqn.toLowerCase();
    if (!cache.has(key)) cache.set(key, find(fqn));
    return cache.get(key);
  };
}

/** The class or trait that declares `method` for `className`: the class, its traits, then its parents. */
export function resolveMethod(className: string, method: string, classes: ClassLookup, depth = 0): { file: string; fqn: string } | undefined {
  if (depth > 8) return undefined;
  const found = classes(className);
  if (!found) return undefined;
  if (found.facts.methods.has(method)) return { file: found.file, fqn: found.facts.fqn };
  for (const trait of found.facts.traits) {
    const inTrait = resolveMethod(trait, method, classes, depth + 1);
    if (inTrait) return inTrait;
  }
  return found.facts.extends ? resolveMethod(found.facts.extends, method, classes, depth + 1) : undefined;
}

/** Constructor / HasMiddleware / attribute middleware of the routed class and the parents it inherits them from. */
export function controllerMiddleware(className: string, method: string, classes: ClassLookup): ControllerMiddleware[] {
  const result: ControllerMiddleware[] = [];
  let current = classes(className);
  let hasConstructor = false;
  let hasStaticMiddleware = false;
  for (let depth = 0; current && depth < 8; depth++) {
    const { facts } = current;
    for (const m of facts.middleware) {
      const via = m.ref.via ?? '';
      if (via === 'controller constructor' && hasConstructor) continue;
      if (via.startsWith('HasMiddleware') && hasStaticMiddleware) continue;
      if (via.includes(' on ') && !via.endsWith('the class') && !facts.methods.has(method)) continue;
      result.push(m);
    }
    hasConstructor ||= facts.methods.has('__construct');
    hasStaticMiddleware ||= facts.methods.has('middleware');
    current = facts.extends ? classes(facts.extends) : undefined;
  }
  return result;
}
