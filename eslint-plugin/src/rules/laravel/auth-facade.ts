import type { PhpSourceCode } from '../../languages/php/php-source-code';
import { laravelFileFacts } from '../../facts/laravel/file-facts';
import { ensureImport, type TextEdit } from '../../fixes/php/php-edits';

export const AUTH_FACADE = 'Illuminate\\Support\\Facades\\Auth';

/**
 * How generated code names the Auth facade in this file: its existing alias, else `Auth` with
 * a `use` line added, else the fully qualified name when another class is imported as `Auth`.
 */
export function authFacade(sourceCode: PhpSourceCode): { facade: string; importEdit: TextEdit | null } {
  const scope = laravelFileFacts(sourceCode.ast).scope;
  const alias = scope.importedAs(AUTH_FACADE);
  if (alias) return { facade: originalCase(sourceCode, alias), importEdit: null };
  const other = scope.uses.get('auth');
  if (other && other.toLowerCase() !== AUTH_FACADE.toLowerCase()) return { facade: `\\${AUTH_FACADE}`, importEdit: null };
  return { facade: 'Auth', importEdit: ensureImport(sourceCode, scope.useStatements, AUTH_FACADE, false) };
}

/** The alias as the file spells it (FileScope keeps aliases lower-cased). */
function originalCase(sourceCode: PhpSourceCode, lowerAlias: string): string {
  const escaped = lowerAlias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const asMatch = new RegExp(`\\bas\\s+(${escaped})\\s*[;,}]`, 'i').exec(sourceCode.text);
  const plain = new RegExp(`\\\\(${escaped})\\s*[;,}]`, 'i').exec(sourceCode.text);
  return asMatch?.[1] ?? plain?.[1] ?? lowerAlias;
}
