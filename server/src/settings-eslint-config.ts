// `settings['secure-logout']` as the workspace's ESLint config declares it, read from the config's
// text and never by running it (SPEC §5: the server executes no workspace code). A flat config is
// parsed and its literal values are evaluated: the blocks that apply to the file, merged in order
// as ESLint merges shared settings (objects deeply, arrays and other values replaced). A value the
// text does not spell out (a call, an import, a spread of another variable) is "unreadable": the
// caller says so instead of guessing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/types';
import { minimatch } from 'minimatch';

export const SETTINGS_KEY = 'secure-logout';

export type ConfigSettings =
  /** `value` undefined: the config declares no settings['secure-logout'] for the file. `line`: where the last declaring block sets it. */
  | { kind: 'read'; value: unknown; line?: number }
  | { kind: 'unreadable'; reason: string };

type Node = TSESTree.Node;
type Block = { node: TSESTree.ObjectExpression; value: unknown; line: number };

class NotLiteral extends Error {
  constructor(readonly node: Node) {
    super(`not a literal at line ${node.loc.start.line}`);
  }
}

/** Per config file, as last read (re-read when its modification time, size or inode changes). */
const parsed = new Map<string, { stamp: string; blocks: Block[] | ConfigSettings }>();

/** What the config file `configFile` sets as settings['secure-logout'] for `filePath`. */
export function settingsInEslintConfig(configFile: string, filePath: string): ConfigSettings {
  const name = path.basename(configFile);
  let cached = parsed.get(configFile);
  try {
    const stat = fs.statSync(configFile);
    const stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    if (!cached || cached.stamp !== stamp) {
      // A FIFO would block the read, a link to /dev/zero never end it: only regular files are read.
      const refusal = !stat.isFile() ? 'is not a regular file' : stat.size > MAX_CONFIG_BYTES ? `is over ${MAX_CONFIG_BYTES / 1_000_000} MB` : undefined;
      cached = { stamp, blocks: refusal ? { kind: 'unreadable', reason: `${name} ${refusal}` } : readConfig(name, fs.readFileSync(configFile, 'utf8')) };
      parsed.set(configFile, cached);
    }
  } catch (error) {
    return { kind: 'unreadable', reason: `${name} could not be read (${String(error)})` };
  }
  if (!Array.isArray(cached.blocks)) return cached.blocks;
  const relative = path.relative(path.dirname(configFile), filePath).split(path.sep).join('/');
  let value: unknown;
  let line: number | undefined;
  for (const block of cached.blocks) {
    const applies = appliesTo(block.node, relative);
    if (typeof applies === 'string') return { kind: 'unreadable', reason: `${name}:${block.node.loc.start.line}: ${applies}` };
    if (!applies) continue;
    value = value === undefined ? block.value : deepMerge(value, block.value);
    line = block.line;
  }
  return { kind: 'read', value, ...(line ? { line } : {}) };
}

/** A config file larger than this is not parsed (a hostile workspace must not stall every check). */
const MAX_CONFIG_BYTES = 1_000_000;

function readConfig(name: string, text: string): Block[] | ConfigSettings {
  try {
    return name === 'package.json' || name.startsWith('.eslintrc') ? legacySettings(name, text) : flatBlocks(name, text);
  } catch (error) {
    // Nesting deeper than the stack (a generated or hostile file).
    if (error instanceof RangeError) return { kind: 'unreadable', reason: `${name} is nested too deeply to read` };
    throw error;
  }
}

/** package.json `eslintConfig`, `.eslintrc.json`, a JSON `.eslintrc` (a legacy config's settings are data). */
function legacySettings(name: string, text: string): ConfigSettings {
  if (name !== 'package.json' && name !== '.eslintrc.json' && name !== '.eslintrc') return { kind: 'unreadable', reason: `${name} is not read (only JSON legacy configs are)` };
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const config = (name === 'package.json' ? json['eslintConfig'] : json) as { settings?: Record<string, unknown> } | undefined;
    return { kind: 'read', value: config?.settings?.[SETTINGS_KEY] };
  } catch {
    return { kind: 'unreadable', reason: `${name} is not valid JSON` };
  }
}

