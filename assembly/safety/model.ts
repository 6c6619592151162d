// The safety classifier's linear model over hashed features of normalised text (UTF-8 bytes):
// character 4-grams and word uni- and bigrams, each hashed into a table of 2^bits signed byte
// weights (2^15: 32 KB, which stays in the L1/L2 caches). No allocation. `modelFeatures` writes
// the feature ids (training reads them, so training and inference share this one definition);
// `modelScore` sums their weights and keeps the words that contributed most.
//
// Two passes, so that the per-byte loop takes no branch on word edges (they are not predictable,
// and a mispredicted branch per word cost more than all the hashing):
//   1. per byte: the 4-gram ending there, the running sum of 4-gram weights, and the hash of the
//      word being read; every byte stores (word hash, offset, running sum) into the slot of the
//      next word to end, and the slot index advances only where a word ends;
//   2. per word: its unigram and the bigram with the word before it, its weight (the 4-grams
//      since the previous word ended plus its own two features) and the top words.
//
// Memory: weights in the tables region; in the window, the text, one byte of room after it (a
// virtual space closes the last word), the word slots, and for training the feature ids.
import { tablesBase, windowBase, layout, growWindow } from '../memory';

/** The weight table has 2^MODEL_BITS entries (a constant: the hash's shift is an immediate). */
const MODEL_BITS: u32 = 15;
const SPACE: u32 = 0x20;
const FNV32_PRIME: u32 = 0x01000193;
/** Feature kinds salt the hash so a 4-gram, a word and a word pair of the same bits differ. */
const UNIGRAM: u32 = 0x6a09e667;
const BIGRAM: u32 = 0xbb67ae85;

/** The words that contributed most to the last score: start, end (bytes), sum of weights. */
const TOP = 3;
/** One block, so JS reads them in one view (modelTopPtr): TOP starts, TOP ends, TOP sums. */
const topStart = memory.data(TOP * 12);
const topEnd = topStart + TOP * 4;
const topSum = topStart + TOP * 8;
let topCount: i32 = 0;
let featureCount: u32 = 0;
let skipped: u32 = 0;

/**
 * Per byte, as a u16: low byte the byte as read (white space reads as a space), high byte its
 * class: WORD (ASCII letters and digits after folding, any byte above ASCII) or WHITE (bytes up
 * to a space). Filled on layout.
 */
const BYTE_CLASS = memory.data(512);
const WORD: u32 = 1;
const WHITE: u32 = 2;

/** Lays out memory for `weightBytes` of weights and an input window of `windowBytes`. */
export function modelLayout(weightBytes: u32, windowBytes: u32): void {
  layout(weightBytes, 0, 8, windowBytes);
  fillStepTable();
  for (let b: u32 = 0; b < 256; b++) {
    // Capitals read as small letters: the model may score a text whose normal form is its lower case
    // from the text's own bytes (normalised text has none).
    const read = b - 0x41 < 26 ? b + 0x20 : b;
    const word = read - 0x61 < 26 || read - 0x30 < 10 || read >= 0x80;
    const white = read <= SPACE;
    store<u16>(BYTE_CLASS + (b << 1), <u16>((white ? SPACE : read) | ((<u32>word | (white ? WHITE : 0)) << 8)));
  }
}


export function modelWeightsPtr(): usize {
  return tablesBase;
}

/** The window, grown to at least `bytes`: text first, then the word slots and (training) the feature ids. */
export function modelWindow(bytes: u32): usize {
  growWindow(bytes);
  return windowBase;
}

/** Window bytes needed for a text of `len` bytes: the text, its virtual space, the word slots; and the ids when `ids`. */
export function modelWindowBytes(len: u32, ids: bool): u32 {
  const slots = (len + 2) * 12;
  return len + 8 + slots + (ids ? (len + 1 + 2 * (len + 2)) * 4 + 8 : 0);
}

