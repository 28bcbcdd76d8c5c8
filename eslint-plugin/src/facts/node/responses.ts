import type { TSESTree } from '@typescript-eslint/utils';
import { calleePath, enclosingStatement, followingStatements, isAwaited, isFunction, memberPath, objectProperty, unwrap, walk, type FunctionNode, type Node } from './ast';


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


/**
 * A NestJS controller route method that answers with its return value: no `@Res()` / `@Response()`
 * parameter, or one with `{ passthrough: true }` (Nest still sends the returned value then).
 */
export function nestRespondsOnReturn(handler: FunctionNode): boolean {
  const method = handler.parent;
  if (method?.type !== 'MethodDefinition') return false;
  const cls = method.parent?.parent;
  if ((cls?.type !== 'ClassDeclaration' && cls?.type !== 'ClassExpression') || !(cls.decorators ?? []).some((d) => decoratorName(d) === 'Controller')) return false;
  if (!(method.decorators ?? []).some((d) => /^(Get|Post|Put|Patch|Delete|All|Options|Head)$/.test(decoratorName(d) ?? ''))) return false;
  return !handler.params.some((param) =>
    ('decorators' in param ? param.decorators ?? [] : []).some((d) => {
      if (!/^(Res|Response)$/.test(decoratorName(d) ?? '')) return false;
      const options = d.expression.type === 'CallExpression' ? d.expression.arguments[0] : undefined;
      const passthrough = objectProperty(options, 'passthrough');
      return !(passthrough && unwrap(passthrough).type === 'Literal' && (unwrap(passthrough) as TSESTree.Literal).value === true);
    }),
  );
}

function decoratorName(decorator: TSESTree.Decorator): string | null {
  const expr = decorator.expression;
  const callee = expr.type === 'CallExpression' ? expr.callee : expr;
  return callee.type === 'Identifier' ? callee.name : null;
}

/** The call runs inside a `new Promise(executor)` that the handler awaits or returns. */
export function awaitedThroughPromise(call: Node, handler: FunctionNode): boolean {
  let current: Node | undefined = call.parent;
  while (current && current !== handler) {
    if (current.type === 'NewExpression' && current.callee.type === 'Identifier' && current.callee.name === 'Promise' && isAwaited(current)) return true;
    current = current.parent;
  }
  return false;
}
