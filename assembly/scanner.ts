// The streaming executor. Bytes live in the window (memory.ts); `winStart` is the stream offset of
// window[0]. Each scanning automaton keeps its state between calls, so a stream is scanned chunk by
// chunk and a match across chunks is found like any other.
import { windowBase, outBase, outCapacity, growWindow } from './memory';
import { resolveMatch, skipOf } from './resolve';
import { CLASSES, eotColumn, startState, transitions } from './automaton';

const MAX_GROUPS = 4; // the catalog's two automata, a custom set, one spare
const groupDfa = memory.data(MAX_GROUPS * 4);
const groupState_ = memory.data(MAX_GROUPS * 4);
const groupPos = memory.data(MAX_GROUPS * 4); // stream offset of the next byte to scan
const groupHold = memory.data(MAX_GROUPS * 4); // stream offset where the oldest thread still alive may have started
let groups: i32 = 0;

let winStart: u32 = 0;
let winLen: u32 = 0;
/** Streams track where a match in progress may have started (see runGroup). */
let tracking: bool = false;
let outCount: u32 = 0;

@inline function getU32(table: usize, g: i32): u32 { return load<u32>(table + (<usize>g << 2)); }
@inline function setU32(table: usize, g: i32, v: u32): void { store<u32>(table + (<usize>g << 2), v); }

export function addGroup(dfa: usize): i32 {
  if (groups == MAX_GROUPS) return -1;
  setU32(groupDfa, groups, <u32>dfa);
  groups++;
  return groups - 1;
}

/** Starts a new text: every automaton at its text-start state, an empty window. */
export function resetStream(): void {
  winStart = 0;
  winLen = 0;
  tracking = false;
  outCount = 0;
  for (let g = 0; g < groups; g++) {
    setU32(groupState_, g, startState(<usize>getU32(groupDfa, g), 0));
    setU32(groupPos, g, 0);
    setU32(groupHold, g, 0);
  }
}

/**
 * Cuts the text here without losing the window: every automaton starts over as at a text start,
 * at the current end. Used when a stream's holdback hits its cap.
 */
export function restart(): void {
  const end = winStart + winLen;
  for (let g = 0; g < groups; g++) {
    setU32(groupState_, g, startState(<usize>getU32(groupDfa, g), 0));
    setU32(groupPos, g, end);
    setU32(groupHold, g, end);
  }
}

// A scanner serves many streams from one instance: a stream's position in the text lives in this
// record between its calls (JS keeps the record and the window bytes while another stream runs).
const CONTEXT_WORDS = 3 + MAX_GROUPS * 3;
const contextRecord = memory.data(CONTEXT_WORDS * 4);

export function contextPtr(): usize { return contextRecord; }
export function contextBytes(): u32 { return CONTEXT_WORDS * 4; }

/** Writes this stream's position (not its window bytes) to the context record. */
export function saveContext(): void {
  store<u32>(contextRecord, winStart);
  store<u32>(contextRecord, winLen, 4);
  store<u32>(contextRecord, tracking ? 1 : 0, 8);
  for (let g = 0; g < MAX_GROUPS; g++) {
    const at = contextRecord + 12 + (<usize>g * 12);
    store<u32>(at, getU32(groupState_, g));
    store<u32>(at, getU32(groupPos, g), 4);
    store<u32>(at, getU32(groupHold, g), 8);
  }
}

/** Takes a stream's position back from the context record; JS has put its window bytes back. */
export function loadContext(): void {
  winStart = load<u32>(contextRecord);
  winLen = load<u32>(contextRecord, 4);
  tracking = load<u32>(contextRecord, 8) != 0;
  for (let g = 0; g < MAX_GROUPS; g++) {
    const at = contextRecord + 12 + (<usize>g * 12);
    setU32(groupState_, g, load<u32>(at));
    setU32(groupPos, g, load<u32>(at, 4));
    setU32(groupHold, g, load<u32>(at, 8));
  }
}

export function windowStart(): u32 { return winStart; }
export function windowLength(): u32 { return winLen; }
export function windowPtr(): usize { return windowBase; }
export function outPtr(): usize { return outBase; }

/** Makes room for `n` more bytes and returns where JS should write them. */
export function reserve(n: u32): usize {
  growWindow(winLen + n);
  return windowBase + <usize>winLen;
}

/** Adds the `n` bytes JS wrote at reserve()'s pointer to the window. */
export function commit(n: u32): void {
  winLen += n;
}

// Scanning automata are determinized lazily by JS (src/scan/lazy-dfa.ts): a transition not built
// yet reads UNKNOWN, and the scan stops there until JS has filled it in. A built transition
// carries one flag, MATCH: the state it leads to reports matches. Only that rare case costs a
// mask; otherwise the value read is the next state as is. Each row ends with two info columns:
// the age of the oldest live thread (for the holdback; 0 when none is alive) and, for match
// states, where the state's pattern list starts.
const UNKNOWN: u32 = 0xffffffff;
const MATCH: u32 = 0x80000000;
const ID_MASK: u32 = 0x7fffffff;
/** Age column flag: a thread of the state sits in a loop and may be arbitrarily old. */
const UNBOUNDED: u32 = 0x80000000;

