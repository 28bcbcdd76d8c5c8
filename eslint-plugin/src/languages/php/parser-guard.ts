import type { Engine } from 'php-parser';

/**
 * php-parser 3.7 can loop forever on half-typed input, and a frozen parse freezes the CLI run or
 * the language server with it. Two guards, installed once per engine:
 *
 * 1. The lexer fix: inside `#[ … ` (the attribute state) whitespace at the very end of the input
 *    never ends — `input()` at the end returns '' without advancing, and `is_WHITESPACE()` keeps
 *    looking at the last real character. Typing `#[` above a method is enough. We consume trailing
 *    whitespace ourselves before php-parser's `matchST_ATTRIBUTE` sees it.
 * 2. A budget for everything else: the parser asks for the next token (`next`) and records errors
 *    (`raiseError`) as it goes; both check a deadline, and error recovery that keeps failing at the
 *    same place without consuming input (`<?php {namespace`) is stopped. Either way parsing throws
 *    `PhpParseAborted`, which the caller turns into the `parse-error` warning.
 */

export class PhpParseAborted extends Error {
  constructor(
    message: string,
    readonly lineNumber: number,
  ) {
    super(message);
    this.name = 'PhpParseAborted';
  }
}

/** Time a single parse may take. */
export const PARSE_BUDGET_MS = 2_000;
/** Recovered errors in a row at one input offset before we call it a loop (deep unclosed nesting legitimately repeats a few). */
const MAX_ERRORS_WITHOUT_PROGRESS = 10_000;
/** Check the clock every this many tokens / errors. */
const CLOCK_EVERY = 1_024;

interface LexerInternals {
  _input: string;
  offset: number;
  size: number;
  yylloc: { first_line: number };
  input(): string;
  matchST_ATTRIBUTE(): unknown;
}

interface ParserInternals {
  lexer: LexerInternals;
  next(): unknown;
  raiseError(...args: unknown[]): unknown;
  parse(...args: unknown[]): unknown;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

function fixAttributeWhitespaceAtEnd(lexer: LexerInternals): void {
  const original = lexer.matchST_ATTRIBUTE;
  lexer.matchST_ATTRIBUTE = function (this: LexerInternals) {
    let end = this.offset;
    while (end < this.size && WHITESPACE.has(this._input[end]!)) end++;
    if (end > this.offset && end >= this.size) {
      while (this.offset < this.size) this.input();
      return null; // whitespace, like php-parser's own skip; the lexer is now done
    }
    return original.call(this);
  };
}

function installBudget(parser: ParserInternals, budgetMs: () => number): void {
  let deadline = Infinity;
  let ticks = 0;
  let stuckOffset = -1;
  let stuckErrors = 0;
  const checkClock = (): void => {
    if (++ticks % CLOCK_EVERY !== 0) return;
    if (performance.now() > deadline) {
      throw new PhpParseAborted(`parsing took longer than ${budgetMs()} ms`, parser.lexer.yylloc.first_line);
    }
  };

  const parse = parser.parse;
  parser.parse = function (this: ParserInternals, ...args: unknown[]) {
    deadline = performance.now() + budgetMs();
    ticks = 0;
    stuckOffset = -1;
    stuckErrors = 0;
    return parse.apply(this, args);
  };
  const next = parser.next;
  parser.next = function (this: ParserInternals) {
    checkClock();
    return next.call(this);
  };
  const raiseError = parser.raiseError;
  parser.raiseError = function (this: ParserInternals, ...args: unknown[]) {
    checkClock();
    if (this.lexer.offset === stuckOffset) {
      if (++stuckErrors > MAX_ERRORS_WITHOUT_PROGRESS) {
        throw new PhpParseAborted('php-parser stopped making progress (error recovery loops)', this.lexer.yylloc.first_line);
      }
    } else {
      stuckOffset = this.lexer.offset;
      stuckErrors = 0;
    }
    return raiseError.apply(this, args);
  };
}

/** Installs both guards on a freshly created engine. `budgetMs` is read at the start of every parse. */
export function guardEngine(engine: Engine, budgetMs: () => number = () => PARSE_BUDGET_MS): Engine {
  const parser = (engine as unknown as { parser: ParserInternals }).parser;
  fixAttributeWhitespaceAtEnd(parser.lexer);
  installBudget(parser, budgetMs);
  return engine;
}
