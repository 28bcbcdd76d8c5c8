import type { TSESTree } from '@typescript-eslint/utils';
import { emptyFlow, seq, type Flow, type FlowEvent } from '../../evaluate/flow';
import { childNodes, isFunction, type FunctionNode, type Node } from './ast';

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
    case 'IfStatement':
      return seq([
        expressionFlow(statement.test, classify),
        { type: 'branch', arms: [statementFlow(statement.consequent, classify), statement.alternate ? statementFlow(statement.alternate, classify) : emptyFlow] },
      ]);
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

/** Events of an expression in evaluation order; conditional parts become branches. */
function expressionFlow(node: Node, classify: EventClassifier): Flow<Node> {
  if (isFunction(node)) return emptyFlow;
  if (node.type === 'ConditionalExpression') {
    return seq([expressionFlow(node.test, classify), { type: 'branch', arms: [expressionFlow(node.consequent, classify), expressionFlow(node.alternate, classify)] }]);
  }
  if (node.type === 'LogicalExpression') {
    return seq([expressionFlow(node.left, classify), { type: 'branch', arms: [expressionFlow(node.right, classify), emptyFlow] }]);
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
