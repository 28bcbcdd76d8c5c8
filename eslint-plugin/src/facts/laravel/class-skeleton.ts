import type { ClassFacts } from './middleware-controller';
import { segments } from '../../languages/php/php-text';

/**
 * A class file cut down to what its class facts come from, for the files the text outline cannot
 * read (controllers that declare middleware): every method body is dropped except the
 * constructor's and `middleware()`'s, keeping only its line breaks — lines stay those of the
 * whole file, and `originalOffset` maps offsets back (php-parser lexes whitespace about as slowly
 * as code, so blanking alone saved little). undefined when the text is not simple enough to cut
 * safely (heredocs, inline HTML, unbalanced braces); the caller parses the whole file then.
 */
export interface ClassSkeleton {
  text: string;
  originalOffset(offset: number): number;
}

const KEPT_BODIES = new Set(['__construct', 'middleware']);

export function classSkeleton(text: string): ClassSkeleton | undefined {
  if (/<<<|\?>[\s\S]*<\?php/i.test(text)) return undefined;
  const code = maskCommentsAndStrings(text);
  if (code === undefined) return undefined;
  const pieces: string[] = [];
  /** Per cut: the offset in the skeleton where it happened, and the characters dropped so far. */
  const cuts: { at: number; dropped: number }[] = [];
  let length = 0;
  let dropped = 0;
  let last = 0;
  const keep = (piece: string): void => {
    pieces.push(piece);
    length += piece.length;
  };
  for (const match of code.matchAll(/\bfunction\s+&?\s*([A-Za-z_]\w*)\s*\(/g)) {
    if (match.index! < last) continue; // a function inside a body already kept or dropped
    const open = closing(code, match.index! + match[0].length, '(', ')');
    if (open === undefined) return undefined;
    const brace: number = code.slice(open).search(/[{;]/);
    if (brace < 0) return undefined;
    const start = open + brace;
    if (code[start] === ';') continue; // abstract or interface method
    const end = closing(code, start + 1, '{', '}');
    if (end === undefined) return undefined;
    if (KEPT_BODIES.has(match[1]!.toLowerCase())) {
      keep(text.slice(last, end));
    } else {
      const body = text.slice(start + 1, end - 1);
      const lineBreaks = body.replace(/[^\r\n]/g, '');
      keep(text.slice(last, start + 1) + lineBreaks);
      dropped += body.length - lineBreaks.length;
      cuts.push({ at: length, dropped });
      keep('}');
    }
    last = end;
  }
  keep(text.slice(last));
  if (cuts.length === 0) return undefined;
  return {
    text: pieces.join(''),
    originalOffset(offset: number): number {
      let shift = 0;
      for (const cut of cuts) {
        if (cut.at > offset) break;
        shift = cut.dropped;
      }
      return offset + shift;
    },
  };
}

/** Facts extracted from the skeleton, with the offsets they carry (middleware string literals, for edits) mapped back to the whole file. */
export function withOriginalOffsets(facts: ClassFacts[], skeleton: ClassSkeleton): ClassFacts[] {
  return facts.map((f) => ({
    ...f,
    middleware: f.middleware.map((m) => (m.ref.literal ? { ...m, ref: { ...m.ref, literal: { start: skeleton.originalOffset(m.ref.literal.start), end: skeleton.originalOffset(m.ref.literal.end) } } } : m)),
  }));
}

/** The offset just past the `close` that balances an `open` already consumed before `from`. */
function closing(code: string, from: number, open: string, close: string): number | undefined {
  let depth = 1;
  for (let i = from; i < code.length; i++) {
    if (code[i] === open) depth++;
    else if (code[i] === close && --depth === 0) return i + 1;
  }
  return undefined;
}

/** The text with comment and string contents replaced by spaces, same length; undefined when a string or comment does not end. */
function maskCommentsAndStrings(text: string): string | undefined {
  const parts = segments(text, { quotes: "'\"`" });
  if (parts === undefined) return undefined;
  return parts
    .map((p) => {
      const piece = text.slice(p.start, p.end);
      if (p.kind === 'code') return piece;
      const inner = p.kind === 'string' ? piece.slice(1, -1) : piece;
      const blank = /[\r\n]/.test(inner) ? inner.replace(/[^\r\n]/g, ' ') : ' '.repeat(inner.length);
      return p.kind === 'string' ? piece[0] + blank + piece[0] : blank;
    })
    .join('');
}