/** Where the word slots of a text of `len` bytes start: len + 2 of them, 12 bytes each (hash, end, running sum). */
@inline function slotsAt(len: u32): usize {
  return (windowBase + <usize>len + 8) & ~(<usize>7);
}

/** Where training's feature ids go, after the slots. */
export function modelIdsPtr(len: u32): usize {
  return slotsAt(len) + <usize>(len + 2) * 12;
}

/** 32-bit multiplicative (Fibonacci) hashing: one multiply, the top bits. */
@inline function bucket(x: u32): u32 {
  return (x * 0x9e3779b1) >>> (32 - MODEL_BITS);
}

/** Word hashes (FNV-style) get a finaliser first: their entropy sits in the low bits. */
@inline function wordBucket(x: u32, kind: u32): u32 {
  let h = x ^ kind;
  h ^= h >>> 16;
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  return bucket(h);
}

/**
 * Walks the features of window[0, len). With `ids` set, stores each feature id there (4-grams in
 * text order, then per word its unigram and bigram); with `weights` set, sums their weights and
 * keeps the top words. Returns the sum.
 *
 * Features: per byte (runs of white space count as one space, and a virtual space comes before
 * and after the text), the 4-gram ending there, the bytes before the text reading as zero; per
 * word (a run of word bytes, see BYTE_CLASS), its hash, and from the second word on the hash of
 * it and the word before. A word's weight, for the top words, is its two features' plus the
 * 4-grams ending after the previous word ended, up to and including the byte after it.
 */
// Inlined into both callers, so each is compiled with its own constant ids/weights (no per-feature tests).
@inline function walk(len: u32, ids: usize, weights: usize): i32 {
  const text = windowBase;
  const slots = slotsAt(len); // per word 12 bytes: hash, end (an address), running sum
  store<u8>(text + len, <u8>SPACE);
  // Pass 1, per byte. Few live values, so that V8 keeps them all in registers.
  let reg: u32 = SPACE; // the last four bytes, newest lowest
  let acc: i32 = 0; // running sum of 4-gram weights
  let hash: u32 = 0; // the word being read (garbage outside words, reset at a word's first byte)
  let at = slots; // the slot of the next word to end
  let previous: u32 = WHITE; // class of the last byte read (the virtual space before the text)
  let id: usize = ids; // training: where the next 4-gram id goes
  skipped = 0;
  const end = text + len;
  for (let p = text; p <= end; p++) {
    const e = <u32>load<u16>(BYTE_CLASS + (<usize>load<u8>(p) << 1));
    const cls = e >> 8;
    if (cls & previous & WHITE) {
      skipped++; // runs of white space count once (rare: a predictable branch)
      continue;
    }
    const b = e & 0xff; // white space reads as a space
    reg = (reg << 8) | b;
    const gram = bucket(reg);
    if (ids) {
      store<u32>(id, gram);
      id += 4;
    }
    if (weights) acc += <i32>load<i8>(weights + gram);
    // Every byte writes the slot of the next word to end; it is kept (the slot advances) where a word ends here.
    store<u32>(at, hash);
    store<u64>(at, <u64>p | (<u64>acc << 32), 4);
    const inWord = previous & WORD;
    at += 12 & (0 - (inWord & ~cls));
    hash = ((hash & (0 - inWord)) ^ b) * FNV32_PRIME;
    previous = cls;
  }
  const grams = len + 1 - skipped;
  const slot = at - slots;
  const words = <u32>(slot / 12);
  // Pass 2, per word.
  let sum: i32 = 0;
  let before: i32 = 0;
  let previousHash: u32 = 0;
  let count = grams;
  let topMin: i32 = 0; // what a word's weight must exceed to be kept
  topCount = 0;
  for (let k: u32 = 0; k < words; k++) {
    const at = slots + <usize>k * 12;
    const h = load<u32>(at);
    const uni = wordBucket(h, UNIGRAM);
    const bi = wordBucket(previousHash * FNV32_PRIME ^ h, BIGRAM);
    previousHash = h;
    if (ids) {
      store<u32>(ids + (<usize>count << 2), uni);
      count++;
      if (k > 0) {
        store<u32>(ids + (<usize>count << 2), bi);
        count++;
      }
    }
    if (weights) {
      const a = load<i32>(at, 8);
      let w = a - before + <i32>load<i8>(weights + uni);
      if (k > 0) w += <i32>load<i8>(weights + bi);
      before = a;
      sum += w;
      if (w > topMin) topMin = keepTop(load<u32>(at, 4) - <u32>text, w);
    }
  }
  if (weights) {
    // Word starts, for the few top words: back from the end over word bytes.
    for (let t = 0; t < topCount; t++) {
      let s = load<u32>(topEnd + (<usize>t << 2));
      while (s > 0 && (load<u16>(BYTE_CLASS + (<usize>load<u8>(text + s - 1) << 1)) >> 8) & WORD) s--;
      store<u32>(topStart + (<usize>t << 2), s);
    }
  }
  featureCount = grams + words + (words > 0 ? words - 1 : 0);
  return sum + acc - before;
}