let missGroup: i32 = -1;
let missState: u32 = 0;
let missColumn: u32 = 0;
export function missedGroup(): i32 { return missGroup; }
export function missedState(): u32 { return missState; }
export function missedColumn(): u32 { return missColumn; }
export function groupState(g: i32): u32 { return getU32(groupState_, g); }
export function setGroupState(g: i32, s: u32): void { setU32(groupState_, g, s); }

/**
 * Runs every automaton over the committed bytes it has not seen yet, resolving each report on
 * the spot (resolve.ts) and writing records for JS. Returns how many. Stops early when the output
 * region is full or a transition is missing (missedGroup() >= 0); scanDone() tells whether every
 * automaton reached the end.
 */
export function scan(): u32 {
  outCount = 0;
  missGroup = -1;
  const end = winStart + winLen;
  let g = 0;
  // Two automata run interleaved over the same bytes: their table lookups are independent, so
  // the CPU overlaps them instead of waiting for one chain of dependent loads.
  if (groups >= 2 && getU32(groupPos, 0) == getU32(groupPos, 1)) {
    if (!runPair(end)) return outCount;
    g = 2;
  }
  for (; g < groups; g++) {
    if (!runGroup(g, end)) break;
  }
  return outCount;
}

export function scanDone(): i32 {
  const end = winStart + winLen;
  for (let g = 0; g < groups; g++) if (getU32(groupPos, g) != end) return 0;
  return 1;
}

/** Streams track where a match in progress may have started; whole texts skip that work. */
export function trackHold(on: i32): void {
  tracking = on != 0;
}

/** Records are 3 words: kind << 24 | pattern, then two offsets (see resolve.ts). */
export const RECORD_WORDS: u32 = 3;

export function clearRecords(): void { outCount = 0; }
export function recordCount(): u32 { return outCount; }

export function writeRecord(kind: u32, p: u32, a: u32, b: u32): void {
  const rec = outBase + <usize>(outCount * RECORD_WORDS * 4);
  store<u32>(rec, (kind << 24) | p);
  store<u32>(rec, a, 4);
  store<u32>(rec, b, 8);
  outCount++;
}

/** Resolves the reports of match state `state` ending at `end`; false (nothing done) if out of room. */
@inline function emitMatches(dfa: usize, trans: usize, state: u32, end: u32): bool {
  const list = load<usize>(dfa, 56) + (<usize>load<u32>(trans + (<usize>(state + load<u32>(dfa, 52)) << 2)) << 2);
  const count = load<u32>(list);
  if (outCount + count > outCapacity) return false;
  const base = load<u32>(dfa, 60);
  for (let k: u32 = 0; k < count; k++) {
    const p = base + load<u32>(list + 4 + (<usize>k << 2));
    if (end > skipOf(p)) resolveMatch(p, end);
  }
  return true;
}

/** Bound on where a live thread may have started, after entering `state` at offset i. */
@inline function holdAfter(trans: usize, ageColumn: u32, state: u32, i: u32, hold: u32): u32 {
  const info = load<u32>(trans + (<usize>(state + ageColumn) << 2));
  const age = info & ~UNBOUNDED; // an upper bound: it may exceed what was actually read
  const bound = i > age ? i - age : 0;
  return (info & UNBOUNDED) ? min(hold, bound) : bound;
}

/**
 * runGroup for groups 0 and 1 at once. Both lookups of a byte happen before either state is
 * committed, so a missing transition or a full output region stops both at the same byte.
 */
function runPair(end: u32): bool {
  const dfa0 = <usize>getU32(groupDfa, 0);
  const dfa1 = <usize>getU32(groupDfa, 1);
  const trans0 = transitions(dfa0);
  const trans1 = transitions(dfa1);
  const classes0 = dfa0 + CLASSES;
  const classes1 = dfa1 + CLASSES;
  const win = windowBase - <usize>winStart;
  const track = tracking;
  let s0 = getU32(groupState_, 0);
  let s1 = getU32(groupState_, 1);
  let hold0 = getU32(groupHold, 0);
  let hold1 = getU32(groupHold, 1);
  let i = getU32(groupPos, 0);
  let complete = true;
  while (i < end) {
    const b = <usize>load<u8>(win + <usize>i);
    const c0 = <u32>load<u8>(classes0 + b);
    const c1 = <u32>load<u8>(classes1 + b);
    let n0 = load<u32>(trans0 + (<usize>(s0 + c0) << 2));
    let n1 = load<u32>(trans1 + (<usize>(s1 + c1) << 2));
    if ((n0 | n1) & MATCH) {
      if (n0 == UNKNOWN || n1 == UNKNOWN) {
        missGroup = n0 == UNKNOWN ? 0 : 1;
        missState = n0 == UNKNOWN ? s0 : s1;
        missColumn = n0 == UNKNOWN ? c0 : c1;
        complete = false;
        break;
      }
      if (!roomFor(dfa0, trans0, n0, dfa1, trans1, n1)) {
        complete = false;
        break;
      }
      if (n0 & MATCH) {
        n0 &= ID_MASK;
        emitMatches(dfa0, trans0, n0, i);
      }
      if (n1 & MATCH) {
        n1 &= ID_MASK;
        emitMatches(dfa1, trans1, n1, i);
      }
    }
    s0 = n0;
    s1 = n1;
    i++;
    if (track) {
      hold0 = holdAfter(trans0, load<u32>(dfa0, 48), s0, i, hold0);
      hold1 = holdAfter(trans1, load<u32>(dfa1, 48), s1, i, hold1);
    }
  }
  setU32(groupState_, 0, s0);
  setU32(groupState_, 1, s1);
  setU32(groupHold, 0, track ? hold0 : i);
  setU32(groupHold, 1, track ? hold1 : i);
  setU32(groupPos, 0, i);
  setU32(groupPos, 1, i);
  return complete;
}

