import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { calleePath, objectProperty, stringValue, unwrap, walk } from '../../facts/node/ast';
import { moduleAt } from './modules';
import type { NodeProject } from './node-project';

export type AdonisGuardKind = 'session' | 'token' | 'unknown';

export interface AdonisAuthConfig {
  defaultGuard: string | null;
  guards: Map<string, AdonisGuardKind>;
  /** config/auth.ts could not be read: guard kinds are assumed from their names. */
  known: boolean;
}

const cache = new WeakMap<TSESTree.Program, AdonisAuthConfig>();

/** `config/auth.ts`: `defineConfig({ default: 'web', guards: { web: sessionGuard(...), api: tokensGuard(...) } })`. */
export function adonisAuthConfig(project: NodeProject): AdonisAuthConfig {
  const module = moduleAt(path.join(project.root, 'config', 'auth.ts'), project.root) ?? moduleAt(path.join(project.root, 'config', 'auth.js'), project.root);
  if (!module) return { defaultGuard: null, guards: new Map(), known: false };
  const cached = cache.get(module.program);
  if (cached) return cached;
  const config: AdonisAuthConfig = { defaultGuard: null, guards: new Map(), known: false };
  walk(module.program, (node) => {
    // AdonisJS 6: `defineConfig({ default, guards })`; AdonisJS 5: `const authConfig: AuthConfig = { guard, guards }`.
    const v5 = node.type === 'ObjectExpression' && objectProperty(node, 'guards') !== null && objectProperty(node, 'guard') !== null;
    if (!v5 && (node.type !== 'CallExpression' || calleePath(node)?.join('.') !== 'defineConfig')) return;
    const options = v5 ? node : (node as TSESTree.CallExpression).arguments[0];
    config.defaultGuard = stringValue(objectProperty(options, v5 ? 'guard' : 'default'));
    const guards = objectProperty(options, 'guards');
    if (guards && unwrap(guards).type === 'ObjectExpression') {
      config.known = true;
      for (const prop of (unwrap(guards) as TSESTree.ObjectExpression).properties) {
        if (prop.type !== 'Property') continue;
        const name = prop.key.type === 'Identifier' ? prop.key.name : stringValue(prop.key);
        const value = unwrap(prop.value);
        const factory = value.type === 'CallExpression' ? calleePath(value)?.join('.') ?? '' : stringValue(objectProperty(value, 'driver')) ?? '';
        if (name) config.guards.set(name, /session/i.test(factory) ? 'session' : /token|jwt|basic|^oat$|^api$/i.test(factory) ? 'token' : 'unknown');
      }
    }
    return false;
  });
  cache.set(module.program, config);
  return config;
}

export function adonisGuardKind(config: AdonisAuthConfig, name: string): AdonisGuardKind {
  const resolved = name === 'default' ? config.defaultGuard ?? 'web' : name;
  const known = config.guards.get(resolved);
  if (known) return known;
  // Without config, the starter kits' names: `web` is the session guard, `api` the token guard.
  return resolved === 'web' ? 'session' : resolved === 'api' ? 'token' : 'unknown';
}
