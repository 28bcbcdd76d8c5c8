import type { PhpSourceCode } from '../../languages/php/php-source-code';

/** One indentation step as the file uses it (a tab, or the smallest run of leading spaces, default 4). */
export function indentUnit(sourceCode: PhpSourceCode): string {
  if (/^\t/m.test(sourceCode.text)) return '\t';
  const sizes = sourceCode.lines.map((l) => /^( +)\S/.exec(l)?.[1]!.length ?? 0).filter((n) => n > 0);
  const min = sizes.length ? Math.min(...sizes) : 4;
  return ' '.repeat(min >= 2 && min <= 8 ? min : 4);
}