/**
 * Keeps the TOP words with the largest positive weight sums (insertion into a sorted list), for a
 * word whose weight is above the last threshold returned; returns the new one (0 until TOP are kept).
 */
function keepTop(end: u32, weight: i32): i32 {
  let at = topCount;
  if (at == TOP) at = TOP - 1;
  else topCount++;
  while (at > 0 && load<i32>(topSum + (<usize>(at - 1) << 2)) < weight) {
    store<u32>(topEnd + (<usize>at << 2), load<u32>(topEnd + (<usize>(at - 1) << 2)));
    store<i32>(topSum + (<usize>at << 2), load<i32>(topSum + (<usize>(at - 1) << 2)));
    at--;
  }
  store<u32>(topEnd + (<usize>at << 2), end);
  store<i32>(topSum + (<usize>at << 2), weight);
  return topCount == TOP ? load<i32>(topSum + ((TOP - 1) << 2)) : 0;
}

/** Writes the feature ids of window[0, len) at modelIdsPtr(len) (training); returns how many. */
export function modelFeatures(len: u32): u32 {
  walk(len, modelIdsPtr(len), 0);
  return featureCount;
}

/** Sum of the weights of window[0, len)'s features; modelFeatureCount() tells how many there were. */
export function modelScore(len: u32): i32 {
  return walk(len, 0, tablesBase);
}

/** The size of the weight table this module was compiled for, as a power of two. */
export function modelBits(): u32 {
  return MODEL_BITS;
}

export function modelFeatureCount(): u32 {
  return featureCount;
}

/** The top words' block: TOP u32 starts, TOP u32 ends, TOP i32 weights (modelTopCount() of each). */
export function modelTopPtr(): usize {
  return topStart;
}

export function modelTopCount(): i32 {
  return topCount;
}

export function modelTopStart(i: i32): u32 {
  return load<u32>(topStart + (<usize>i << 2));
}

export function modelTopEnd(i: i32): u32 {
  return load<u32>(topEnd + (<usize>i << 2));
}

export function modelTopWeight(i: i32): i32 {
  return load<i32>(topSum + (<usize>i << 2));
}

/** UTF-16 units of window bytes [0, byte): for the few span offsets, when text is not ASCII. */
export function modelUtf16(byte: u32): u32 {
  return modelUtf16From(0, 0, byte);
}

/**
 * UTF-16 units of window bytes [0, byte), counting on from `fromByte` (at most `byte`), before
 * which there are `fromUnits`: offsets asked in increasing order take one pass over the text.
 */
export function modelUtf16From(fromByte: u32, fromUnits: u32, byte: u32): u32 {
  let units = fromUnits;
  for (let p = fromByte; p < byte; p++) {
    const b = <u32>load<u8>(windowBase + p);
    units += <u32>((b & 0xc0) != 0x80) + <u32>(b >= 0xf0);
  }
  return units;
}

