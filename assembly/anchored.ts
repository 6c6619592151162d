// Anchored scans over the window for one pattern's own automata: backwards from a match's end to
// its leftmost start, forwards from a start to its longest end. Both are linear in the distance
// they cover, and the bytes they step are counted (verifyWork) so tests can check that the total
// stays linear in the input whatever the pattern.
import { contextOf, eotColumn, isMatch, startState, step, transitions } from './automaton';
import { windowLength, windowPtr, windowStart } from './scanner';

/** Set by longestEnd when the input ran out while a longer match was still possible. */
let undecided: i32 = 0;
/** Bytes stepped by leftmostStart and longestEnd: the verification work. */
let verifySteps: u64 = 0;

export function verifyWork(): f64 { return <f64>verifySteps; }
export function isUndecided(): i32 { return undecided; }

@inline function byteAt(offset: u32): u32 {
  return <u32>load<u8>(windowPtr() + <usize>(offset - windowStart()));
}

/**
 * Leftmost start of a match of the pattern whose reverse automaton is `dfa`, ending at `end`,
 * starting at or after `floor`; -1 if there is none. Scans backwards, linear in the distance.
 */
export function leftmostStart(dfa: usize, end: u32, floor: u32): i32 {
  const winEnd = windowStart() + windowLength();
  const ctx = end < winEnd ? contextOf(byteAt(end)) : 0;
  let s = startState(dfa, ctx);
  let best: i32 = -1;
  // Bytes before the window are gone; the window keeps one byte of context before any live match.
  const lowest = windowStart() > 0 && floor <= windowStart() ? windowStart() + 1 : floor;
  let i = end;
  while (i > lowest) {
    i--;
    s = step(dfa, s, byteAt(i));
    if (isMatch(dfa, s)) best = <i32>(i + 1);
    if (s == 0) {
      verifySteps += <u64>(end - i);
      return best;
    }
  }
  verifySteps += <u64>(end - i);
  // The byte before `lowest` decides whether a match may start at `lowest` itself.
  if (lowest == 0) {
    s = load<u32>(transitions(dfa) + (<usize>(s + eotColumn(dfa)) << 2));
  } else {
    s = step(dfa, s, byteAt(lowest - 1));
  }
  if (isMatch(dfa, s)) best = <i32>lowest;
  return best;
}

/**
 * End of the longest match from `start` for the anchored forward automaton `dfa`, -1 if none.
 * When the window ends while a longer match is still possible and `final` is 0, isUndecided()
 * turns 1: the caller waits for more bytes.
 */
export function longestEnd(dfa: usize, start: u32, final: i32): i32 {
  const winEnd = windowStart() + windowLength();
  undecided = 0;
  endCount = 0;
  let s = startState(dfa, start == 0 || start <= windowStart() ? 0 : contextOf(byteAt(start - 1)));
  let best: i32 = -1;
  for (let i = start; i < winEnd; i++) {
    s = step(dfa, s, byteAt(i));
    if (isMatch(dfa, s)) {
      best = <i32>i;
      rememberEnd(i);
    }
    if (s == 0) {
      verifySteps += <u64>(i + 1 - start);
      return best;
    }
  }
  verifySteps += <u64>(winEnd - start);
  if (final) {
    s = load<u32>(transitions(dfa) + (<usize>(s + eotColumn(dfa)) << 2));
    if (isMatch(dfa, s)) {
      best = <i32>winEnd;
      rememberEnd(winEnd);
    }
  } else {
    undecided = 1;
  }
  return best;
}

// The last few match ends longestEnd passed, longest last: when the longest match fails its
// validator, a shorter one from the same start may be the value (an IBAN and the next word).
const KEPT_ENDS: u32 = 8;
const keptEnds = memory.data(KEPT_ENDS * 4);
let endCount: u32 = 0;

@inline function rememberEnd(end: u32): void {
  store<u32>(keptEnds + (<usize>(endCount % KEPT_ENDS) << 2), end);
  endCount++;
}

/** How many ends the last longestEnd call can offer (at most 8). */
export function keptEndCount(): u32 {
  return min(endCount, KEPT_ENDS);
}

/** The k-th longest end of the last longestEnd call (k = 0 is the longest). */
export function keptEnd(k: u32): u32 {
  return load<u32>(keptEnds + (<usize>((endCount - 1 - k) % KEPT_ENDS) << 2));
}

