/**
 * Reads the array a Laravel `config/*.php` file returns, without running PHP: literals, `env()`
 * (with Laravel's 'true' / 'false' / 'null' / 'empty' conversions), `(int)` / `(bool)` / `(string)`
 * casts, string concatenation and the path helpers. Anything else is `undefined`: unknown, never
 * guessed.
 */
import { Engine } from 'php-parser';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { readProjectFile } from './project-file';

export type ConfigValue = string | number | boolean | null | undefined | ConfigArray;
export interface ConfigArray {
  [key: string]: ConfigValue;
}

export interface ConfigEnvironment {
  projectDir: string;
  env(name: string): string | undefined;
  /** Told about a config file that exists but could not be read, in one line. */
  warn?(message: string): void;
}

// The php-parser AST is loosely typed; these are the few fields read here.
interface Node {
  kind: string;
  [field: string]: unknown;
}

/**
 * How long parsing one config file may take. php-parser 3.7 never returns on some half-typed input
 * (a file ending in `#[` and whitespace); the plugin guards its own engine (parser-guard.ts), the
 * audit stops the parse instead: vm's timeout ends any synchronous JavaScript run inside it.
 */
export const CONFIG_PARSE_BUDGET_MS = 2_000;

/** A fresh engine per file: a parse stopped half-way leaves its engine in an unknown state. */
function parsePhp(code: string, file: string): Node {
  const engine = new Engine({ parser: { php8: true, suppressErrors: false, extractDoc: false }, ast: { withPositions: false } });
  return vm.runInNewContext('parse()', { parse: () => engine.parseCode(code, file) }, { timeout: CONFIG_PARSE_BUDGET_MS }) as Node;
}

function parseFailure(error: unknown): string {
  if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return `parsing did not finish within ${CONFIG_PARSE_BUDGET_MS / 1000} s`;
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

/** The returned array of `config/<name>.php`, or undefined when the file is absent or not an array. */
export function readConfigFile(name: string, environment: ConfigEnvironment): ConfigArray | undefined {
  const file = path.join(environment.projectDir, 'config', `${name}.php`);
  const unreadable = (reason: string) => environment.warn?.(`config/${name}.php could not be read (${reason}): the framework defaults stand in for it`);
  const read = readProjectFile(file);
  if ('missing' in read) return undefined;
  if ('refused' in read) {
    unreadable(read.refused);
    return undefined;
  }
  let program: Node;
  try {
    program = parsePhp(read.text, file);
  } catch (error) {
    unreadable(parseFailure(error));
    return undefined;
  }
  const statement = (program.children as Node[]).find((child) => child.kind === 'return');
  const value = statement?.expr ? evaluate(statement.expr as Node, environment) : undefined;
  return isConfigArray(value) ? value : undefined;
}

export function isConfigArray(value: ConfigValue): value is ConfigArray {
  return typeof value === 'object' && value !== null;
}

/** `env('X')` as Laravel's Env::get converts it. */
export function envValue(raw: string | undefined): ConfigValue {
  if (raw === undefined) return undefined;
  switch (raw.toLowerCase()) {
    case 'true':
    case '(true)':
      return true;
    case 'false':
    case '(false)':
      return false;
    case 'null':
    case '(null)':
      return null;
    case 'empty':
    case '(empty)':
      return '';
  }
  const quoted = /^"(.*)"$|^'(.*)'$/s.exec(raw);
  return quoted ? (quoted[1] ?? quoted[2]) : raw;
}

const PATH_HELPERS: Record<string, string> = {
  base_path: '',
  database_path: 'database',
  storage_path: 'storage',
  app_path: 'app',
  config_path: 'config',
  resource_path: 'resources',
};

function evaluate(node: Node, environment: ConfigEnvironment): ConfigValue {
  switch (node.kind) {
    case 'string':
    case 'nowdoc':
      return node.value as string;
    case 'number':
      return Number(node.value);
    case 'boolean':
      return node.value as boolean;
    case 'nullkeyword':
      return null;
    case 'array': {
      const result: ConfigArray = {};
      let index = 0;
      for (const item of node.items as Node[]) {
        if (item.kind !== 'entry' || item.unpack) continue;
        const key = item.key ? evaluate(item.key as Node, environment) : index++;
        if (typeof key === 'string' || typeof key === 'number') result[String(key)] = evaluate(item.value as Node, environment);
      }
      return result;
    }
    case 'cast': {
      const value = evaluate(node.expr as Node, environment);
      if (value === undefined) return undefined;
      if (node.type === 'int') return Number.parseInt(String(value), 10);
      if (node.type === 'bool') return Boolean(value);
      if (node.type === 'string') return String(value);
      return undefined;
    }
    case 'bin': {
      if (node.type !== '.') return undefined;
      const left = evaluate(node.left as Node, environment);
      const right = evaluate(node.right as Node, environment);
      return typeof left === 'string' && (typeof right === 'string' || typeof right === 'number') ? left + right : undefined;
    }
    case 'call':
      return evaluateCall(node, environment);
    default:
      return undefined;
  }
}

function evaluateCall(node: Node, environment: ConfigEnvironment): ConfigValue {
  const callee = node.what as Node;
  if (callee.kind !== 'name') return undefined;
  const name = String(callee.name).replace(/^\\/, '');
  const args = (node.arguments as Node[]).map((arg) => evaluate(arg, environment));
  if (name === 'env') {
    if (typeof args[0] !== 'string') return undefined;
    const value = envValue(environment.env(args[0]));
    return value === undefined ? args[1] : value;
  }
  if (name in PATH_HELPERS) {
    const relative = args[0] ?? '';
    if (typeof relative !== 'string') return undefined;
    return path.join(environment.projectDir, PATH_HELPERS[name]!, relative);
  }
  return undefined;
}