// ---- The normaliser's check (normalize.ts quickScan), on the UTF-8 of the text -----------------
// Whether normalising the text in the window is lower-casing it, exactly as normalize.ts's
// quickScan and slowScan decide (default options), read from the bytes the model will score: when
// it is, the model scores the text's own bytes (capitals read as small letters) and the text is
// encoded once. Codes per UTF-16 unit come from normalize.ts (JS fills modelCodesPtr(); 0 is a
// unit not known yet): bits as Q_* there.
const Q_SPACE: u32 = 32;
const Q_SLOW: u32 = 64;
const Q_KNOWN: u32 = 128;
const Q_SPACER: u32 = 1;
const Q_SPACEABLE: u32 = 2;
const Q_LETTERISH: u32 = 4;
const JOIN_MASK: u32 = (Q_LETTERISH << 18) | (Q_SPACEABLE << 15) | (Q_SPACER << 12) | (Q_SPACEABLE << 9) | (Q_SPACEABLE << 3) | Q_LETTERISH;
const JOIN_PATTERN: u32 = (Q_SPACEABLE << 15) | (Q_SPACER << 12) | (Q_SPACEABLE << 9) | (Q_SPACEABLE << 3);
const FOLDS: i32 = 2;
const JOINS: i32 = 4;
/** The unit modelCheck stopped at: -2, JS writes its code and asks again; -1, a unit not plain, or U+FFFD for one it does not judge. */
let unknownUnit: u32 = 0;
/** Runs of white space modelCheck found, and whether it found the spacing pattern (rare: kept out of its registers). */
let spaceRuns: u32 = 0;
let joinsFound: u32 = 0;
/** The normaliser's code per UTF-16 unit (static, so the check reads it at a constant address). */
const UNIT_CODES = memory.data(65536);

/**
 * Checks the UTF-8 text in window[0, len), `units` UTF-16 units long: FOLDS and JOINS as quickScan
 * finds them (0: its normal form is its lower case); -1 when the thorough passes must decide (a
 * unit that is not plain, a code point beyond the BMP, U+FFFD, which may stand for a lone
 * surrogate); -2 at a unit whose code is not known yet (modelUnknownUnit()). Writes the runs of two
 * or more white-space units as (start, length) pairs in UTF-16 units at modelSpacesPtr(len);
 * modelSpaceRuns() says how many.
 */
export function modelCheck(len: u32, units: u32): i32 {
  const text = windowBase;
  const end = text + <usize>len;
  const out = slotsAt(len);
  spaceRuns = 0;
  joinsFound = 0;
  // Few live values, so that V8 keeps them in registers (it spilt most of a first version's): the
  // word and leet checks are one state byte stepped through a table (see stepTable).
  let state: u32 = 0;
  let window: u32 = 0;
  runEnd = 0;
  // One classless unit past the end (a NUL's code) closes the last word, run and window.
  for (let p = text; p <= end; ) {
    const at = p;
    let c: u32 = 0;
    if (p < end) {
      c = <u32>load<u8>(p);
      p++;
      if (c >= 0x80) {
        if (c >= 0xf0) return handBack(0xfffd); // beyond the BMP: slowScan reads surrogate pairs
        if (c >= 0xe0) {
          c = ((c & 0x0f) << 12) | ((<u32>load<u8>(p) & 0x3f) << 6) | (<u32>load<u8>(p, 1) & 0x3f);
          p += 2;
          if (c == 0xfffd) return handBack(0xfffd);
        } else {
          c = ((c & 0x1f) << 6) | (<u32>load<u8>(p) & 0x3f);
          p++;
        }
      }
    } else p++;
    const code = <u32>load<u8>(UNIT_CODES + c);
    if ((code & (Q_SLOW | Q_KNOWN)) != Q_KNOWN) {
      if (code != 0) return handBack(c);
      unknownUnit = c;
      return -2;
    }
    // White-space runs of two or more: found at their second unit (rare), measured there at once.
    if ((code >> 5) & (state >> 3) & 1) runFrom(out, text, at, end);
    state = <u32>load<u8>(STEP + ((state << 4) | ((code >> 2) & 15)));
    window = ((window << 3) | (code & 7)) & 0x1fffff;
    // The spacer 4 units back and its repeat 2 back are ASCII, as are the units between: bytes.
    if ((window & JOIN_MASK) == JOIN_PATTERN && load<u8>(at - 4) == load<u8>(at - 2)) joinsFound = 1;
  }
  // Run starts in bytes to UTF-16 units, when the text is not ASCII (lengths are: white space is).
  const runs = spaceRuns;
  if (units != len && runs > 0) {
    let byte: u32 = 0;
    let unit: u32 = 0;
    for (let r: u32 = 0; r < runs; r++) {
      const start = load<u32>(out + (<usize>r << 3));
      unit = modelUtf16From(byte, unit, start);
      byte = start;
      store<u32>(out + (<usize>r << 3), unit);
    }
  }
  return ((state & 0xc0) == 0xc0 ? FOLDS : 0) | (joinsFound ? JOINS : 0);
}

