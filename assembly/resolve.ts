// Turning one report (pattern p ended at `end`) into a match and a checked value, inside WASM:
// leftmost start (reverse DFA), longest end (anchored DFA), the value's span (lead and trail
// trimmed) and its validator. Only values that pass leave WASM, as CANDIDATE records; JS scores
// them. Per pattern, the skip table holds where its last match ended (reports up to there are
// covered) and the pending table a start whose end the stream has not decided yet.
import { isUndecided, keptEnd, keptEndCount, leftmostStart, longestEnd } from './anchored';
import { clearRecords, windowLength, windowPtr, windowStart, writeRecord } from './scanner';
import { validate } from './validators/index';

export const CANDIDATE: u32 = 1; // (p, value start, value end)
export const PENDING: u32 = 2; // (p, start): more input may extend the match
export const REPORT: u32 = 3; // (p, end): reported while p is pending; JS replays it later
/** Flag on a CANDIDATE: a context word of its detector ends shortly before the value. */
export const WITH_CONTEXT: u32 = 0x10;

const NONE: u32 = 0xffffffff;
/** Longest match looked back for; bounds the work per report on hostile input. */
export const MAX_MATCH_BYTES: u32 = 16 * 1024;
const FEEDS_CONTEXT: u32 = 1;

// Per global pattern id, 16 u32 words (9 used): reverse DFA, forward DFA, validator, flags, lead
// DFA (0: none), trail bytes pointer, trail length, context list + 1 (0: none; the list a
// context-word pattern feeds, or the list a detector's pattern consults), and the byte length all
// its matches have + 1 (0: lengths vary). Written once by JS.
let metaTable: usize = 0;
// Per pattern: skip ends, then pending starts; then per context list the ends of its last
// CONTEXT_KEPT words (oldest first). Part of a stream's context.
let stateTable: usize = 0;
export const CONTEXT_LISTS: u32 = 64;
const CONTEXT_KEPT: u32 = 4;
/** A context word counts when it ends at most this many bytes before the value (~64 Latin characters). */
const CONTEXT_BYTES: u32 = 96;
let patternCount: u32 = 0;
let finalScan: bool = false;

export function setPatternTables(meta: usize, state: usize, count: u32): void {
  metaTable = meta;
  stateTable = state;
  patternCount = count;
}

/** Whether the input ends with the bytes scanned now (a match at the edge is then decided). */
export function setFinal(final: i32): void {
  finalScan = final != 0;
}

@inline function meta(p: u32, word: u32): u32 {
  return load<u32>(metaTable + (<usize>p << 6) + (<usize>word << 2));
}
@inline export function skipOf(p: u32): u32 {
  return load<u32>(stateTable + (<usize>p << 2));
}
@inline function setSkip(p: u32, v: u32): void {
  store<u32>(stateTable + (<usize>p << 2), v);
}
@inline function pendingOf(p: u32): u32 {
  return load<u32>(stateTable + (<usize>(patternCount + p) << 2));
}
@inline function setPending(p: u32, v: u32): void {
  store<u32>(stateTable + (<usize>(patternCount + p) << 2), v);
}

/** Handles one report; writes at most one record. */
export function resolveMatch(p: u32, end: u32): void {
  if (pendingOf(p) != NONE) {
    writeRecord(REPORT, p, end, 0);
    return;
  }
  if (meta(p, 3) & FEEDS_CONTEXT) {
    setSkip(p, end);
    rememberContext(meta(p, 7) - 1, end);
    return;
  }
  resolveReport(p, end);
}

/**
 * Next match of p from a report at `end`: its leftmost start after the last match, then its
 * longest end. Returns 0 when it is undecided (now pending), else 1.
 */
function resolveReport(p: u32, end: u32): i32 {
  const skip = skipOf(p);
  if (end <= skip) return 1;
  const fixed = meta(p, 8);
  if (fixed != 0) {
    // Every match of p is fixed - 1 bytes long: it starts there and cannot grow, so neither
    // anchored scan is needed.
    const length = fixed - 1;
    if (end < length || end - length < skip) return 1;
    setSkip(p, end);
    checkValue(p, end - length, end);
    return 1;
  }
  const floor = max(skip, end > MAX_MATCH_BYTES ? end - MAX_MATCH_BYTES : 0);
  const start = leftmostStart(<usize>meta(p, 0), end, floor);
  if (start < 0) return 1; // no match of p ends here after its last one
  return finishMatch(p, <u32>start);
}

