import type { ByteClasses } from './byte-classes.js';
import type { NfaTable } from './nfa-table.js';
import { Ctx, SubsetBuilder, TooManyStates } from './subset.js';

export class DfaTooLarge extends Error {}

/**
 * A complete DFA with states renumbered so the executor tells them apart with comparisons:
 * [dead][idle, no match][idle, match][busy, match][busy, no match]. "Idle" means no partial match
 * is in progress. Transitions are premultiplied: a state id is its index times `stride`.
 */
export interface Dfa {
  classes: ByteClasses;
  stride: number;
  numStates: number;
  trans: Uint32Array;
  idleLimit: number;
  matchLo: number;
  matchHi: number;
  /** Start state for each Ctx. */
  start: [number, number, number];
  /** Pattern ids reported by each match state, in state order. */
  matchLists: number[][];
}

/** Builds every reachable state up front: used for the small per-pattern automata. */
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
  const rank = (id: number): number => {
    if (id === 0) return 0;
    const match = builder.states[id].matches.length > 0;
    if (builder.isIdle(id)) return match ? 2 : 1;
    return match ? 3 : 4;
  };
  const order = rows.map((_, id) => ({ id, rank: rank(id) })).sort((a, b) => a.rank - b.rank || a.id - b.id);
  const newIndex = new Int32Array(rows.length);
  order.forEach((o, i) => (newIndex[o.id] = i));
  const trans = new Uint32Array(rows.length * stride);
  order.forEach((o, i) => {
    for (let c = 0; c < stride; c++) trans[i * stride + c] = newIndex[rows[o.id][c]] * stride;
  });
  const firstWithRank = (k: number): number => {
    const i = order.findIndex((o) => o.rank >= k);
    return (i === -1 ? order.length : i) * stride;
  };
  return {
    classes: builder.classes,
    stride,
    numStates: rows.length,
    trans,
    idleLimit: firstWithRank(3),
    matchLo: firstWithRank(2),
    matchHi: firstWithRank(4),
    start: [newIndex[starts[0]] * stride, newIndex[starts[1]] * stride, newIndex[starts[2]] * stride],
    matchLists: order.filter((o) => o.rank === 2 || o.rank === 3).map((o) => builder.states[o.id].matches),
  };
}
