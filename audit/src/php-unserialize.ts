/**
 * A reader for the part of PHP's serialize() format that session payloads use. It only builds
 * plain data: objects become `{ className, properties }` records (no class is looked up, nothing is
 * called), and every count and length is checked against the bytes that are left, so hostile input
 * fails fast with a PhpUnserializeError instead of allocating or recursing without bound.
 */

export type PhpValue = null | boolean | number | string | PhpArray | PhpObject;
export type PhpArray = Map<string | number, PhpValue>;
export interface PhpObject {
  className: string;
  properties: PhpArray;
}

export class PhpUnserializeError extends Error {}

export interface UnserializeLimits {
  /** Nesting of arrays and objects. */
  maxDepth: number;
  /** Array elements and object properties, all levels together. */
  maxElements: number;
}

const DEFAULT_LIMITS: UnserializeLimits = { maxDepth: 64, maxElements: 100_000 };
/** Digits in the longest PHP integer (-9223372036854775808). */
const MAX_DIGITS = 20;

/**
 * Parses one serialized value that must span the whole input. Values nested `keepDepth` levels
 * deep or more are checked but not built (null): the audit needs only a session's top-level keys.
 */
export function phpUnserialize(input: Uint8Array | string, limits: UnserializeLimits = DEFAULT_LIMITS, keepDepth = Infinity): PhpValue {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.length);
  const reader = new Reader(bytes, limits, keepDepth);
  const value = reader.value(0, keepDepth > 0);
  if (reader.offset !== bytes.length) reader.fail('trailing bytes after the value');
  return value;
}

class Reader {
  offset = 0;
  private elements = 0;

  constructor(
    private readonly bytes: Buffer,
    private readonly limits: UnserializeLimits,
    private readonly keepDepth: number,
  ) {}

  fail(reason: string): never {
    throw new PhpUnserializeError(`${reason} at byte ${this.offset}`);
  }

  value(depth: number, keep: boolean): PhpValue {
    const type = this.byte();
    if (type === 0x4e /* N */) {
      this.expect(0x3b);
      return null;
    }
    this.expect(0x3a /* : */);
    switch (type) {
      case 0x62 /* b */: {
        const flag = this.integerUntil(0x3b);
        if (flag !== 0 && flag !== 1) this.fail('boolean that is neither 0 nor 1');
        return flag === 1;
      }
      case 0x69 /* i */:
        return this.integerUntil(0x3b);
      case 0x64 /* d */:
        return this.float();
      case 0x73 /* s */:
        return this.string(0x3b, keep);
      case 0x61 /* a */:
        return this.array(depth, keep);
      case 0x4f /* O */: {
        const className = this.string(0x3a, keep);
        const properties = this.array(depth, keep);
        return properties && { className, properties };
      }
      case 0x43 /* C */: {
        // Serializable objects carry opaque data: keep the class name, skip the bytes.
        const className = this.string(0x3a, keep);
        const length = this.length(0x3a);
        this.expect(0x7b);
        this.skip(length);
        this.expect(0x7d);
        return keep ? { className, properties: new Map() } : null;
      }
      case 0x45 /* E */:
        return this.string(0x3b, keep);
      case 0x72 /* r */:
      case 0x52 /* R */:
        // References point back at values already read; sessions never rely on them.
        this.integerUntil(0x3b);
        return null;
      default:
        return this.fail(`unknown type ${JSON.stringify(String.fromCharCode(type))}`);
    }
  }

  /** `count:{key value …}`; null when not kept. */
  private array(depth: number, keep: boolean): PhpArray | null {
    if (depth >= this.limits.maxDepth) this.fail('nesting too deep');
    const count = this.length(0x3a);
    // Each element needs at least four bytes ("N;N;"), so a count larger than that is a lie.
    if (count * 4 > this.bytes.length - this.offset) this.fail(`array of ${count} elements in too few bytes`);
    this.elements += count;
    if (this.elements > this.limits.maxElements) this.fail('too many elements');
    this.expect(0x7b);
    const result: PhpArray | null = keep ? new Map() : null;
    const keepValues = keep && depth + 1 < this.keepDepth;
    for (let i = 0; i < count; i++) {
      const keyType = this.bytes[this.offset];
      if (keyType !== 0x73 /* s */ && keyType !== 0x69 /* i */) this.fail('array key that is not a string or integer');
      const key = this.value(depth + 1, keep) as string | number;
      const value = this.value(depth + 1, keepValues);
      result?.set(key, value);
    }
    this.expect(0x7d /* } */);
    return result;
  }

  /** `len:"bytes"` followed by `terminator` (the text only when kept). */
  private string(terminator: number, keep: boolean): string {
    const length = this.length(0x3a);
    this.expect(0x22);
    const start = this.offset;
    this.skip(length);
    const text = keep ? this.bytes.toString('utf8', start, start + length) : '';
    this.expect(0x22);
    this.expect(terminator);
    return text;
  }

  private float(): number {
    const text = this.textUntil(0x3b);
    if (text === 'INF') return Infinity;
    if (text === '-INF') return -Infinity;
    if (text === 'NAN') return NaN;
    if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) this.fail('malformed float');
    return Number(text);
  }

  private length(terminator: number): number {
    const value = this.integerUntil(terminator);
    if (value < 0) this.fail('negative length');
    return value;
  }

  /** A decimal integer up to `terminator`, read byte by byte (this runs for every length and count). */
  private integerUntil(terminator: number): number {
    let negative = false;
    let first = this.byte();
    if (first === 0x2d /* - */ || first === 0x2b /* + */) {
      negative = first === 0x2d;
      first = this.byte();
    }
    let value = 0;
    let digits = 0;
    for (let byte = first; byte !== terminator; byte = this.byte()) {
      if (byte < 0x30 || byte > 0x39 || ++digits > MAX_DIGITS) this.fail('malformed integer');
      value = value * 10 + (byte - 0x30);
    }
    if (digits === 0) this.fail('malformed integer');
    return negative ? -value : value;
  }

  private textUntil(terminator: number): string {
    const start = this.offset;
    // Numbers are short: never scan more than 32 bytes for the terminator.
    const found = this.bytes.subarray(start, start + 33).indexOf(terminator);
    if (found < 0) this.fail('unterminated number');
    const end = start + found;
    this.offset = end + 1;
    return this.bytes.toString('latin1', start, end);
  }

  private skip(count: number): void {
    if (count > this.bytes.length - this.offset) this.fail('length past the end of the input');
    this.offset += count;
  }

  private byte(): number {
    if (this.offset >= this.bytes.length) this.fail('unexpected end of input');
    return this.bytes[this.offset++]!;
  }

  private expect(byte: number): void {
    if (this.byte() !== byte) {
      this.offset--;
      this.fail(`expected ${JSON.stringify(String.fromCharCode(byte))}`);
    }
  }
}