/** JS replays a report queued while p was pending (records from a fresh output region). */
export function replayReport(p: u32, end: u32): i32 {
  clearRecords();
  return resolveReport(p, end);
}

/** Tries again to decide the longest end of p's pending match. 1 when decided, 0 when still pending. */
export function retryPending(p: u32): i32 {
  clearRecords();
  const start = pendingOf(p);
  if (start == NONE) return 1;
  setPending(p, NONE);
  return finishMatch(p, start);
}

function finishMatch(p: u32, start: u32): i32 {
  const end = longestEnd(<usize>meta(p, 1), start, finalScan ? 1 : 0);
  if (isUndecided()) {
    setPending(p, start);
    writeRecord(PENDING, p, start, 0);
    return 0;
  }
  setSkip(p, <u32>end);
  // Longest first. When the longer value fails its check, a shorter end from the same start is
  // tried only where white space follows it: the longer match swallowed the next word ("… 7034
  // BIC"), not the rest of one token ("2001:db8::1::2" is no address, nor is its prefix).
  // The ends are copied out first: trimming a lead runs longestEnd again.
  const ends = keptEndCount();
  for (let k: u32 = 0; k < ends; k++) store<u32>(triedEnds + (<usize>k << 2), keptEnd(k));
  for (let k: u32 = 0; k < ends; k++) {
    const e = load<u32>(triedEnds + (<usize>k << 2));
    if (k > 0 && !spaceFollows(e)) continue;
    if (checkValue(p, start, e)) break;
  }
  return 1;
}

function spaceFollows(end: u32): bool {
  if (end - windowStart() >= windowLength()) return true;
  const b = load<u8>(windowPtr() + <usize>(end - windowStart()));
  return b == 0x20 || b == 0x09 || b == 0x0a || b == 0x0d;
}

const triedEnds = memory.data(8 * 4);

/** Trims the lead and the trail off the match and runs the validator; writes a CANDIDATE if it passes. */
function checkValue(p: u32, start: u32, end: u32): bool {
  let from = start;
  let to = end;
  const lead = meta(p, 4);
  if (lead != 0) {
    const leadEnd = leadLength(<usize>lead, start, end);
    if (leadEnd > start) from = leadEnd;
  }
  const trailLen = meta(p, 6);
  if (trailLen != 0 && to >= from + trailLen && endsWithTrail(to, <usize>meta(p, 5), trailLen)) to -= trailLen;
  if (from >= to) return false;
  const validator = meta(p, 2);
  if (validator != 0 && validate(<i32>validator, windowPtr() + <usize>(from - windowStart()), <i32>(to - from)) == 0) return false;
  const list = meta(p, 7);
  writeRecord(list != 0 && contextBefore(list - 1, from) ? CANDIDATE | WITH_CONTEXT : CANDIDATE, p, from, to);
  return true;
}

@inline function contextSlot(list: u32, k: u32): usize {
  return stateTable + (<usize>(patternCount * 2 + list * CONTEXT_KEPT + k) << 2);
}

/** Context words of a list are reported in the order they end: keep the last few. */
function rememberContext(list: u32, end: u32): void {
  for (let k: u32 = 0; k + 1 < CONTEXT_KEPT; k++) store<u32>(contextSlot(list, k), load<u32>(contextSlot(list, k + 1)));
  store<u32>(contextSlot(list, CONTEXT_KEPT - 1), end);
}

/** Whether the newest context word of the list ending at or before `from` ends close enough. */
function contextBefore(list: u32, from: u32): bool {
  for (let k = <i32>CONTEXT_KEPT - 1; k >= 0; k--) {
    const end = load<u32>(contextSlot(list, <u32>k));
    if (end == NONE) return false;
    if (end <= from) return from - end <= CONTEXT_BYTES;
  }
  return false;
}

/** End of the longest match of the lead automaton from `start` within the match (start if none). */
function leadLength(lead: usize, start: u32, end: u32): u32 {
  const leadEnd = longestEnd(lead, start, 1);
  return leadEnd > <i32>start && <u32>leadEnd <= end ? <u32>leadEnd : start;
}

function endsWithTrail(end: u32, trail: usize, len: u32): bool {
  const at = windowPtr() + <usize>(end - len - windowStart());
  for (let i: u32 = 0; i < len; i++) {
    if (load<u8>(at + <usize>i) != load<u8>(trail + <usize>i)) return false;
  }
  return true;
}
