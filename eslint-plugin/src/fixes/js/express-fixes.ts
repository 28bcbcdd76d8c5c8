import type { TSESTree } from '@typescript-eslint/utils';
import { childNodes, isFunction, type FunctionNode, type Node } from '../../facts/node/ast';
import { followingStatements, indentMore, indentUnit, lineEnding, lineIndent, paramName, usesSemicolons, type TextEdit } from './text-edits';

/**
 * Fix text for Express handlers (passport, express-session, cookie-session). Every callback
 * fix nests the code that must wait — the response, a destroy — inside the callback; none
 * writes `logout(); destroy();` in sequence (that crashes with passport ≥ 0.6).
 */

interface ErrorHandling {
  /** `if (err) return next(err);` (or nothing when the handler has no way to pass errors on). */
  line: string | null;
  /** Adds `next` to `(req, res)` so the error line has something to call. */
  edits: TextEdit[];
}

function errorHandling(fn: FunctionNode, semi: string): ErrorHandling {
  const next = paramName(fn, 2);
  if (next) return { line: `if (err) return ${next}(err)${semi}`, edits: [] };
  const res = paramName(fn, 1);
  const typed = fn.params.some((p) => 'typeAnnotation' in p && !!p.typeAnnotation);
  if (fn.params.length === 2 && paramName(fn, 0) && res && !typed) {
    const last = fn.params[1]!;
    return { line: `if (err) return next(err)${semi}`, edits: [{ range: [last.range[1], last.range[1]], text: ', next' }] };
  }
  // Typed handlers would need a NextFunction import: answer the error with a 500 instead.
  if (res) return { line: `if (err) return ${res}.status(500).end()${semi}`, edits: [] };
  return { line: null, edits: [] };
}

/**
 * Whether statements can move into a callback: a `break`/`continue` aimed outside them or a
 * `yield` would no longer parse there; an `await` needs the callback to be `async`.
 */
export function movability(statements: readonly Node[]): { movable: boolean; needsAsync: boolean } {
  let movable = true;
  let needsAsync = false;
  const visit = (node: Node, insideLoop: boolean, insideSwitch: boolean): void => {
    if (!movable || isFunction(node)) return;
    if (node.type === 'YieldExpression') movable = false;
    if (node.type === 'AwaitExpression' || (node.type === 'ForOfStatement' && node.await)) needsAsync = true;
    if (node.type === 'ContinueStatement' && (node.label || !insideLoop)) movable = false;
    if (node.type === 'BreakStatement' && (node.label || !(insideLoop || insideSwitch))) movable = false;
    const loop = insideLoop || /^(For|ForIn|ForOf|While|DoWhile)Statement$/.test(node.type);
    const inSwitch = insideSwitch || node.type === 'SwitchStatement';
    for (const child of childNodes(node)) visit(child, loop, inSwitch);
  };
  for (const statement of statements) visit(statement, false, false);
  return { movable, needsAsync };
}

/**
 * Replaces `statement` and everything after it in its block by `<callHead>(err) => { …rest… })`,
 * so the rest runs once the asynchronous call has finished. With `keepStatement` the statement
 * stays and the new call wraps only what follows it (`req.logout(); req.session.regenerate(…)`).
 */
export function wrapRestInCallback(text: string, fn: FunctionNode, statement: TSESTree.Statement, callHead: string, keepStatement = false): TextEdit[] | null {
  const rest = followingStatements(statement);
  const { movable, needsAsync } = movability(rest);
  if (!movable) return null;
  const eol = lineEnding(text);
  const semi = usesSemicolons(text, statement) ? ';' : '';
  const base = lineIndent(text, statement.range[0]);
  const unit = indentUnit(text, fn);
  const errors = errorHandling(fn, semi);
  const lines = [`${callHead}${needsAsync ? 'async ' : ''}(err) => {`];
  if (errors.line) lines.push(`${base}${unit}${errors.line}`);
  if (rest.length > 0) {
    const moved = text.slice(rest[0]!.range[0], rest[rest.length - 1]!.range[1]).replace(/\r\n/g, '\n');
    lines.push(`${base}${unit}${indentMore(moved, unit)}`);
  }
  lines.push(`${base}})${semi}`);
  const replacement = lines.join('\n').replace(/\n/g, eol);
  const end = rest.length > 0 ? rest[rest.length - 1]!.range[1] : statement.range[1];
  if (!keepStatement) return [...errors.edits, { range: [statement.range[0], end], text: replacement }];
  if (rest.length === 0) return [...errors.edits, { range: [statement.range[1], statement.range[1]], text: `${eol}${base}${replacement}` }];
  return [...errors.edits, { range: [rest[0]!.range[0], end], text: replacement }];
}

