// The safety classifier's linear model over hashed features of normalised text (UTF-8 bytes):
// character 3-, 4- and 5-grams and word uni- and bigrams, each hashed into a table of 2^bits
// signed byte weights. One pass, no allocation. `modelFeatures` writes the feature ids (training
// reads them, so training and inference share this one definition); `modelScore` sums their
// weights and keeps the words that contributed most.
//
// Memory: weights in the tables region, text (and, for training, the ids after it) in the window.
import { tablesBase, windowBase, layout, growWindow } from '../memory';

const SPACE: u32 = 0x20;
const MIX1: u64 = 0x9e3779b97f4a7c15;
const MIX2: u64 = 0xbf58476d1ce4e5b9;
const FNV_PRIME: u64 = 0x100000001b3;
const FNV_BASIS: u64 = 0xcbf29ce484222325;
/** Feature kinds salt the hash so a word and a 5-gram of the same bytes differ. */
const UNIGRAM: u64 = 6;
const BIGRAM: u64 = 7;

/** The words that contributed most to the last score: start, end (bytes), sum of weights. */
const TOP = 3;
const topStart = memory.data(TOP * 4);
const topEnd = memory.data(TOP * 4);
const topSum = memory.data(TOP * 4);
let topCount: i32 = 0;
let featureCount: u32 = 0;

/** Lays out memory for `weightBytes` of weights and an input window of `windowBytes`. */
export function modelLayout(weightBytes: u32, windowBytes: u32): void {
  layout(weightBytes, 0, 8, windowBytes);
}

export function modelWeightsPtr(): usize {
  return tablesBase;
}

/** The window, grown to at least `bytes`: text first, then (training) room for feature ids. */
export function modelWindow(bytes: u32): usize {
  growWindow(bytes);
  return windowBase;
}

/** Multiplicative (Fibonacci) hashing: one multiply, the top bits. Enough to spread n-grams. */
@inline function bucket(x: u64, kind: u64, bits: u32): u32 {
  return <u32>(((x ^ (kind << 56)) * MIX1) >> (64 - <u64>bits));
}

/** Words are hashed with FNV first; one more mix spreads their low-entropy top bits. */
@inline function wordBucket(x: u64, kind: u64, bits: u32): u32 {
  let h = (x ^ kind) * MIX2;
  h ^= h >> 31;
  return bucket(h, kind, bits);
}

@inline function isWordByte(b: u32): bool {
  return (b - 0x61 < 26) || (b - 0x30 < 10) || b >= 0x80;
}

/**
 * Walks the features of window[0, len). With `ids` set, stores each feature id there; with
 * `weights` set, sums their weights and keeps the top words. Returns the sum.
 */
// Inlined into both callers, so each is compiled with its own constant ids/weights (no per-feature tests).
@inline function walk(len: u32, bits: u32, ids: usize, weights: usize): i32 {
  const text = windowBase;
  let reg: u64 = SPACE; // the last bytes seen, newest lowest: a virtual space before the text
  let filled: u32 = 1;
  let count: u32 = 0;
  let sum: i32 = 0;
  let wordHash: u64 = FNV_BASIS;
  let previousWord: u64 = 0;
  let inWord = false;
  let wordStart: u32 = 0;
  let pending: i32 = 0; // weight of n-grams since the last word ended, credited to the next word
  topCount = 0;
  let lastSpace = true;
  // One virtual space after the text closes its last word and n-grams.
  for (let i: u32 = 0; i <= len; i++) {
    let b: u32 = i < len ? <u32>load<u8>(text + i) : SPACE;
    if (b <= SPACE) {
      b = SPACE;
      if (lastSpace) {
        if (i < len) continue; // runs of white space count once
        break; // the text ended in white space: its last word is closed already
      }
      lastSpace = true;
    } else lastSpace = false;
    reg = (reg << 8) | <u64>b;
    if (filled < 5) filled++;
    // Character n-grams ending at this byte (unrolled: the masks are constants).
    if (filled >= 3) {
      const id3 = bucket(reg & 0xffffff, 3, bits);
      if (ids) store<u32>(ids + (<usize>count << 2), id3);
      if (weights) pending += <i32>load<i8>(weights + id3);
      count++;
      if (filled >= 4) {
        const id4 = bucket(reg & 0xffffffff, 4, bits);
        if (ids) store<u32>(ids + (<usize>count << 2), id4);
        if (weights) pending += <i32>load<i8>(weights + id4);
        count++;
        if (filled >= 5) {
          const id5 = bucket(reg & 0xffffffffff, 5, bits);
          if (ids) store<u32>(ids + (<usize>count << 2), id5);
          if (weights) pending += <i32>load<i8>(weights + id5);
          count++;
        }
      }
    }
    // Words: their hash while inside, uni- and bigram when they end.
    if (isWordByte(b)) {
      if (!inWord) {
        inWord = true;
        wordStart = i;
        wordHash = FNV_BASIS;
      }
      wordHash = (wordHash ^ <u64>b) * FNV_PRIME;
    } else if (inWord) {
      inWord = false;
      const uni = wordBucket(wordHash, UNIGRAM, bits);
      if (ids) store<u32>(ids + (<usize>count << 2), uni);
      if (weights) pending += <i32>load<i8>(weights + uni);
      count++;
      if (previousWord != 0) {
        const bi = wordBucket(previousWord * FNV_PRIME ^ wordHash, BIGRAM, bits);
        if (ids) store<u32>(ids + (<usize>count << 2), bi);
        if (weights) pending += <i32>load<i8>(weights + bi);
        count++;
      }
      previousWord = wordHash;
      if (weights) {
        sum += pending;
        keepTop(wordStart, i, pending);
        pending = 0;
      }
    }
  }
  featureCount = count;
  return sum + pending;
}

/** Keeps the TOP words with the largest positive weight sums (insertion into a sorted triple). */
@inline function keepTop(start: u32, end: u32, weight: i32): void {
  if (weight <= 0) return;
  let at = topCount;
  if (at == TOP) {
    if (weight <= load<i32>(topSum + ((TOP - 1) << 2))) return;
    at = TOP - 1;
  } else topCount++;
  while (at > 0 && load<i32>(topSum + (<usize>(at - 1) << 2)) < weight) {
    store<u32>(topStart + (<usize>at << 2), load<u32>(topStart + (<usize>(at - 1) << 2)));
    store<u32>(topEnd + (<usize>at << 2), load<u32>(topEnd + (<usize>(at - 1) << 2)));
    store<i32>(topSum + (<usize>at << 2), load<i32>(topSum + (<usize>(at - 1) << 2)));
    at--;
  }
  store<u32>(topStart + (<usize>at << 2), start);
  store<u32>(topEnd + (<usize>at << 2), end);
  store<i32>(topSum + (<usize>at << 2), weight);
}

/** Writes the feature ids of window[0, len) at `ids` (training); returns how many. */
export function modelFeatures(len: u32, bits: u32, ids: usize): u32 {
  walk(len, bits, ids, 0);
  return featureCount;
}

/** Sum of the weights of window[0, len)'s features; modelFeatureCount() tells how many there were. */
export function modelScore(len: u32, bits: u32): i32 {
  return walk(len, bits, 0, tablesBase);
}

export function modelFeatureCount(): u32 {
  return featureCount;
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
