import type { TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, type FunctionNode } from '../../facts/node/ast';
import type { TextEdit } from './text-edits';

/**
 * `await` in front of the logout call; the enclosing function becomes `async` when it is not.
 * Only offered when the call sits directly in the handler (not in a nested callback, where an
 * `await` would not hold the response back).
 */
export function addAwait(handler: FunctionNode, call: TSESTree.CallExpression): TextEdit[] | null {
  if (enclosingFunction(call) !== handler) return null;
  const edits: TextEdit[] = [{ range: [call.range[0], call.range[0]], text: 'await ' }];
  if (!handler.async) {
    const owner = handler.parent;
    const at = owner?.type === 'MethodDefinition' || (owner?.type === 'Property' && owner.method) ? owner.key.range[0] : handler.range[0];
    edits.push({ range: [at, at], text: 'async ' });
  }
  return edits;
}
