import type { TSESTree } from '@typescript-eslint/utils';
import { emptyFlow, seq, type Flow, type FlowEvent } from '../../evaluate/flow';
import { childNodes, isFunction, memberPath, unwrap, type FunctionNode, type Node } from './ast';

/** Recognises the session events of one framework at a call, assignment or `delete`. */
export type EventClassifier = (node: Node) => FlowEvent<Node> | null;

/** The flow of a project function a call runs (followed across modules by the caller), or null. */
export type CallInliner = (call: TSESTree.CallExpression) => Flow<Node> | null;

interface FlowBuilder {
  classify: EventClassifier;
  inline: CallInliner | undefined;
}

/**
 * Builds the framework-neutral Flow (evaluate/flow.ts) of a JS handler body. Callbacks passed
 * to a call run after it (`req.session.regenerate(cb)`), modelled as a scope that follows the
 * call: their own `return`s end the callback, not the handler.
 */
export function handlerFlow(fn: FunctionNode, classify: EventClassifier, inline?: CallInliner): Flow<Node> {
  return functionFlow(fn, { classify, inline });
}

function functionFlow(fn: FunctionNode, builder: FlowBuilder): Flow<Node> {
  if (fn.body.type !== 'BlockStatement') return expressionFlow(fn.body, builder);
  return statementsFlow(fn.body.body, builder);
}

function statementsFlow(statements: readonly TSESTree.Statement[], builder: FlowBuilder): Flow<Node> {
  return seq(statements.map((s) => statementFlow(s, builder)));
}

function statementFlow(statement: TSESTree.Statement, builder: FlowBuilder): Flow<Node> {
  switch (statement.type) {
    case 'BlockStatement':
      return statementsFlow(statement.body, builder);
    case 'ExpressionStatement':
      return expressionFlow(statement.expression, builder);
    case 'IfStatement': {
      const arms = [statementFlow(statement.consequent, builder), statement.alternate ? statementFlow(statement.alternate, builder) : emptyFlow];
      // `if (req.session) { … }`: the other arm has no session to end (SPEC §3, decided 2026-12-04).
      const present = sessionPresenceTest(statement.test);
      if (present !== null) arms[present ? 1 : 0] = seq([NO_SESSION, arms[present ? 1 : 0]!]);
      return seq([expressionFlow(statement.test, builder), { type: 'branch', arms }]);
    }
    case 'ReturnStatement':
      return seq([statement.argument ? expressionFlow(statement.argument, builder) : emptyFlow, { type: 'exit', kind: 'return', node: statement }]);
    case 'ThrowStatement':
      return seq([expressionFlow(statement.argument, builder), { type: 'exit', kind: 'throw', node: statement }]);
    case 'TryStatement':
      return {
        type: 'try',
        body: statementFlow(statement.block, builder),
        catches: statement.handler ? [statementFlow(statement.handler.body, builder)] : [],
        finally: statement.finalizer ? statementFlow(statement.finalizer, builder) : null,
      };
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
      return { type: 'loop', body: statementFlow(statement.body, builder) };
    case 'SwitchStatement':
      return seq([
        expressionFlow(statement.discriminant, builder),
        { type: 'branch', arms: [...statement.cases.map((c) => statementsFlow(c.consequent, builder)), ...(statement.cases.some((c) => c.test === null) ? [] : [emptyFlow])] },
      ]);
    case 'LabeledStatement':
      return statementFlow(statement.body, builder);
    case 'VariableDeclaration':
      return seq(statement.declarations.map((d) => (d.init ? expressionFlow(d.init, builder) : emptyFlow)));
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
function expressionFlow(node: Node, builder: FlowBuilder): Flow<Node> {
  if (isFunction(node)) return emptyFlow;
  if (node.type === 'ConditionalExpression') {
    return seq([expressionFlow(node.test, builder), { type: 'branch', arms: [expressionFlow(node.consequent, builder), expressionFlow(node.alternate, builder)] }]);
  }
  if (node.type === 'LogicalExpression') {
    // `req.session && req.session.destroy(cb)`: the short-circuit has no session to end.
    const skipped = node.operator === '&&' && sessionPresenceTest(node.left) === true ? NO_SESSION : emptyFlow;
    return seq([expressionFlow(node.left, builder), { type: 'branch', arms: [expressionFlow(node.right, builder), skipped] }]);
  }
  const items: Flow<Node>[] = [];
  const callbacks: Flow<Node>[] = [];
  for (const child of childNodes(node)) {
    // Callbacks, and a `new Promise(executor)` whose executor runs at once.
    if (isFunction(child) && (node.type === 'CallExpression' || node.type === 'NewExpression')) {
      callbacks.push({ type: 'scope', body: functionFlow(child, builder) });
    } else {
      items.push(expressionFlow(child, builder));
    }
  }
  const event = builder.classify(node);
  if (event) items.push({ type: 'event', event });
  // A called project function runs before the callbacks given to it (SPEC §2.3: the call path).
  const inlined = !event && node.type === 'CallExpression' ? builder.inline?.(node) : null;
  if (inlined) items.push({ type: 'scope', body: inlined });
  items.push(...callbacks);
  return seq(items);
}
