import type { PhpNode, PhpProgram } from '../../languages/php/php-ast';
import { nameOf } from './php-syntax';

/** A class, trait or enum declared in the file, with its methods by lower-cased name. */
export interface DeclaredClass {
  node: PhpNode;
  kind: 'class' | 'trait' | 'enum' | 'interface';
  /** Fully qualified name, without a leading backslash. */
  fqn: string;
  shortName: string;
  extends: string | null;
  implements: string[];
  /** Fully qualified names of traits the class uses. */
  traits: string[];
  methods: Map<string, PhpNode>;
}

const scopes = new WeakMap<PhpProgram, FileScope>();

/** The one FileScope of a parsed file, shared by the file's facts and the project's class index. */
export function fileScopeOf(program: PhpProgram): FileScope {
  let scope = scopes.get(program);
  if (!scope) {
    scope = new FileScope(program);
    scopes.set(program, scope);
  }
  return scope;
}

/** Name resolution for one PHP file: namespace, `use` imports and the classes it declares. */
export class FileScope {
  namespace = '';
  /** Lower-cased alias → fully qualified class name. */
  readonly uses = new Map<string, string>();
  readonly functionUses = new Map<string, string>();
  readonly classes: DeclaredClass[] = [];
  /** `use` statements in source order, for inserting a new import after the last one. */
  readonly useStatements: PhpNode[] = [];

  constructor(program: PhpProgram) {
    this.#collect(program.children);
  }

  /** Resolves a class name as written in this file to a fully qualified name. */
  resolveClass(written: string): string {
    if (written.startsWith('\\')) return written.slice(1);
    const [first, ...rest] = written.split('\\');
    const imported = this.uses.get(first!.toLowerCase());
    if (imported) return [imported, ...rest].join('\\');
    return this.namespace ? `${this.namespace}\\${written}` : written;
  }

  /** True when `written` refers to the class `fqn` in this file (through an import, an alias or its full name). */
  refersTo(written: string, fqn: string): boolean {
    return this.resolveClass(written).toLowerCase() === fqn.toLowerCase();
  }

  /** Whether a class with this short name is imported (any namespace), e.g. "Auth". */
  importedAs(fqn: string): string | undefined {
    for (const [alias, name] of this.uses) if (name.toLowerCase() === fqn.toLowerCase()) return alias;
    return undefined;
  }

  classOf(node: PhpNode, ancestors: readonly PhpNode[]): DeclaredClass | undefined {
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const found = this.classes.find((c) => c.node === ancestors[i]);
      if (found) return found;
    }
    return this.classes.find((c) => c.node === node);
  }

  #collect(children: PhpNode[]): void {
    for (const child of children) {
      switch (child.kind) {
        case 'namespace':
          this.namespace = String(child['name'] ?? '');
          this.#collect(child['children'] as PhpNode[]);
          break;
        case 'usegroup':
          this.useStatements.push(child);
          this.#collectUse(child);
          break;
        case 'class':
        case 'trait':
        case 'enum':
        case 'interface':
          this.#collectClass(child);
          break;
        case 'declare':
          this.#collect((child['children'] as PhpNode[]) ?? []);
          break;
        default:
          break;
      }
    }
  }

  #collectUse(group: PhpNode): void {
    const prefix = group['name'] ? `${String(group['name']).replace(/^\\/, '')}\\` : '';
    for (const item of (group['items'] as PhpNode[]) ?? []) {
      const full = `${prefix}${String(item['name']).replace(/^\\/, '')}`;
      const alias = nameOf(item['alias']) ?? full.split('\\').pop()!;
      const type = (item['type'] ?? group['type']) as string | null;
      (type === 'function' ? this.functionUses : this.uses).set(alias.toLowerCase(), full);
    }
  }

  #collectClass(node: PhpNode): void {
    const shortName = nameOf(node['name']) ?? '';
    const methods = new Map<string, PhpNode>();
    const traits: string[] = [];
    for (const member of (node['body'] as PhpNode[]) ?? []) {
      if (member.kind === 'method') methods.set((nameOf(member['name']) ?? '').toLowerCase(), member);
      if (member.kind === 'traituse') {
        for (const trait of (member['traits'] as PhpNode[]) ?? []) traits.push(this.resolveClass(String(trait['name'])));
      }
    }
    const ext = node['extends'] as PhpNode | PhpNode[] | null;
    const extendsName = ext && !Array.isArray(ext) ? this.resolveClass(String(ext['name'])) : null;
    const impl = (node['implements'] as PhpNode[] | null) ?? [];
    this.classes.push({
      node,
      kind: node.kind as DeclaredClass['kind'],
      fqn: this.namespace ? `${this.namespace}\\${shortName}` : shortName,
      shortName,
      extends: extendsName,
      implements: impl.map((n) => this.resolveClass(String(n['name']))),
      traits,
      methods,
    });
  }

  /** A method of the class or of a trait declared in this file that the class uses. */
  findMethod(cls: DeclaredClass, lowerName: string, seen = new Set<DeclaredClass>()): { owner: DeclaredClass; method: PhpNode } | undefined {
    if (seen.has(cls)) return undefined;
    seen.add(cls);
    const own = cls.methods.get(lowerName);
    if (own) return { owner: cls, method: own };
    for (const traitName of cls.traits) {
      const trait = this.classes.find((c) => c.fqn.toLowerCase() === traitName.toLowerCase());
      const found = trait && this.findMethod(trait, lowerName, seen);
      if (found) return found;
    }
    return undefined;
  }
}
