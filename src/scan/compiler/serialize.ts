import { type ByteClasses, kindOfByte } from './byte-classes.js';
import type { Dfa } from './dfa.js';
import type { NfaTable } from './nfa-table.js';

/** Layout constants shared with assembly/automaton.ts. */
export const TABLES_MAGIC = 0x4e445243; // "CRDN"
export const DFA_CLASSES_OFFSET = 64;
export const DFA_TRANS_OFFSET = 320;
const HEADER_WORDS = 11;

const align16 = (n: number) => (n + 15) & ~15;

/**
 * One automaton as plain bytes (little-endian u32 words): 0 stride, 1 states, 3 first match
 * state, 4 end of match states, 5-7 start state per context (line, word, other), 8 end-of-input
 * column, 11 transitions offset; byte -> class at 64..320, transitions from 320.
 */
export function serializeDfa(dfa: Dfa): Uint8Array {
  const transBytes = dfa.trans.length * 4;
  const bytes = new Uint8Array(align16(DFA_TRANS_OFFSET + transBytes));
  const view = new DataView(bytes.buffer);
  const words: Array<[number, number]> = [
    [0, dfa.stride], [1, dfa.numStates], [3, dfa.matchLo], [4, dfa.matchHi],
    [5, dfa.start[0]], [6, dfa.start[1]], [7, dfa.start[2]], [8, dfa.stride - 1], [11, DFA_TRANS_OFFSET],
  ];
  for (const [i, w] of words) view.setUint32(i * 4, w, true);
  bytes.set(dfa.classes.map, DFA_CLASSES_OFFSET);
  bytes.set(new Uint8Array(dfa.trans.buffer, dfa.trans.byteOffset, transBytes), DFA_TRANS_OFFSET);
  return bytes;
}

/**
 * A compiled pattern set. Header words: magic, pattern count P, then offset/length pairs of the
 * scanning NFA's states, epsilon lists, starts, and its 256-byte class map, a digest of the
 * pattern sources (so tables compiled elsewhere can be checked against them); then per pattern
 * the offsets of its reverse and forward automata and the byte length all its matches have (-1
 * when they vary). Sections are 16-byte aligned.
 */
export function serializeTables(
  nfa: NfaTable,
  classes: ByteClasses,
  perPattern: Array<{ reverse: Dfa; forward: Dfa; fixedLength: number }>,
  digest: number,
): Uint8Array {
  const sections: Uint8Array[] = [
    new Uint8Array(nfa.states.buffer, nfa.states.byteOffset, nfa.states.byteLength),
    new Uint8Array(nfa.eps.buffer, nfa.eps.byteOffset, nfa.eps.byteLength),
    new Uint8Array(nfa.starts.buffer, nfa.starts.byteOffset, nfa.starts.byteLength),
    classes.map,
    ...perPattern.flatMap(({ reverse, forward }) => [serializeDfa(reverse), serializeDfa(forward)]),
  ];
  const headerBytes = align16((HEADER_WORDS + perPattern.length * 3) * 4);
  const offsets: number[] = [];
  let at = headerBytes;
  for (const s of sections) {
    offsets.push(at);
    at = align16(at + s.length);
  }
  const out = new Uint8Array(at);
  const view = new DataView(out.buffer);
  view.setUint32(0, TABLES_MAGIC, true);
  view.setUint32(4, perPattern.length, true);
  for (let i = 0; i < 4; i++) {
    view.setUint32(8 + i * 8, offsets[i], true);
    view.setUint32(12 + i * 8, sections[i].length, true);
  }
  view.setUint32(40, digest, true);
  perPattern.forEach(({ fixedLength }, p) => {
    const at = (HEADER_WORDS + p * 3) * 4;
    view.setUint32(at, offsets[4 + p * 2], true);
    view.setUint32(at + 4, offsets[5 + p * 2], true);
    view.setInt32(at + 8, fixedLength, true);
  });
  sections.forEach((s, i) => out.set(s, offsets[i]));
  return out;
}

export interface LoadedTables {
  patterns: number;
  /** Digest of the sources the tables were compiled from (sourcesDigest). */
  digest: number;
  nfa: NfaTable;
  classes: ByteClasses;
  /** Byte offsets, within the tables, of each pattern's reverse and forward automata. */
  dfaOffsets: Array<{ reverse: number; forward: number }>;
  /** Per pattern, the byte length all its matches have, or -1. */
  fixedLengths: number[];
}

/** Reads a compiled set back (no copies of the big parts: the DFAs stay in place). */
export function readTables(bytes: Uint8Array): LoadedTables {
  if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== TABLES_MAGIC) throw new Error('not a compiled pattern set');
  const patterns = view.getUint32(4, true);
  const section = (i: number) => ({ at: view.getUint32(8 + i * 8, true), len: view.getUint32(12 + i * 8, true) });
  const ints = (i: number) => {
    const { at, len } = section(i);
    return new Int32Array(bytes.buffer, bytes.byteOffset + at, len / 4);
  };
  const { at: classAt } = section(3);
  const map = bytes.slice(classAt, classAt + 256);
  const representative: number[] = [];
  for (let b = 0; b < 256; b++) if (representative[map[b]] === undefined) representative[map[b]] = b;
  const dfaOffsets = Array.from({ length: patterns }, (_, p) => ({
    reverse: view.getUint32((HEADER_WORDS + p * 3) * 4, true),
    forward: view.getUint32((HEADER_WORDS + p * 3 + 1) * 4, true),
  }));
  const fixedLengths = Array.from({ length: patterns }, (_, p) => view.getInt32((HEADER_WORDS + p * 3 + 2) * 4, true));
  return {
    patterns,
    digest: view.getUint32(40, true),
    nfa: { states: ints(0), eps: ints(1), starts: ints(2) },
    classes: { map, count: representative.length, representative, kind: representative.map(kindOfByte) },
    dfaOffsets,
    fixedLengths,
  };
}
