import type { TSESTree } from '@typescript-eslint/utils';
import { emptyFlow, seq, type Flow, type FlowEvent } from '../../evaluate/flow';
import { childNodes, isFunction, memberPath, unwrap, type FunctionNode, type Node } from './ast';

/** Recognises the session events of one framework at a call, assignment or `delete`. */
export type EventClassifier = (node: Node) => FlowEvent<Node> | null;

/**
 * Builds the framework-neutral Flow (evaluate/flow.ts) of a JS handler body. Callbacks passed
 * to a call run after it (`req.session.regenerate(cb)`), modelled as a scope that follows the
 * call: their own `return`s end the callback, not the handler.
 */
export function handlerFlow(fn: FunctionNode, classify: EventClassifier): Flow<Node> {
  if (fn.body.type !== 'BlockStatement') return expressionFlow(fn.body, classify);
  return statementsFlow(fn.body.body, classify);
}

function statementsFlow(statements: readonly TSESTree.Statement[], classify: EventClassifier): Flow<Node> {
  return seq(statements.map((s) => statementFlow(s, classify)));
}

function statementFlow(statement: TSESTree.Statement, classify: EventClassifier): Flow<Node> {
  switch (statement.type) {
    case 'BlockStatement':
      return statementsFlow(statement.body, classify);
    case 'ExpressionStatement':
      return expressionFlow(statement.expression, classify);
    case 'IfStatement': {
      const arms = [statementFlow(statement.consequent, classify), statement.alternate ? statementFlow(statement.alternate, classify) : emptyFlow];
      // `if (req.session) { … }`: the other arm has no session to end (SPEC §3, decided 2026-12-04).
      const present = sessionPresenceTest(statement.test);
      if (present !== null) arms[present ? 1 : 0] = seq([NO_SESSION, arms[present ? 1 : 0]!]);
      return seq([expressionFlow(statement.test, classify), { type: 'branch', arms }]);
    }
    case 'ReturnStatement':
      return seq([statement.argument ? expressionFlow(statement.argument, classify) : emptyFlow, { type: 'exit', kind: 'return', node: statement }]);
    case 'ThrowStatement':
      return seq([expressionFlow(statement.argument, classify), { type: 'exit', kind: 'throw', node: statement }]);
    case 'TryStatement':
      return {
        type: 'try',
        body: statementFlow(statement.block, classify),
        catches: statement.handler ? [statementFlow(statement.handler.body, classify)] : [],
        finally: statement.finalizer ? statementFlow(statement.finalizer, classify) : null,
      };
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
      return { type: 'loop', body: statementFlow(statement.body, classify) };
    case 'SwitchStatement':
      return seq([
        expressionFlow(statement.discriminant, classify),
        { type: 'branch', arms: [...statement.cases.map((c) => statementsFlow(c.consequent, classify)), ...(statement.cases.some((c) => c.test === null) ? [] : [emptyFlow])] },
      ]);
    case 'LabeledStatement':
      return statementFlow(statement.body, classify);
    case 'VariableDeclaration':
      return seq(statement.declarations.map((d) => (d.init ? expressionFlow(d.init, classify) : emptyFlow)));
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
      return emptyFlow;
    default:
      return emptyFlow;
  }
}

const NO_SESSION: Flow<Node> = { type: 'event', event: { type: 'no-session' } };

/**
 * Whether an `if` test checks that the request has a session: true for `req.session`
 * (`req.session != null`, `!!req.session`), false for its negation, null for anything else.
 */
export function sessionPresenceTest(test: Node): boolean | null {
  const n = unwrap(test);
  if (n.type === 'UnaryExpression' && n.operator === '!') {
    const inner = sessionPresenceTest(n.argument);
    return inner === null ? null : !inner;
  }
  if (n.type === 'BinaryExpression' && ['!=', '!==', '==', '==='].includes(n.operator)) {
    const other = isSessionObject(n.left) ? unwrap(n.right) : isSessionObject(n.right) ? unwrap(n.left) : null;
    const nullish = !!other && ((other.type === 'Literal' && other.value === null) || (other.type === 'Identifier' && other.name === 'undefined'));
    return nullish ? n.operator.startsWith('!') : null;
  }
  return isSessionObject(n) ? true : null;
}

/** `req.session` (also `req?.session`). */
function isSessionObject(node: Node): boolean {
  const path = memberPath(node);
  return path?.length === 2 && path[1] === 'session';
}

/** Events of an expression in evaluation order; conditional parts become branches. */
function expressionFlow(node: Node, classify: EventClassifier): Flow<Node> {
  if (isFunction(node)) return emptyFlow;
  if (node.type === 'ConditionalExpression') {
    return seq([expressionFlow(node.test, classify), { type: 'branch', arms: [expressionFlow(node.consequent, classify), expressionFlow(node.alternate, classify)] }]);
  }
  if (node.type === 'LogicalExpression') {
    // `req.session && req.session.destroy(cb)`: the short-circuit has no session to end.
    const skipped = node.operator === '&&' && sessionPresenceTest(node.left) === true ? NO_SESSION : emptyFlow;
    return seq([expressionFlow(node.left, classify), { type: 'branch', arms: [expressionFlow(node.right, classify), skipped] }]);
  }
  const items: Flow<Node>[] = [];
  const callbacks: Flow<Node>[] = [];
  for (const child of childNodes(node)) {
    if (isFunction(child) && node.type === 'CallExpression') {
      callbacks.push({ type: 'scope', body: handlerFlow(child, classify) });
    } else {
      items.push(expressionFlow(child, classify));
    }
  }
  const event = classify(node);
  if (event) items.push({ type: 'event', event });
  items.push(...callbacks);
  return seq(items);
}
