// The scanning automaton, determinized on demand. Only the states that text actually visits are
// built, so a union of many patterns costs what the text needs, not the product of the patterns.
// One LazyDfa is shared by every WASM instance of a scanner (the batch one and each stream's):
// it keeps the master copy of the transition table, which instances copy from, so a new stream
// starts warm. When the state cache fills up it is flushed (as RE2 does) and instances resync.
import { type LoadedTables } from './compiler/serialize.js';
import { Ctx, type DfaState, SubsetBuilder, TooManyStates } from './compiler/subset.js';

export const UNKNOWN = 0xffffffff;
const MATCH = 0x80000000;
const BUSY = 0x40000000;
/** Info column flag: some thread of the state sits in a loop, so its age is unbounded. */
const UNBOUNDED = 0x80000000;

export class LazyDfa {
  private readonly builder: SubsetBuilder;
  /** Columns per row: one per byte class, end of input, then the info column (not a transition). */
  readonly stride: number;
  readonly eotColumn: number;
  /** Per state: the most bytes a live thread can have consumed (or UNBOUNDED), for the holdback. */
  readonly infoColumn: number;
  private infoWritten = 0;
  /** Master transition table: flagged, premultiplied targets; UNKNOWN where not built yet. */
  readonly table: Uint32Array;
  /** Bumped by every flush: ids from an older generation mean nothing any more. */
  generation = 0;

  constructor(
    tables: LoadedTables,
    readonly capacity: number,
  ) {
    this.builder = new SubsetBuilder(tables.nfa, tables.classes, true, capacity);
    this.stride = this.builder.stride + 1;
    this.eotColumn = this.builder.eotColumn;
    this.infoColumn = this.builder.stride;
    this.table = new Uint32Array(capacity * this.stride).fill(UNKNOWN);
    this.starts();
  }

  /** Fills the info column of states built since the last call. */
  private writeInfo(): void {
    for (let i = this.infoWritten; i < this.builder.size; i++) {
      const oldest = this.builder.oldestThread(i);
      this.table[i * this.stride + this.infoColumn] = oldest < 0 ? UNBOUNDED : oldest;
    }
    this.infoWritten = this.builder.size;
  }

  get size(): number {
    return this.builder.size;
  }

  get classMap(): Uint8Array {
    return this.builder.classes.map;
  }

  /** Start state ids (premultiplied) for a line start, after a word byte, after another byte. */
  starts(): [number, number, number] {
    const ids = [Ctx.Line, Ctx.Word, Ctx.Other].map((c) => this.builder.start(c) * this.stride);
    this.writeInfo();
    return ids as [number, number, number];
  }

  /** Pattern indices (within the set) reported on entering state `id` (premultiplied). */
  matchesOf(id: number): number[] {
    return this.builder.states[id / this.stride].matches;
  }

  /** The state behind an id of the current generation; it stays valid across flushes. */
  stateAt(id: number): DfaState {
    return this.builder.states[id / this.stride];
  }

  /** Id of `state` in the current generation, building it if the cache was flushed since. */
  idOf(state: DfaState): number {
    const id = this.internOrFlush(state) * this.stride;
    this.writeInfo();
    return id;
  }

  /**
   * The transition from `state` (premultiplied) on `column`, building it if needed. May flush the
   * cache: then `state` is re-made first, and `remapped` says the caller's new id for it.
   */
  lookup(state: number, column: number): { value: number; remapped?: number } {
    const known = this.table[state + column];
    if (known !== UNKNOWN) return { value: known };
    try {
      return { value: this.build(state, column) };
    } catch (e) {
      if (!(e instanceof TooManyStates)) throw e;
    }
    const current = this.stateAt(state);
    this.flush();
    const remapped = this.idOf(current);
    return { value: this.build(remapped, column), remapped };
  }

  private build(state: number, column: number): number {
    const index = this.builder.transition(state / this.stride, column);
    const st = this.builder.states[index];
    let value = index * this.stride;
    if (st.matches.length > 0) value |= MATCH;
    if (st.set.length > 0) value |= BUSY;
    this.table[state + column] = value >>> 0;
    this.writeInfo();
    return value >>> 0;
  }

  private internOrFlush(state: DfaState): number {
    try {
      return this.builder.intern(state.set, state.ctx, state.matches, state.fresh);
    } catch (e) {
      if (!(e instanceof TooManyStates)) throw e;
      this.flush();
      return this.builder.intern(state.set, state.ctx, state.matches, state.fresh);
    }
  }

  private flush(): void {
    this.table.fill(UNKNOWN, 0, this.builder.size * this.stride);
    this.builder.clear();
    this.infoWritten = 0;
    this.starts();
    this.generation++;
  }
}
