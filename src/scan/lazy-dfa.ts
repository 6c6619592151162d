// The scanning automaton, determinized on demand. Only the states that text actually visits are
// built, so a union of many patterns costs what the text needs, not the product of the patterns.
// When the state cache fills up it is flushed and rebuilt from the current state (as RE2 does).
import { type LoadedTables } from './compiler/serialize.js';
import { Ctx, SubsetBuilder, TooManyStates } from './compiler/subset.js';

export const UNKNOWN = 0xffffffff;
const MATCH = 0x80000000;
const BUSY = 0x40000000;

export interface Step {
  /** The flagged transition value to store at `state + column`. */
  value: number;
  /** Set when the cache was flushed: every stored transition is void, `state` is the current state's new id. */
  flushedTo?: number;
}

export class LazyDfa {
  private readonly builder: SubsetBuilder;
  readonly stride: number;
  readonly eotColumn: number;

  constructor(
    tables: LoadedTables,
    readonly capacity: number,
  ) {
    this.builder = new SubsetBuilder(tables.nfa, tables.classes, true, capacity);
    this.stride = this.builder.stride;
    this.eotColumn = this.builder.eotColumn;
    this.starts();
  }

  get size(): number {
    return this.builder.size;
  }

  get classMap(): Uint8Array {
    return this.builder.classes.map;
  }

  /** Start state ids (premultiplied) for a line start, after a word byte, after another byte. */
  starts(): [number, number, number] {
    return [Ctx.Line, Ctx.Word, Ctx.Other].map((c) => this.builder.start(c) * this.stride) as [number, number, number];
  }

  /** Pattern indices (within the set) reported on entering state `id` (premultiplied). */
  matchesOf(id: number): number[] {
    return this.builder.states[id / this.stride].matches;
  }

  step(state: number, column: number): Step {
    try {
      return { value: this.flagged(this.builder.transition(state / this.stride, column)) };
    } catch (e) {
      if (!(e instanceof TooManyStates)) throw e;
    }
    const current = this.builder.states[state / this.stride];
    this.builder.clear();
    this.starts();
    const moved = this.builder.intern(current.set, current.ctx, current.matches, current.fresh);
    return { value: this.flagged(this.builder.transition(moved, column)), flushedTo: moved * this.stride };
  }

  private flagged(index: number): number {
    const st = this.builder.states[index];
    let v = index * this.stride;
    if (st.matches.length > 0) v |= MATCH;
    if (st.set.length > 0) v |= BUSY;
    return v >>> 0;
  }
}
