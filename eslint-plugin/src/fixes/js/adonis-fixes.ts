import type { TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from '../../facts/node/ast';
import { indentUnit, lineEnding, lineIndent, usesSemicolons, type TextEdit } from './text-edits';

/**
 * How an AdonisJS handler reaches the session: the destructured `session` of its HttpContext
 * (added to the destructuring when missing), or `ctx.session`.
 */
export function adonisSession(fn: FunctionNode): { expression: string; edits: TextEdit[] } | null {
  const param = fn.params[0];
  if (!param) return null;
  const pattern = param.type === 'AssignmentPattern' ? param.left : param;
  if (pattern.type === 'Identifier') return { expression: `${pattern.name}.session`, edits: [] };
  if (pattern.type !== 'ObjectPattern') return null;
  for (const prop of pattern.properties) {
    if (prop.type === 'Property' && !prop.computed && prop.key.type === 'Identifier' && prop.key.name === 'session') {
      return prop.value.type === 'Identifier' ? { expression: prop.value.name, edits: [] } : null;
    }
  }
  const last = pattern.properties[pattern.properties.length - 1];
  if (!last) return null;
  if (last.type === 'RestElement') return null;
  return { expression: 'session', edits: [{ range: [last.range[1], last.range[1]], text: ', session' }] };
}

/** Inserts `lines` (already without indentation) as statements right after `statement`. */
export function insertStatementsAfter(text: string, statement: TSESTree.Statement, lines: string[]): TextEdit {
  const eol = lineEnding(text);
  const indent = lineIndent(text, statement.range[0]);
  return { range: [statement.range[1], statement.range[1]], text: lines.map((l) => `${eol}${indent}${l}`).join('') };
}

/** `session.clear()` / `session.regenerate()` in the file's semicolon style. */
export function adonisSessionCalls(text: string, statement: TSESTree.Statement, session: string, methods: readonly ('clear' | 'regenerate')[]): string[] {
  const semi = usesSemicolons(text, statement) ? ';' : '';
  return methods.map((m) => `${session}.${m}()${semi}`);
}

/**
 * For a token-first route (`guards: ['api', 'web']`) whose handler only revokes the token: end
 * the session login too, when the request authenticated through the session guard.
 */
export function adonisSessionHalf(text: string, fn: FunctionNode, statement: TSESTree.Statement, auth: string, session: string, guard: string): TextEdit {
  const semi = usesSemicolons(text, statement) ? ';' : '';
  const eol = lineEnding(text);
  const indent = lineIndent(text, statement.range[0]);
  const unit = indentUnit(text, fn);
  const quote = text.includes("'") || !text.includes('"') ? "'" : '"';
  const body = [`await ${auth}.use(${quote}${guard}${quote}).logout()${semi}`, `${session}.clear()${semi}`, `${session}.regenerate()${semi}`];
  const block = [`if (${auth}.authenticatedViaGuard === ${quote}${guard}${quote}) {`, ...body.map((l) => `${unit}${l}`), '}'];
  return { range: [statement.range[1], statement.range[1]], text: `${eol}${eol}${block.map((l) => `${indent}${l}`).join(eol)}` };
}