/** Whether the output region can take every record the two (flagged) states may write. */
function roomFor(dfa0: usize, trans0: usize, n0: u32, dfa1: usize, trans1: usize, n1: u32): bool {
  let count: u32 = 0;
  if (n0 & MATCH) count += listLength(dfa0, trans0, n0 & ID_MASK);
  if (n1 & MATCH) count += listLength(dfa1, trans1, n1 & ID_MASK);
  return outCount + count <= outCapacity;
}

@inline function listLength(dfa: usize, trans: usize, state: u32): u32 {
  return load<u32>(load<usize>(dfa, 56) + (<usize>load<u32>(trans + (<usize>(state + load<u32>(dfa, 52)) << 2)) << 2));
}

function runGroup(g: i32, end: u32): bool {
  const dfa = <usize>getU32(groupDfa, g);
  const trans = transitions(dfa);
  const classes = dfa + CLASSES;
  const win = windowBase - <usize>winStart; // win + streamOffset addresses the byte
  const ageColumn = load<u32>(dfa, 48);
  const track = tracking;
  let s = getU32(groupState_, g);
  let hold = getU32(groupHold, g);
  let i = getU32(groupPos, g);
  let complete = true;
  while (i < end) {
    const column = <u32>load<u8>(classes + <usize>load<u8>(win + <usize>i));
    let next = load<u32>(trans + (<usize>(s + column) << 2));
    if (next & MATCH) {
      if (next == UNKNOWN) {
        missGroup = g;
        missState = s;
        missColumn = column;
        complete = false;
        break;
      }
      next &= ID_MASK;
      if (!emitMatches(dfa, trans, next, i)) {
        complete = false;
        break;
      }
    }
    s = next;
    i++;
    // The earliest offset where a thread still alive may have started: a state whose threads
    // are all at most `age` bytes old bounds it to i - age (i itself when none is alive); one
    // with a thread in a loop keeps the bound it inherited.
    if (track) hold = holdAfter(trans, ageColumn, s, i, hold);
  }
  setU32(groupState_, g, s);
  setU32(groupHold, g, track ? hold : i);
  setU32(groupPos, g, i);
  return complete;
}

/**
 * Ends the text: takes every automaton's end-of-input transition (JS makes sure those are built)
 * and reports the matches that end exactly at the end. Returns the record count.
 */
export function finish(): u32 {
  outCount = 0;
  const end = winStart + winLen;
  for (let g = 0; g < groups; g++) {
    const dfa = <usize>getU32(groupDfa, g);
    const trans = transitions(dfa);
    const next = load<u32>(trans + (<usize>(getU32(groupState_, g) + eotColumn(dfa)) << 2));
    if ((next & MATCH) && next != UNKNOWN) emitMatches(dfa, trans, next & ID_MASK, end);
    setU32(groupState_, g, next & ID_MASK);
    setU32(groupHold, g, end);
  }
  return outCount;
}

/** Smallest stream offset from which some automaton may still be inside a match. */
export function holdFrom(): u32 {
  let min = winStart + winLen;
  for (let g = 0; g < groups; g++) {
    const idle = getU32(groupHold, g);
    if (idle < min) min = idle;
  }
  return min;
}

/**
 * Drops window bytes before `offset`, keeping one more byte as context for ^ and \b.
 * Automata that have not scanned those bytes yet keep them.
 */
export function discardBefore(offset: u32): void {
  let keepFrom = offset > 0 ? offset - 1 : 0;
  for (let g = 0; g < groups; g++) {
    const pos = getU32(groupPos, g);
    if (pos < keepFrom) keepFrom = pos;
  }
  if (keepFrom <= winStart) return;
  const drop = keepFrom - winStart;
  memory.copy(windowBase, windowBase + <usize>drop, <usize>(winLen - drop));
  winStart = keepFrom;
  winLen -= drop;
}