/** Every config block (object literal) that sets settings['secure-logout'], in source order, with its value. */
function flatBlocks(name: string, text: string): Block[] | ConfigSettings {
  let program: TSESTree.Program;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the worker loads the parser anyway; the LSP thread never imports this module
    const { parse } = require('@typescript-eslint/parser') as typeof import('@typescript-eslint/parser');
    program = parse(text, { sourceType: name.endsWith('.cjs') || name.endsWith('.cts') ? 'script' : 'module', ecmaVersion: 'latest', range: true, loc: true }) as TSESTree.Program;
  } catch (error) {
    return { kind: 'unreadable', reason: `${name} could not be parsed (${error instanceof Error ? error.message : String(error)})` };
  }
  const constants = topLevelConstants(program);
  const blocks: Block[] = [];
  /** 'secure-logout' keys whose object is a settings object (or `plugins`): the others are assembled by code. */
  const explained = new Set<Node>();
  const fail = (node: Node, why: string): ConfigSettings => ({ kind: 'unreadable', reason: `${name}:${node.loc.start.line}: ${why}` });
  // Pass 1: the `settings: {…}` of every block, in source order (a block's order in the exported array).
  for (const [node, parent] of walk(program)) {
    if (node.type !== 'Property' || keyName(node) !== 'settings' || parent?.type !== 'ObjectExpression') continue;
    const settings = resolve(node.value as Node, constants);
    if (settings?.type !== 'ObjectExpression') return fail(node, 'the settings are built by code, not written out');
    // `{ ...shared, 'secure-logout': {…} }`: the last one that sets the key wins (a spread copies shallowly).
    let own: TSESTree.Property | undefined;
    for (const member of settings.properties) {
      const from = member.type === 'SpreadElement' ? resolve(member.argument, constants) : undefined;
      if (member.type === 'SpreadElement' && from?.type !== 'ObjectExpression') return fail(member, 'the settings object spreads a value built by code');
      const candidate = from?.type === 'ObjectExpression' ? propertyNamed(from, SETTINGS_KEY) : member.type === 'Property' && keyName(member) === SETTINGS_KEY ? member : undefined;
      if (candidate) explained.add(candidate);
      own = candidate ?? own;
    }
    if (!own) continue;
    try {
      blocks.push({ node: parent, value: literal(own.value as Node, constants), line: own.loc.start.line });
    } catch (error) {
      return fail(error instanceof NotLiteral ? error.node : own, `settings['${SETTINGS_KEY}'] is computed, not written out`);
    }
  }
  // Pass 2: a 'secure-logout' key anywhere else but `plugins` (a variable merged into settings later) is not followed.
  for (const [node, parent, grandparent] of walk(program)) {
    if (node.type !== 'Property' || keyName(node) !== SETTINGS_KEY || explained.has(node)) continue;
    if (parent?.type === 'ObjectExpression' && grandparent?.type === 'Property' && keyName(grandparent) === 'plugins') continue;
    return fail(node, `settings['${SETTINGS_KEY}'] is assembled by code, not written out in a block's settings`);
  }
  return blocks;
}

function propertyNamed(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
  for (const property of object.properties) if (property.type === 'Property' && keyName(property) === key) return property;
  return undefined;
}

function keyName(property: TSESTree.Property): string | undefined {
  if (property.computed) return property.key.type === 'Literal' && typeof property.key.value === 'string' ? property.key.value : undefined;
  if (property.key.type === 'Identifier') return property.key.name;
  return property.key.type === 'Literal' ? String(property.key.value) : undefined;
}

/** `const NAME = <init>` at the top level (or in an `export const`). */
function topLevelConstants(program: TSESTree.Program): Map<string, Node> {
  const constants = new Map<string, Node>();
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type === 'Identifier' && declarator.init) constants.set(declarator.id.name, declarator.init);
    }
  }
  return constants;
}

