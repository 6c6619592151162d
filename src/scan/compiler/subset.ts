import { type ByteClasses, CharKind } from './byte-classes.js';
import { Assert, Kind, type NfaTable, stateCount } from './nfa-table.js';

/** What the previous byte was, as far as ^ and \b care. Text start counts as a line start. */
export const enum Ctx {
  Line = 0,
  Word = 1,
  Other = 2,
}

/** What comes next: a byte of some kind, or the end of the input. */
export const END = 3;
type NextKind = CharKind | typeof END;

export class TooManyStates extends Error {}

interface Closure {
  matches: number[];
  /** States with byte transitions the state's own threads reached (fresh starts apart). */
  live: number[];
}

export interface DfaState {
  set: number[];
  ctx: Ctx;
  /** Patterns whose match ended just before the byte that led here. */
  matches: number[];
  /** Whether the pattern starts are added at the next step (always, when unanchored). */
  fresh: boolean;
  closures: Array<Closure | undefined>;
}

/**
 * Subset construction with the one-byte lookaround that ^, $ and \b need folded into the state.
 * A state entered by consuming byte i reports the patterns whose match ended just before byte i:
 * only then is the byte after the match known. The end-of-input column reports matches at the
 * very end. Matches that consumed no bytes are never reported.
 *
 * States are made on demand (`transition`), so the same builder serves the eager per-pattern
 * automata and the lazy scanning automaton, which only ever builds the states text visits.
 * State 0 is the dead state.
 */
export class SubsetBuilder {
  readonly states: DfaState[] = [];
  readonly stride: number;
  readonly eotColumn: number;
  private readonly ids = new Map<string, number>();
  private readonly inClass: Uint8Array; // [nfaState * classes + class] = 1 when the byte range covers it
  private readonly stamp: Int32Array;
  private generation = 0;
  /**
   * What the pattern starts contribute depends only on the context before and the kind of the
   * next byte, not on the state: per (ctx, kind), the byte states of their closure, and per
   * column the sorted targets. Computing that once instead of per state is most of the work of
   * building a state of an unanchored automaton with many patterns.
   */
  private readonly freshLive: Array<number[] | undefined> = [];
  private readonly freshTargets: Array<number[] | undefined> = [];
  /** Most bytes a thread can have consumed on reaching each NFA state; -1 when unbounded (a loop). */
  private readonly maxAge: Int32Array;

  constructor(
    private readonly nfa: NfaTable,
    readonly classes: ByteClasses,
    private readonly unanchored: boolean,
    private readonly maxStates: number,
  ) {
    this.stride = classes.count + 1;
    this.eotColumn = classes.count;
    const n = stateCount(nfa);
    this.stamp = new Int32Array(n);
    this.maxAge = computeMaxAge(nfa);
    this.inClass = new Uint8Array(n * classes.count);
    for (let s = 0; s < n; s++) {
      if (nfa.states[s * 4] !== Kind.Byte) continue;
      for (let b = nfa.states[s * 4 + 1]; b <= nfa.states[s * 4 + 2]; b++) {
        this.inClass[s * classes.count + classes.map[b]] = 1;
      }
    }
    this.clear();
  }

  /** Forgets every state (a full cache is flushed this way); the dead state stays 0. */
  clear(): void {
    this.states.length = 0;
    this.ids.clear();
    this.states.push({ set: [], ctx: Ctx.Line, matches: [], fresh: false, closures: [] });
  }

  get size(): number {
    return this.states.length;
  }

  start(ctx: Ctx): number {
    return this.intern([], ctx, [], true);
  }

  /** Index of the state reached from state `from` by `column` (the end-of-input column included). */
  transition(from: number, column: number): number {
    const st = this.states[from];
    if (from === 0) return 0;
    const next: NextKind = column === this.eotColumn ? END : this.classes.kind[column];
    const closure = (st.closures[next] ??= this.close(st, next));
    if (next === END) return this.intern([], Ctx.Line, closure.matches, false);
    const width = this.classes.count;
    const own: number[] = [];
    for (const s of closure.live) {
      if (this.inClass[s * width + column] === 1) own.push(this.nfa.states[s * 4 + 3]);
    }
    const fresh = st.fresh ? this.freshTargetsOf(st.ctx, next, column) : [];
    const set = own.length === 0 ? fresh : [...new Set([...fresh, ...own])].sort((a, b) => a - b);
    // CharKind.Newline/Word/Other line up with Ctx.Line/Word/Other.
    return this.intern(set, next as number as Ctx, closure.matches, this.unanchored);
  }

  /**
   * The most bytes any thread of state `index` can have consumed, or -1 when some thread sits in a
   * loop (its start is then bounded only by where the state was last entered from a bounded one).
   */
  oldestThread(index: number): number {
    let oldest = 0;
    for (const s of this.states[index].set) {
      const age = this.maxAge[s];
      if (age < 0) return -1;
      if (age > oldest) oldest = age;
    }
    return oldest;
  }

