import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { propertyName, stringValue, unwrap, walk, type Node } from '../../facts/node/ast';
import { parseJs, parseWithEspree, parseWithTypescriptEstree } from '../../languages/js/js-parsers';
import { entryExists, fileStamp, noteFile, readText } from './dependencies';
import type { NodeProject } from './node-project';

export interface ParsedModule {
  file: string;
  text: string;
  program: TSESTree.Program;
}

export const MAX_MODULE_BYTES = 1_000_000;
/** Parsed modules, least recently used first; bounded so a long editor session does not keep every tree it ever read. */
const parsed = new Map<string, { stamp: string; module: ParsedModule | null }>();
const MAX_PARSED_MODULES = 500;

/**
 * Another module of the project at `root`, parsed without type information and cached while the
 * file is unchanged (routes, routers and guards live in other files than the handler). An
 * editor's unsaved buffer of the module wins over the disk. Null when the file is missing, does
 * not parse, or is refused: outside the root once symlinks are resolved, not a regular file, or
 * over the cap (`admitRead`; the refusal is recorded with its reason).
 */
export function moduleAt(file: string, root: string): ParsedModule | null {
  noteFile(file);
  const stamp = fileStamp(file);
  // Per root: a module one project may read can lie outside another's.
  const key = `${root}\0${file}`;
  const cached = parsed.get(key);
  parsed.delete(key);
  if (cached && cached.stamp === stamp) {
    parsed.set(key, cached);
    return cached.module;
  }
  const text = readText(file, root, MAX_MODULE_BYTES);
  const module = text === null ? null : fromText(file, text);
  parsed.set(key, { stamp, module });
  if (parsed.size > MAX_PARSED_MODULES) parsed.delete(parsed.keys().next().value!);
  return module;
}

export function fromText(file: string, text: string): ParsedModule | null {
  try {
    // The parser ESLint uses for the file (typescript-eslint, or espree for JS without it), loaded on the first module read.
    const result = parseJs<TSESTree.Program>(
      file,
      () => parseWithTypescriptEstree(text, file),
      (espree) => parseWithEspree(espree, text, { sourceType: file.endsWith('.cjs') ? 'commonjs' : 'module', forESLint: false }) as unknown as TSESTree.Program,
      (program) => program,
    );
    if (!('parsed' in result)) return null;
    const program = result.parsed;
    walk(program, () => undefined);
    return { file, text, program };
  } catch {
    return null;
  }
}

const RESOLVE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/**
 * Resolves a relative (or package.json `#alias`) import to a file; packages give null. The file
 * may lie outside the project (`'../../../etc/passwd'`) or be a FIFO: `moduleAt` refuses to read
 * it and records why, so the route that depends on it is named with the reason.
 */
export function resolveModule(fromFile: string, specifier: string, project: NodeProject | null): string | null {
  let base: string | null = null;
  if (specifier.startsWith('.')) base = path.resolve(path.dirname(fromFile), specifier);
  else if (specifier.startsWith('#') && project) base = project.resolveImportAlias(specifier);
  if (!base) return null;
  const candidates = [base];
  // TypeScript ESM imports name the emitted `.js` file.
  const ext = path.extname(base);
  if (ext === '.js' || ext === '.mjs' || ext === '.cjs' || ext === '.jsx') {
    const stem = base.slice(0, -ext.length);
    candidates.push(...RESOLVE_EXTENSIONS.map((e) => stem + e));
  }
  candidates.push(...RESOLVE_EXTENSIONS.map((e) => base + e), ...RESOLVE_EXTENSIONS.map((e) => path.join(base!, `index${e}`)));
  return candidates.find(entryExists) ?? null;
}

/** Where a name in a module comes from. */
export type Binding =
  | { kind: 'value'; node: Node }
  | { kind: 'import'; source: string; imported: string };

/** Top-level bindings of a module: declarations, `import`s and `require`s. Cached per program. */
const bindingCache = new WeakMap<TSESTree.Program, Map<string, Binding>>();

export function moduleBindings(program: TSESTree.Program): Map<string, Binding> {
  let bindings = bindingCache.get(program);
  if (bindings) return bindings;
  bindings = new Map();
  for (const statement of program.body) {
    const decl = statement.type === 'ExportNamedDeclaration' && statement.declaration ? statement.declaration : statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (decl.type === 'ImportDeclaration') {
      const source = String(decl.source.value);
      for (const spec of decl.specifiers) {
        const imported = spec.type === 'ImportDefaultSpecifier' ? 'default' : spec.type === 'ImportNamespaceSpecifier' ? '*' : spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
        bindings.set(spec.local.name, { kind: 'import', source, imported });
      }
    } else if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && decl.id) {
      bindings.set(decl.id.name, { kind: 'value', node: decl });
    } else if (decl.type === 'VariableDeclaration') {
      for (const declarator of decl.declarations) addDeclarator(bindings, declarator);
    }
  }
  bindingCache.set(program, bindings);
  return bindings;
}