/** The call text up to where a trailing callback argument goes: `req.logout(` or `req.logout(opts, `. */
export function callHeadWithoutCallback(text: string, call: TSESTree.CallExpression): string {
  const calleeText = text.slice(call.range[0], call.callee.range[1]);
  const args = call.arguments.map((a) => text.slice(a.range[0], a.range[1]));
  return `${calleeText}(${args.map((a) => `${a}, `).join('')}`;
}

/**
 * Moves `moved` (statements after the logout, outside its callback) into the callback body:
 * before the callback's first response when only a destroy moves (so the session is gone
 * before the answer), else at its end.
 */
export function moveIntoCallback(text: string, statement: TSESTree.Statement, callback: FunctionNode, moved: TSESTree.Statement[], isResponse: (s: Node) => boolean): TextEdit[] | null {
  if (callback.body.type !== 'BlockStatement' || moved.length === 0) return null;
  const { movable, needsAsync } = movability(moved);
  if (!movable) return null;
  const makeAsync: TextEdit[] = needsAsync && !callback.async ? [{ range: [callback.range[0], callback.range[0]], text: 'async ' }] : [];
  const eol = lineEnding(text);
  const body = callback.body;
  const inner = body.body.length > 0 ? lineIndent(text, body.body[0]!.range[0]) : lineIndent(text, statement.range[0]) + indentUnit(text, callback);
  const from = lineIndent(text, moved[0]!.range[0]);
  const extra = inner.startsWith(from) ? inner.slice(from.length) : '';
  const movedText = indentMore(text.slice(moved[0]!.range[0], moved[moved.length - 1]!.range[1]).replace(/\r\n/g, '\n'), extra).replace(/\n/g, eol);
  const removal: TextEdit = { range: [statement.range[1], moved[moved.length - 1]!.range[1]], text: '' };
  const movesResponse = moved.some(isResponse);
  const firstResponse = movesResponse ? undefined : body.body.find(isResponse);
  if (firstResponse) {
    return [...makeAsync, { range: [firstResponse.range[0], firstResponse.range[0]], text: `${movedText}${eol}${inner}` }, removal];
  }
  const last = body.body[body.body.length - 1];
  if (last) return [...makeAsync, { range: [last.range[1], last.range[1]], text: `${eol}${inner}${movedText}` }, removal];
  return [...makeAsync, { range: [body.range[0] + 1, body.range[0] + 1], text: `${eol}${inner}${movedText}${eol}${lineIndent(text, body.range[1] - 1)}` }, removal];
}

/** Removes `keepSessionInfo: true` (the whole options argument when it is the only property). */
export function removeKeepSessionInfo(call: TSESTree.CallExpression, options: TSESTree.ObjectExpression, property: TSESTree.Property): TextEdit[] {
  const index = call.arguments.indexOf(options);
  if (options.properties.length === 1) {
    const next = call.arguments[index + 1];
    return [{ range: [options.range[0], next ? next.range[0] : options.range[1]], text: '' }];
  }
  const props = options.properties;
  const at = props.indexOf(property as TSESTree.ObjectLiteralElement);
  const end = at < props.length - 1 ? props[at + 1]!.range[0] : property.range[1];
  const start = at < props.length - 1 ? property.range[0] : props[at - 1]!.range[1];
  return [{ range: [start, end], text: '' }];
}

/**
 * NestJS handlers return their response value, so the rest cannot move into a callback:
 * await the callback logout through a Promise instead (the method becomes async if needed).
 */
export function awaitCallbackLogout(text: string, fn: FunctionNode, statement: TSESTree.Statement, call: TSESTree.CallExpression, typescript: boolean): TextEdit[] {
  const semi = usesSemicolons(text, statement) ? ';' : '';
  const head = callHeadWithoutCallback(text, call);
  const promise = typescript ? 'new Promise<void>' : 'new Promise';
  const edits: TextEdit[] = [{ range: [statement.range[0], statement.range[1]], text: `await ${promise}((resolve, reject) => ${head}(err) => (err ? reject(err) : resolve())))${semi}` }];
  if (!fn.async) {
    const method = fn.parent;
    const at = method?.type === 'MethodDefinition' || method?.type === 'Property' ? method.key.range[0] : fn.range[0];
    edits.push({ range: [at, at], text: 'async ' });
  }
  return edits;
}
