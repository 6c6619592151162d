import type { Ranges } from './ast.js';

/** One UTF-8 encoded range: a sequence of byte ranges, one per byte of the encoding. */
export type ByteSequence = Array<[number, number]>;

const MAX_BY_LENGTH = [0x7f, 0x7ff, 0xffff, 0x10ffff];

/**
 * Turns code point ranges into byte-range sequences that match exactly their UTF-8 encodings
 * (the split Russ Cox describes for RE2's utf8 ranges): each output sequence is a "rectangle" of
 * byte ranges, so the automaton consumes whole characters and never a stray continuation byte.
 */
export function utf8Sequences(ranges: Ranges): ByteSequence[] {
  const out: ByteSequence[] = [];
  for (const [lo, hi] of ranges) split(lo, hi, out);
  return out;
}

function split(lo: number, hi: number, out: ByteSequence[]): void {
  if (lo > hi) return;
  for (let i = 0; i < MAX_BY_LENGTH.length - 1; i++) {
    const max = MAX_BY_LENGTH[i];
    if (lo <= max && hi > max) {
      split(lo, max, out);
      split(max + 1, hi, out);
      return;
    }
  }
  if (hi <= 0x7f) {
    out.push([[lo, hi]]);
    return;
  }
  const length = encodedLength(lo);
  for (let i = 1; i < length; i++) {
    const m = (1 << (6 * i)) - 1;
    if ((lo & ~m) !== (hi & ~m)) {
      if ((lo & m) !== 0) {
        split(lo, lo | m, out);
        split((lo | m) + 1, hi, out);
        return;
      }
      if ((hi & m) !== m) {
        split(lo, (hi & ~m) - 1, out);
        split(hi & ~m, hi, out);
        return;
      }
    }
  }
  const a = encode(lo);
  const b = encode(hi);
  out.push(a.map((byte, i) => [byte, b[i]]));
}

function encodedLength(cp: number): number {
  return cp <= 0x7f ? 1 : cp <= 0x7ff ? 2 : cp <= 0xffff ? 3 : 4;
}

function encode(cp: number): number[] {
  if (cp <= 0x7f) return [cp];
  if (cp <= 0x7ff) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
  if (cp <= 0xffff) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return [
    0xf0 | (cp >> 18),
    0x80 | ((cp >> 12) & 0x3f),
    0x80 | ((cp >> 6) & 0x3f),
    0x80 | (cp & 0x3f),
  ];
}
