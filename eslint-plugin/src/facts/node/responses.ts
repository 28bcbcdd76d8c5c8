import type { TSESTree } from '@typescript-eslint/utils';
import { calleePath, enclosingStatement, followingStatements, isFunction, memberPath, unwrap, walk, type FunctionNode, type Node } from './ast';


/** Express response methods that answer the request. */
const RESPONSE_METHODS = new Set(['redirect', 'send', 'json', 'jsonp', 'end', 'render', 'sendStatus', 'sendFile', 'download', 'format']);

/**
 * Statements that run after `statement` outside it: its block's later siblings, then the
 * enclosing blocks' ones — up to a `return` / `throw` that ends the handler first.
 */
export function statementsAfter(statement: TSESTree.Statement, handler: FunctionNode): TSESTree.Statement[] {
  if (statement.type === 'ReturnStatement' || statement.type === 'ThrowStatement') return [];
  const result: TSESTree.Statement[] = [];
  let current: TSESTree.Statement | null = statement;
  while (current) {
    const following = followingStatements(current);
    const exit = following.findIndex((s) => s.type === 'ReturnStatement' || s.type === 'ThrowStatement');
    result.push(...(exit >= 0 ? following.slice(0, exit + 1) : following));
    if (exit >= 0) break;
    const block: Node | undefined = current.parent;
    if (!block || block === handler.body || isFunction(block)) break;
    current = block.type === 'BlockStatement' || block.type === 'SwitchCase' ? enclosingStatement(block) : null;
  }
  return result;
}

export function responseParam(handler: FunctionNode): string | null {
  const param = handler.params[1];
  return param?.type === 'Identifier' ? param.name : null;
}

export function containsResponse(statement: Node, responseName: string | null, handler: FunctionNode): boolean {
  // NestJS: the method's return value is the response.
  if (statement.type === 'ReturnStatement' && statement.argument && handler.parent?.type === 'MethodDefinition' && unwrap(statement.argument).type !== 'CallExpression') return true;
  return responseCall(statement, responseName) !== null;
}

export function responseNode(statement: Node, responseName: string | null, handler: FunctionNode): Node {
  return responseCall(statement, responseName) ?? (containsResponse(statement, responseName, handler) ? statement : statement);
}

function responseCall(statement: Node, responseName: string | null): TSESTree.CallExpression | null {
  if (!responseName) return null;
  return findCall(statement, (path) => path[0] === responseName && RESPONSE_METHODS.has(path[path.length - 1]!));
}

/** The first call (outside nested functions) whose callee path matches. */
export function findCall(root: Node, match: (path: string[]) => boolean): TSESTree.CallExpression | null {
  let found: TSESTree.CallExpression | null = null;
  walk(root, (node) => {
    if (found || (node !== root && isFunction(node))) return false;
    if (node.type === 'CallExpression') {
      const path = calleePath(node) ?? chainPath(node);
      if (path && match(path)) {
        found = node;
        return false;
      }
    }
    return undefined;
  });
  return found;
}

/** `res.status(204).end()` → ['res', 'status', 'end'] (calls in the chain flattened). */
function chainPath(call: TSESTree.CallExpression): string[] | null {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return null;
  const object = unwrap(callee.object);
  const head = object.type === 'CallExpression' ? chainPath(object) : memberPath(object);
  return head ? [...head, callee.property.name] : null;
}

