import type { File, OkParseResult, ParseResult } from '@eslint/core';
import { defaultPhpParseOptions, parsePhp } from './parse-php';
import type { PhpProgram } from './php-ast';
import { PhpSourceCode } from './php-source-code';
import { phpVisitorKeys } from './visitor-keys';

export interface PhpLanguageOptions {
  /** PHP version the parser accepts, e.g. "8.4". */
  phpVersion?: string;
  /** Larger files are skipped (reported by `secure-logout/parse-error`). */
  maxFileBytes?: number;
  [key: string]: unknown;
}

/**
 * ESLint language for PHP on php-parser. Parsing never fails the lint run: syntax errors are
 * recovered from, and a file that cannot be analysed is reported by a warning-level rule.
 */
export class PhpLanguage {
  readonly fileType = 'text' as const;
  readonly lineStart = 1 as const;
  readonly columnStart = 0 as const;
  readonly nodeTypeKey = 'kind';
  readonly visitorKeys = phpVisitorKeys;
  readonly defaultLanguageOptions: PhpLanguageOptions = { ...defaultPhpParseOptions };

  validateLanguageOptions(options: PhpLanguageOptions): void {
    if (options.phpVersion !== undefined && !/^\d+\.\d+$/.test(String(options.phpVersion))) {
      throw new TypeError(`Expected languageOptions.phpVersion to look like "8.4", got ${JSON.stringify(options.phpVersion)}.`);
    }
    if (options.maxFileBytes !== undefined && !(typeof options.maxFileBytes === 'number' && options.maxFileBytes > 0)) {
      throw new TypeError('Expected languageOptions.maxFileBytes to be a positive number.');
    }
  }

  parse(file: File, context: { languageOptions?: PhpLanguageOptions }): ParseResult<PhpProgram> {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    const options = { ...defaultPhpParseOptions, ...context.languageOptions } as typeof defaultPhpParseOptions;
    const ast = parsePhp(text, file.path, options);
    ast.sourceFile = file.path;
    return { ok: true, ast };
  }

  createSourceCode(file: File, parseResult: OkParseResult<PhpProgram>): PhpSourceCode {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    return new PhpSourceCode({ text, ast: parseResult.ast });
  }
}
