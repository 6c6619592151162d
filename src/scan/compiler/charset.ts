import { MAX_CODE_POINT, SURROGATES, type Ranges } from './ast.js';

/** Sorts and merges ranges, dropping surrogates (they never appear in valid UTF-8). */
export function normalize(input: Ranges): Ranges {
  const sorted = input
    .flatMap(([lo, hi]) => splitOutSurrogates(lo, hi))
    .sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function splitOutSurrogates(lo: number, hi: number): Ranges {
  const [sLo, sHi] = SURROGATES;
  if (hi < sLo || lo > sHi) return [[lo, hi]];
  const parts: Ranges = [];
  if (lo < sLo) parts.push([lo, sLo - 1]);
  if (hi > sHi) parts.push([sHi + 1, hi]);
  return parts;
}

export function negate(ranges: Ranges): Ranges {
  const out: Ranges = [];
  let next = 0;
  for (const [lo, hi] of normalize(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return normalize(out);
}

// Case folding covers the scripts with simple one-to-one case pairs (Latin, Greek, Cyrillic,
// Armenian...). Iterating bigger ranges would cost more than it gives; documented in pattern-syntax.md.
const FOLD_LIMIT = 0x2000;

export function caseFold(ranges: Ranges): Ranges {
  const extra: Ranges = [];
  for (const [lo, hi] of ranges) {
    for (let cp = lo; cp <= Math.min(hi, FOLD_LIMIT - 1); cp++) {
      const ch = String.fromCodePoint(cp);
      for (const variant of [ch.toLowerCase(), ch.toUpperCase()]) {
        const v = variant.codePointAt(0)!;
        if (variant.length === String.fromCodePoint(v).length && v !== cp) extra.push([v, v]);
      }
    }
  }
  return normalize([...ranges, ...extra]);
}

export const DIGIT: Ranges = [[0x30, 0x39]];
export const WORD: Ranges = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
export const SPACE: Ranges = normalize([
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a],
  [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
]);