function addDeclarator(bindings: Map<string, Binding>, declarator: TSESTree.VariableDeclarator): void {
  const init = declarator.init ? unwrap(declarator.init) : null;
  const required = init ? requireSource(init) : null;
  if (declarator.id.type === 'Identifier') {
    if (required) bindings.set(declarator.id.name, { kind: 'import', source: required.source, imported: required.member ?? '*' });
    else if (init) bindings.set(declarator.id.name, { kind: 'value', node: init });
  } else if (declarator.id.type === 'ObjectPattern' && required) {
    for (const prop of declarator.id.properties) {
      if (prop.type !== 'Property' || prop.key.type !== 'Identifier') continue;
      const local = prop.value.type === 'Identifier' ? prop.value.name : prop.value.type === 'AssignmentPattern' && prop.value.left.type === 'Identifier' ? prop.value.left.name : null;
      if (local) bindings.set(local, { kind: 'import', source: required.source, imported: prop.key.name });
    }
  }
}

/** `require('x')`, `require('x').y`, `() => import('x')` (AdonisJS lazy controllers). */
export function requireSource(node: Node): { source: string; member: string | null } | null {
  const n = unwrap(node);
  if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require') {
    const source = stringValue(n.arguments[0]);
    return source === null ? null : { source, member: null };
  }
  if (n.type === 'MemberExpression') {
    const inner = requireSource(n.object);
    const name = propertyName(n);
    return inner && inner.member === null && name ? { source: inner.source, member: name } : null;
  }
  if (n.type === 'ArrowFunctionExpression' && n.body.type === 'ImportExpression') {
    const source = stringValue(n.body.source);
    return source === null ? null : { source, member: 'default' };
  }
  return null;
}

/**
 * The value a module exports under `name` ('default' for `export default` / `module.exports = x`):
 * ES exports, `module.exports = { a, b }`, `module.exports.a = …`, `exports.a = …`.
 */
export function exportedValue(program: TSESTree.Program, name: string): Node | null {
  const bindings = moduleBindings(program);
  const local = (id: string): Node | null => {
    const binding = bindings.get(id);
    return binding?.kind === 'value' ? binding.node : null;
  };
  for (const statement of program.body) {
    if (statement.type === 'ExportDefaultDeclaration' && name === 'default') {
      const decl = statement.declaration;
      return decl.type === 'Identifier' ? local(decl.name) ?? decl : decl;
    }
    if (statement.type === 'ExportNamedDeclaration') {
      const decl = statement.declaration;
      if ((decl?.type === 'FunctionDeclaration' || decl?.type === 'ClassDeclaration') && decl.id?.name === name) return decl;
      if (decl?.type === 'VariableDeclaration') {
        for (const d of decl.declarations) if (d.id.type === 'Identifier' && d.id.name === name && d.init) return d.init;
      }
      for (const spec of statement.specifiers) {
        const exported = spec.exported.type === 'Identifier' ? spec.exported.name : String(spec.exported.value);
        if (exported === name && spec.local.type === 'Identifier') return local(spec.local.name);
      }
    }
    if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const { left, right } = statement.expression;
      const target = left.type === 'MemberExpression' ? memberNames(left) : null;
      if (!target) continue;
      const value = right.type === 'Identifier' ? local(right.name) ?? right : right;
      if (target.join('.') === 'module.exports') {
        if (name === 'default') return value;
        const prop = objectLiteralMember(value, name, local);
        if (prop) return prop;
      }
      if ((target.length === 3 && target[0] === 'module' && target[1] === 'exports' && target[2] === name) || (target.length === 2 && target[0] === 'exports' && target[1] === name)) return value;
    }
  }
  return null;
}

function memberNames(node: TSESTree.MemberExpression): string[] | null {
  const name = propertyName(node);
  if (name === null) return null;
  if (node.object.type === 'Identifier') return [node.object.name, name];
  if (node.object.type === 'MemberExpression') {
    const head = memberNames(node.object);
    return head ? [...head, name] : null;
  }
  return null;
}

function objectLiteralMember(value: Node, name: string, local: (id: string) => Node | null): Node | null {
  if (value.type !== 'ObjectExpression') return null;
  for (const prop of value.properties) {
    if (prop.type !== 'Property') continue;
    const key = prop.key.type === 'Identifier' ? prop.key.name : stringValue(prop.key);
    if (key !== name) continue;
    return prop.value.type === 'Identifier' ? local(prop.value.name) ?? prop.value : prop.value;
  }
  return null;
}