function resolve(node: Node, constants: Map<string, Node>): Node | undefined {
  let current: Node | undefined = node;
  for (let depth = 0; current?.type === 'Identifier' && depth < 10; depth++) current = constants.get(current.name);
  while (current && (current.type === 'TSAsExpression' || current.type === 'TSSatisfiesExpression')) current = current.expression;
  return current;
}

/** The value of a JSON-like expression (objects, arrays, strings, numbers, booleans, null, constants of those). */
function literal(node: Node, constants: Map<string, Node>): unknown {
  const target = resolve(node, constants);
  if (!target) throw new NotLiteral(node);
  switch (target.type) {
    case 'Literal':
      if (target.value instanceof RegExp || typeof target.value === 'bigint') throw new NotLiteral(target);
      return target.value;
    case 'TemplateLiteral':
      if (target.expressions.length > 0) throw new NotLiteral(target);
      return target.quasis.map((q) => q.value.cooked).join('');
    case 'UnaryExpression':
      if (target.operator === '-' && target.argument.type === 'Literal' && typeof target.argument.value === 'number') return -target.argument.value;
      throw new NotLiteral(target);
    case 'ArrayExpression':
      return target.elements.map((element) => {
        if (!element || element.type === 'SpreadElement') throw new NotLiteral(element ?? target);
        return literal(element, constants);
      });
    case 'ObjectExpression': {
      const result: Record<string, unknown> = {};
      for (const property of target.properties) {
        if (property.type !== 'Property' || property.kind !== 'init' || property.method) throw new NotLiteral(property);
        const key = keyName(property);
        if (key === undefined) throw new NotLiteral(property);
        result[key] = literal(property.value as Node, constants);
      }
      return result;
    }
    default:
      throw new NotLiteral(target);
  }
}

/**
 * Whether a block applies to the file (path relative to the config's folder): no `files` = every
 * file; otherwise ESLint's glob match. A string says why it cannot be told.
 */
function appliesTo(block: TSESTree.ObjectExpression, relative: string): boolean | string {
  const patterns = (key: string): (string | string[])[] | undefined | string => {
    const property = propertyNamed(block, key);
    if (!property) return undefined;
    try {
      const value = literal(property.value as Node, new Map());
      if (Array.isArray(value) && value.every((v) => typeof v === 'string' || (Array.isArray(v) && v.every((w) => typeof w === 'string')))) return value as (string | string[])[];
    } catch {
      // falls through
    }
    return `the block's "${key}" is not a list of glob strings`;
  };
  if (block.properties.some((p) => p.type === 'Property' && keyName(p) === 'basePath')) return 'the block sets "basePath"';
  const files = patterns('files');
  const ignores = patterns('ignores');
  if (typeof files === 'string') return files;
  if (typeof ignores === 'string') return ignores;
  const matches = (pattern: string) => minimatch(relative, pattern, { dot: true });
  if (files && !files.some((pattern) => (Array.isArray(pattern) ? pattern.every(matches) : matches(pattern)))) return false;
  if (ignores && ignores.some((pattern) => typeof pattern === 'string' && matches(pattern))) return false;
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** ESLint's merge of shared settings: objects merged key by key, anything else replaced. */
function deepMerge(first: unknown, second: unknown): unknown {
  if (!isObject(first) || !isObject(second)) return second === undefined ? first : second;
  const result: Record<string, unknown> = { ...first };
  for (const [key, value] of Object.entries(second)) result[key] = deepMerge(first[key], value);
  return result;
}

/** Every node with its parent and grandparent, depth first in source order. */
function* walk(node: Node, parent?: Node, grandparent?: Node): Generator<[Node, Node | undefined, Node | undefined]> {
  yield [node, parent, grandparent];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    const items: unknown[] = Array.isArray(value) ? value : [value];
    for (const item of items) if (item && typeof item === 'object' && typeof (item as Node).type === 'string') yield* walk(item as Node, node, parent);
  }
}
