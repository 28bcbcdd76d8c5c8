/**
 * Deterministic mutations of real handler files: what a fast typist, a broken tool or a hostile
 * user hands the analysis. The same seed gives the same inputs on every machine.
 */

/** mulberry32: small, fast, good enough to pick mutations. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Seed {
  /** Where the seed came from (fixture or acceptance file), for reports. */
  origin: string;
  language: 'php' | 'js' | 'ts';
  text: string;
}

export interface FuzzInput {
  id: number;
  origin: string;
  mutation: string;
  language: Seed['language'];
  text: string;
}

type Mutation = (text: string, pick: Picker) => string;

class Picker {
  constructor(readonly next: () => number) {}
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  one<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  offset(text: string): number {
    return this.int(text.length + 1);
  }
}

const TOKEN = /\$?[A-Za-z_][A-Za-z0-9_]*|\d+|'[^'\n]*'|"[^"\n]*"|->|::|=>|\?->|[^\sA-Za-z0-9_]/g;

function tokens(text: string): { start: number; end: number }[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

const insertAt = (text: string, at: number, piece: string) => text.slice(0, at) + piece + text.slice(at);

/** Start offsets of the lines, to insert whole statements. */
function lineStart(text: string, pick: Picker): number {
  const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  return pick.one(starts);
}

const NESTING = ['(', '[', '{', 'if ($a) {', 'function () {', '$a->b(', '[1, ', 'fn () => ('];
const HALF_TYPED = ['#[', '#[Route(', '#[\n', '@', '$request->session()->', 'Auth::', '->logout(', 'regenerate(', '/*', '"', "'", '<<<EOT\n', '?>', '<?php', '}', 'namespace', '{namespace', 'use ', 'fn', 'match ($x) {', 'async ', 'await ', '=>', 'req.session.', 'req.logout(', '`${'];

export const mutations: Record<string, Mutation> = {
  truncate: (text, pick) => text.slice(0, pick.offset(text)),
  'delete-token': (text, pick) => {
    const all = tokens(text);
    if (all.length === 0) return text;
    const t = pick.one(all);
    return text.slice(0, t.start) + text.slice(t.end);
  },
  'duplicate-token': (text, pick) => {
    const all = tokens(text);
    if (all.length === 0) return text;
    const t = pick.one(all);
    return insertAt(text, t.end, text.slice(t.start, t.end));
  },
  'delete-span': (text, pick) => {
    const a = pick.offset(text);
    return text.slice(0, a) + text.slice(Math.min(text.length, a + 1 + pick.int(80)));
  },
  'random-bytes': (text, pick) => {
    let piece = '';
    for (let i = 0, n = 1 + pick.int(16); i < n; i++) piece += String.fromCharCode(pick.int(0x80) || 0x20);
    return insertAt(text, pick.offset(text), piece);
  },
  'invalid-utf8': (text, pick) => {
    const bytes = Buffer.from(Array.from({ length: 1 + pick.int(8) }, () => 0x80 + pick.int(0x80)));
    const lone = pick.one(['\uD800', '\uDFFF', '\uFFFE', '\uFFFD']);
    return insertAt(text, pick.offset(text), bytes.toString('utf8') + lone);
  },
  nul: (text, pick) => insertAt(text, pick.offset(text), '\u0000'),
  bom: (text) => `\uFEFF${text}`,
  crlf: (text, pick) => (pick.int(2) ? text.replace(/\n/g, '\r\n') : text.replace(/\n/g, '\r')),
  'deep-nesting': (text, pick) => insertAt(text, pick.offset(text), pick.one(NESTING).repeat(50 + pick.int(1500))),
  'half-typed': (text, pick) => insertAt(text, pick.int(3) === 0 ? pick.offset(text) : lineStart(text, pick), `${pick.one(HALF_TYPED)}\n`),
  'swap-lines': (text, pick) => {
    const lines = text.split('\n');
    const i = pick.int(lines.length);
    const j = pick.int(lines.length);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  },
  'long-chain': (text, pick) => insertAt(text, lineStart(text, pick), `$request${'->session()'.repeat(200 + pick.int(1500))};\n`),
  'many-branches': (text, pick) => {
    const arm = pick.int(2) ? "if ($a) { Auth::logout(); } else { $request->session()->invalidate(); }\n" : "if (a) { req.logout(() => {}); } else { req.session.destroy(); }\n";
    return insertAt(text, lineStart(text, pick), arm.repeat(10 + pick.int(40)));
  },
  huge: (text, pick) => {
    const target = pick.one([1_500_000, 2_100_000, 2_600_000]);
    return text + `\n// ${'x'.repeat(60)}\n`.repeat(Math.ceil(target / 65));
  },
};

/** Relative weights: huge inputs are slow to lint, so they are rare. */
const WEIGHTS: Record<keyof typeof mutations, number> = {
  truncate: 14, 'delete-token': 12, 'duplicate-token': 10, 'delete-span': 8, 'random-bytes': 6, 'invalid-utf8': 5, nul: 3, bom: 3, crlf: 4,
  'deep-nesting': 4, 'half-typed': 14, 'swap-lines': 5, 'long-chain': 3, 'many-branches': 3, huge: 0.3,
};

const WEIGHTED = Object.entries(WEIGHTS).flatMap(([name, weight]) => Array<string>(Math.max(1, Math.round(weight * 10))).fill(name));

/** `count` inputs from the seeds: one to three stacked mutations each, deterministic for `seed`. */
export function* fuzzInputs(seeds: readonly Seed[], count: number, seed: number): Generator<FuzzInput> {
  const pick = new Picker(random(seed));
  for (let id = 0; id < count; id++) {
    const base = pick.one(seeds);
    let text = base.text;
    const applied: string[] = [];
    for (let i = 0, n = 1 + pick.int(3); i < n; i++) {
      const name = pick.one(WEIGHTED);
      // One huge mutation per input is enough.
      if (name === 'huge' && applied.includes('huge')) continue;
      text = mutations[name]!(text, pick);
      applied.push(name);
    }
    yield { id, origin: base.origin, mutation: applied.join('+'), language: base.language, text };
  }
}
