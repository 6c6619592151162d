// The scanning automaton, determinized on demand. Only the states that text actually visits are
// built, so a union of many patterns costs what the text needs, not the product of the patterns.
// One LazyDfa is shared by every context of a scanner and by every scanner built from the same
// compiled set: it keeps the master copy of the table that WASM instances copy from. When the
// state cache fills up it is flushed (as RE2 does) and instances resync.
import { type LoadedTables } from './compiler/serialize.js';
import { Ctx, type DfaState, SubsetBuilder, TooManyStates } from './compiler/subset.js';

export const UNKNOWN = 0xffffffff;
const MATCH = 0x80000000;
/** Info column flag: some thread of the state sits in a loop, so its age is unbounded. */
const UNBOUNDED = 0x80000000;
/** Words of match lists per cached state; a set whose lists outgrow this flushes. */
const LIST_WORDS_PER_STATE = 4;

/**
 * Row layout: one column per byte class, the end-of-input column, then two info columns that are
 * not transitions: the most bytes a live thread can have read (or UNBOUNDED), for the stream
 * holdback; and for match states the offset of their pattern list ([count, ids...]) in `lists`.
 */
export class LazyDfa {
  private readonly builder: SubsetBuilder;
  readonly stride: number;
  readonly eotColumn: number;
  readonly ageColumn: number;
  readonly listColumn: number;
  /** Master transition table: flagged, premultiplied targets; UNKNOWN where not built yet. */
  readonly table: Uint32Array;
  /** Pattern lists of match states, appended as they are built. */
  readonly lists: Uint32Array;
  listLength = 1; // word 0 stays an empty list
  /** Bumped by every flush: ids from an older generation mean nothing any more. */
  generation = 0;
  private described = 0;

  constructor(
    tables: LoadedTables,
    readonly capacity: number,
  ) {
    this.builder = new SubsetBuilder(tables.nfa, tables.classes, true, capacity);
    this.stride = this.builder.stride + 2;
    this.eotColumn = this.builder.eotColumn;
    this.ageColumn = this.builder.stride;
    this.listColumn = this.builder.stride + 1;
    this.table = new Uint32Array(capacity * this.stride).fill(UNKNOWN);
    this.lists = new Uint32Array(capacity * LIST_WORDS_PER_STATE);
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
    const ids = [Ctx.Line, Ctx.Word, Ctx.Other].map((c) => this.builder.start(c) * this.stride);
    this.describe();
    return ids as [number, number, number];
  }

  /** The state behind an id of the current generation; it stays valid across flushes. */
  stateAt(id: number): DfaState {
    return this.builder.states[id / this.stride];
  }

  /** Id of `state` in the current generation, building it if the cache was flushed since. */
  idOf(state: DfaState): number {
    let index: number;
    try {
      index = this.builder.intern(state.set, state.ctx, state.matches, state.fresh);
      this.describe();
    } catch (e) {
      if (!(e instanceof TooManyStates)) throw e;
      this.flush();
      index = this.builder.intern(state.set, state.ctx, state.matches, state.fresh);
      this.describe();
    }
    return index * this.stride;
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
    this.describe();
    const st = this.builder.states[index];
    let value = index * this.stride;
    if (st.matches.length > 0) value |= MATCH;
    this.table[state + column] = value >>> 0;
    return value >>> 0;
  }

  /** Fills the info columns of the states built since the last call. */
  private describe(): void {
    for (let i = this.described; i < this.builder.size; i++) {
      const row = i * this.stride;
      const oldest = this.builder.oldestThread(i);
      this.table[row + this.ageColumn] = oldest < 0 ? UNBOUNDED : oldest;
      const { matches } = this.builder.states[i];
      if (matches.length === 0) {
        this.table[row + this.listColumn] = 0;
        continue;
      }
      if (this.listLength + 1 + matches.length > this.lists.length) throw new TooManyStates();
      this.table[row + this.listColumn] = this.listLength;
      this.lists[this.listLength] = matches.length;
      this.lists.set(matches, this.listLength + 1);
      this.listLength += 1 + matches.length;
    }
    this.described = this.builder.size;
  }

  private flush(): void {
    this.table.fill(UNKNOWN, 0, this.builder.size * this.stride);
    this.builder.clear();
    this.described = 0;
    this.listLength = 1;
    this.starts();
    this.generation++;
  }
}
