import type { TSESLint } from '@typescript-eslint/utils';
import type { PhpProgram } from '../../languages/php/php-ast';
import { defaultPhpParseOptions, parsePhp } from '../../languages/php/parse-php';
import type { PhpSourceCode } from '../../languages/php/php-source-code';
import { mentionsLogoutHelper, readSettings, type SecureLogoutSettings } from '../../settings';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const fullParses = new WeakMap<PhpProgram, Map<string, PhpProgram>>();

/**
 * The program the Laravel analysis reads, and the settings it reads it with. The PHP language
 * skips files without a logout or session word unparsed, and it cannot see ESLint's settings: a
 * file whose only logout is a call of a helper declared in `settings['secure-logout']`
 * (`AuthGateway::signOut()`) is parsed here in full, once per AST and settings. Its findings have
 * locations but no suggestions (ESLint's source code holds the skipped, empty program).
 */
export function analysedProgram(context: AnyContext, sourceCode: PhpSourceCode): { program: PhpProgram; settings: SecureLogoutSettings } {
  const settings = readSettings(context);
  const ast = sourceCode.ast;
  if (!ast.prefiltered || !mentionsLogoutHelper(sourceCode.text, settings)) return { program: ast, settings };
  let byKey = fullParses.get(ast);
  if (!byKey) fullParses.set(ast, (byKey = new Map()));
  let program = byKey.get(settings.key);
  if (!program) {
    program = parsePhp(sourceCode.text, context.filename, { ...defaultPhpParseOptions, prefilter: false });
    byKey.set(settings.key, program);
  }
  return { program, settings };
}
