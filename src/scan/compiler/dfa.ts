import type { ByteClasses } from './byte-classes.js';
import type { NfaTable } from './nfa-table.js';
import { Ctx, SubsetBuilder, TooManyStates } from './subset.js';

export class DfaTooLarge extends Error {}

/**
 * A complete DFA with states renumbered so the executor tells them apart with comparisons:
 * [dead][no match][match]. Transitions are premultiplied: a state id is its index times `stride`.
 */
export interface Dfa {
  classes: ByteClasses;
  stride: number;
  numStates: number;
  trans: Uint32Array;
  /** Match states are the ids in [matchLo, matchHi). */
  matchLo: number;
  matchHi: number;
  /** Start state for each Ctx. */
  start: [number, number, number];
}

/** Builds every reachable state up front: used for the small per-pattern (anchored) automata. */
export function buildDfa(nfa: NfaTable, classes: ByteClasses, unanchored: boolean, maxStates: number): Dfa {
  const builder = new SubsetBuilder(nfa, classes, unanchored, maxStates);
  const rows: Int32Array[] = [new Int32Array(builder.stride)];
  try {
    const starts: [number, number, number] = [builder.start(Ctx.Line), builder.start(Ctx.Word), builder.start(Ctx.Other)];
    for (let id = 1; id < builder.size; id++) {
      const row = new Int32Array(builder.stride);
      for (let c = 0; c < builder.stride; c++) row[c] = builder.transition(id, c);
      rows.push(row);
    }
    return renumber(builder, rows, starts);
  } catch (e) {
    if (e instanceof TooManyStates) throw new DfaTooLarge();
    throw e;
  }
}

function renumber(builder: SubsetBuilder, rows: Int32Array[], starts: [number, number, number]): Dfa {
  const { stride } = builder;
  const rank = (id: number): number => (id === 0 ? 0 : builder.states[id].matches.length > 0 ? 2 : 1);
  const order = rows.map((_, id) => ({ id, rank: rank(id) })).sort((a, b) => a.rank - b.rank || a.id - b.id);
  const newIndex = new Int32Array(rows.length);
  order.forEach((o, i) => (newIndex[o.id] = i));
  const trans = new Uint32Array(rows.length * stride);
  order.forEach((o, i) => {
    for (let c = 0; c < stride; c++) trans[i * stride + c] = newIndex[rows[o.id][c]] * stride;
  });
  const firstMatch = order.findIndex((o) => o.rank === 2);
  return {
    classes: builder.classes,
    stride,
    numStates: rows.length,
    trans,
    matchLo: (firstMatch === -1 ? order.length : firstMatch) * stride,
    matchHi: order.length * stride,
    start: [newIndex[starts[0]] * stride, newIndex[starts[1]] * stride, newIndex[starts[2]] * stride],
  };
}