/**
 * modelCheck's state after a unit, by state and the unit's code bits 2-5 (LETTERISH, LETTER, LEET,
 * white space: (code >> 2) & 15). A state is those bits of the last unit (bits 0-3), whether the
 * word being read holds a letter (bit 4) and a leet unit (bit 5), and, once found, a leet unit
 * next to a letter (bit 6) and a word holding both (bit 7): quickScan's checks, one load a unit.
 */
const STEP = memory.data(256 * 16);

function fillStepTable(): void {
  for (let s: u32 = 0; s < 256; s++) {
    for (let i: u32 = 0; i < 16; i++) {
      // Bits of the last unit and of this one: 1 LETTERISH, 2 LETTER, 4 LEET, 8 white space.
      const member = (s & 1) | ((s >> 2) & i & 1); // the last unit is in a word (a leet symbol: when letter-like follows)
      const word = member ? ((s >> 4) & 3) | ((s >> 1) & 1) | ((s >> 1) & 2) : 0;
      const gate = ((s >> 6) & 1) | (((i >> 2) & (s >> 1)) & 1) | (((i >> 1) & (s >> 2)) & 1);
      const fold = ((s >> 7) & 1) | <u32>(word == 3);
      store<u8>(STEP + ((s << 4) | i), <u8>(i | (word << 4) | (gate << 6) | (fold << 7)));
    }
  }
}

/** Where the last run of white space modelCheck measured ends (its later units are in it). */
let runEnd: usize = 0;

/**
 * A run of white space has a second unit at `at` (its first, the unit before, is ASCII white
 * space, one byte): unless the run is known already, it runs on over ASCII white-space bytes (a
 * unit beyond ASCII that is white space hands the text back anyway).
 */
function runFrom(out: usize, text: usize, at: usize, end: usize): void {
  if (at < runEnd) return;
  let p = at + 1;
  while (p < end && (<u32>load<u8>(UNIT_CODES + <usize>load<u8>(p)) & Q_SPACE)) p++;
  runEnd = p;
  addRun(out, <u32>(at - 1 - text), <u32>(p - at + 1));
}

function handBack(unit: u32): i32 {
  unknownUnit = unit;
  return -1;
}

function addRun(out: usize, start: u32, length: u32): void {
  const at = out + (<usize>spaceRuns << 3);
  store<u32>(at, start);
  store<u32>(at, length, 4);
  spaceRuns++;
}

/** Where JS writes the normaliser's unit codes (65536 bytes). */
export function modelCodesPtr(): usize {
  return UNIT_CODES;
}

export function modelUnknownUnit(): u32 {
  return unknownUnit;
}

export function modelSpaceRuns(): u32 {
  return spaceRuns;
}

/** Where modelCheck wrote its runs of white space for a text of `len` bytes (u32 pairs). */
export function modelSpacesPtr(len: u32): usize {
  return slotsAt(len);
}