  intern(set: number[], ctx: Ctx, matches: number[], fresh: boolean): number {
    if (!fresh && set.length === 0) {
      if (matches.length === 0) return 0;
      ctx = Ctx.Line; // only the dead state follows: the context no longer matters
    }
    const key = `${fresh ? 1 : 0}${ctx}|${matches.join(',')}|${set.join(',')}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      if (this.states.length >= this.maxStates) throw new TooManyStates();
      id = this.states.length;
      this.ids.set(key, id);
      this.states.push({ set, ctx, matches, fresh, closures: [] });
    }
    return id;
  }

  private close(st: DfaState, next: NextKind): Closure {
    const progressed = this.closure(st.set, st.ctx, next);
    const matches: number[] = [];
    const live: number[] = [];
    for (const s of progressed) {
      const kind = this.nfa.states[s * 4];
      if (kind === Kind.Match) matches.push(this.nfa.states[s * 4 + 1]);
      else if (kind === Kind.Byte) live.push(s);
    }
    return { matches: [...new Set(matches)].sort((a, b) => a - b), live };
  }

  /** Sorted targets on `column` of the threads the pattern starts begin (cached per ctx, kind, column). */
  private freshTargetsOf(ctx: Ctx, next: NextKind, column: number): number[] {
    const width = this.classes.count;
    const slot = (ctx * 4 + next) * width + column;
    const cached = this.freshTargets[slot];
    if (cached) return cached;
    let live = this.freshLive[ctx * 4 + next];
    if (!live) {
      live = this.closure(this.nfa.starts, ctx, next).filter((s) => this.nfa.states[s * 4] === Kind.Byte);
      this.freshLive[ctx * 4 + next] = live;
    }
    const targets: number[] = [];
    for (const s of live) if (this.inClass[s * width + column] === 1) targets.push(this.nfa.states[s * 4 + 3]);
    const sorted = [...new Set(targets)].sort((a, b) => a - b);
    this.freshTargets[slot] = sorted;
    return sorted;
  }

  private closure(seeds: ArrayLike<number>, ctx: Ctx, next: NextKind): number[] {
    const gen = ++this.generation;
    const { states, eps } = this.nfa;
    const out: number[] = [];
    const stack = Array.from(seeds);
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (this.stamp[s] === gen) continue;
      this.stamp[s] = gen;
      out.push(s);
      const o = s * 4;
      switch (states[o]) {
        case Kind.Eps:
          for (let i = 0; i < states[o + 2]; i++) stack.push(eps[states[o + 1] + i]);
          break;
        case Kind.Assert:
          if (assertionHolds(states[o + 1], ctx, next)) stack.push(states[o + 2]);
          break;
      }
    }
    return out;
  }
}

function assertionHolds(kind: Assert, ctx: Ctx, next: NextKind): boolean {
  switch (kind) {
    case Assert.LineStart:
      return ctx === Ctx.Line;
    case Assert.LineEnd:
      return next === CharKind.Newline || next === END;
    case Assert.WordBoundary:
      return (ctx === Ctx.Word) !== (next === CharKind.Word);
    case Assert.NotWordBoundary:
      return (ctx === Ctx.Word) === (next === CharKind.Word);
  }
}

/**
 * Longest byte path to each NFA state (topological order, Kahn's algorithm: linear). States on or
 * after a cycle never reach in-degree 0 and get -1: a thread there may be arbitrarily old.
 */
function computeMaxAge(nfa: NfaTable): Int32Array {
  const n = stateCount(nfa);
  const { states, eps } = nfa;
  const successors = (s: number, visit: (to: number, weight: number) => void) => {
    const o = s * 4;
    switch (states[o]) {
      case Kind.Eps:
        for (let i = 0; i < states[o + 2]; i++) visit(eps[states[o + 1] + i], 0);
        break;
      case Kind.Assert:
        visit(states[o + 2], 0);
        break;
      case Kind.Byte:
        visit(states[o + 3], 1);
        break;
    }
  };
  const indegree = new Int32Array(n);
  for (let s = 0; s < n; s++) successors(s, (to) => indegree[to]++);
  const age = new Int32Array(n);
  const done = new Uint8Array(n);
  const queue: number[] = [];
  for (let s = 0; s < n; s++) if (indegree[s] === 0) queue.push(s);
  while (queue.length > 0) {
    const s = queue.pop()!;
    done[s] = 1;
    successors(s, (to, weight) => {
      if (age[s] + weight > age[to]) age[to] = age[s] + weight;
      if (--indegree[to] === 0) queue.push(to);
    });
  }
  for (let s = 0; s < n; s++) if (!done[s]) age[s] = -1;
  return age;
}
