// The only module that touches the scanner's WASM memory. Everything above it speaks stream
// offsets (bytes of UTF-8 from the start of the text) and JS strings; nothing else reads memory.
import { DFA_CLASSES_OFFSET, DFA_TRANS_OFFSET, type LoadedTables } from './compiler/serialize.js';
import type { DfaState } from './compiler/subset.js';
import { LazyDfa, UNKNOWN } from './lazy-dfa.js';
import { CONTEXT_KEPT, CONTEXT_LISTS, type PatternMeta, type RecordSink, type ScannerExports } from './wasm-types.js';

export { RecordKind, type PatternMeta, type RecordSink } from './wasm-types.js';

/** Where one pattern's own automata sit in memory. */
interface PatternTables {
  reverse: number;
  forward: number;
}

const RECORD_BYTES = 12;
/** Bytes of per-pattern metadata (16 words, 9 used; assembly/resolve.ts). */
const META_BYTES = 64;
const OUT_RECORDS = 4096;
const INITIAL_WINDOW = 64 * 1024;
/** Pattern-state value: no pending match / pattern silenced. */
const NONE = 0xffffffff;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A compiled pattern set ready to load: its bytes, what was read from them, its shared automata. */
export interface TableSet {
  bytes: Uint8Array;
  tables: LoadedTables;
  /** Lazily built scanning automata, one per cache size, shared by every instance. */
  lazy: Map<number, LazyDfa>;
}

// The lazy tables share the header layout of the compiled ones (assembly/automaton.ts).
const LAZY_HEADER = DFA_TRANS_OFFSET;

interface Group {
  lazy: LazyDfa;
  /** Address of this instance's copy of the table (header first). */
  table: number;
  /** First global pattern id of the set. */
  base: number;
  /** Rows of the master table, and words of its match lists, this copy has taken over. */
  rows: number;
  listWords: number;
  /** Address of this instance's copy of the match lists. */
  lists: number;
  generation: number;
  /** The automaton's state after the last call, kept as a state so it survives a flush. */
  current?: DfaState;
}

/**
 * Where one text or stream stands: the executor's position record, the window bytes and each
 * automaton's state. Parked in JS while another context uses the instance.
 */
export class ScanContext {
  record?: Uint8Array;
  window?: Uint8Array;
  patternState?: Uint8Array;
  states?: DfaState[];
}

/** A scanning automaton's state by content, not id: ids are per isolate and per cache generation. */
export interface AutomatonStateSnapshot {
  set: number[];
  ctx: number;
  matches: number[];
  fresh: boolean;
}

/**
 * A context as plain data, for a stream that continues in another isolate: the executor's
 * position record, the held-back window bytes, the per-pattern state and each automaton's state.
 */
export interface ContextSnapshot {
  record: Uint8Array;
  window: Uint8Array;
  patternState: Uint8Array;
  states: AutomatonStateSnapshot[];
}

/**
 * One WASM instance running one or more compiled pattern sets (e.g. the catalog plus a config's
 * own patterns). Pattern ids are global: set k's pattern i is `base(k) + i`.
 */
export class WasmScanner {
  private readonly x: ScannerExports;
  private readonly patterns: PatternTables[] = [];
  private readonly groups: Group[] = [];
  private active: ScanContext | null = null;
  /** Address and size of the per-pattern state: skip ends, pending starts, context ends (assembly/resolve.ts). */
  private patternState = 0;
  private stateBytes = 0;
  private bytes!: Uint8Array;
  private view!: DataView;

  /** `cacheStates`: states each scanning automaton may build before its cache is flushed. */
  constructor(module: WebAssembly.Module, sets: TableSet[], cacheStates: number, meta: PatternMeta[]) {
    const instance = new WebAssembly.Instance(module, {});
    this.x = instance.exports as unknown as ScannerExports;
    const lazies = sets.map((s) => {
      let lazy = s.lazy.get(cacheStates);
      if (!lazy) s.lazy.set(cacheStates, (lazy = new LazyDfa(s.tables, cacheStates)));
      return lazy;
    });
    const align = (n: number) => (n + 15) & ~15;
    const tableBytes = (l: LazyDfa) => align(LAZY_HEADER + l.capacity * l.stride * 4) + align(l.lists.byteLength);
    const patternCount = sets.reduce((n, s) => n + s.tables.patterns, 0);
    if (meta.length !== patternCount) throw new Error('pattern metadata does not match the tables');
    const trails = meta.reduce((n, m) => n + align(m.trail?.length ?? 0), 0);
    this.stateBytes = patternCount * 8 + CONTEXT_LISTS * CONTEXT_KEPT * 4;
    const perPattern = align(patternCount * META_BYTES) + align(this.stateBytes) + trails;
    const total = sets.reduce((n, s, i) => n + align(s.bytes.length) + tableBytes(lazies[i]), perPattern);
    this.x.layout(total, OUT_RECORDS, RECORD_BYTES, INITIAL_WINDOW);
    this.refresh();
    let at = this.x.tablesPtr();
    const metaAt = at;
    at += align(patternCount * META_BYTES);
    this.patternState = at;
    at += align(this.stateBytes);
    this.x.setPatternTables(metaAt, this.patternState, patternCount);
    sets.forEach((set, i) => {
      this.bytes.set(set.bytes, at);
      const base = this.patterns.length;
      for (const o of set.tables.dfaOffsets) this.patterns.push({ reverse: at + o.reverse, forward: at + o.forward });
      at += align(set.bytes.length);
      const lazy = lazies[i];
      const lists = at + align(LAZY_HEADER + lazy.capacity * lazy.stride * 4);
      const group: Group = { lazy, table: at, lists, base, rows: 0, listWords: 0, generation: lazy.generation };
      this.groups.push(group);
      this.writeHeader(group);
      this.takeRows(group);
      if (this.x.addGroup(at) < 0) throw new Error('too many pattern sets');
      at += tableBytes(lazy);
    });
    // Per pattern (assembly/resolve.ts): reverse and forward automata, validator, flags, the lead's
    // automaton, the trail's bytes, the context list, the fixed match length.
    const fixedLengths = sets.flatMap((set) => set.tables.fixedLengths);
    meta.forEach((m, p) => {
      const words = [this.patterns[p].reverse, this.patterns[p].forward, m.validator, m.feedsContext ? 1 : 0];
      words.push(m.lead !== undefined ? this.patterns[m.lead].forward : 0);
      if (m.trail && m.trail.length > 0) {
        this.bytes.set(m.trail, at);
        words.push(at, m.trail.length);
        at += align(m.trail.length);
      } else words.push(0, 0);
      if (m.contextList !== undefined && !(m.contextList >= 0 && m.contextList < CONTEXT_LISTS)) {
        throw new Error(`context list ${m.contextList} out of range (0..${CONTEXT_LISTS - 1})`);
      }
      words.push(m.contextList !== undefined ? m.contextList + 1 : 0);
      words.push(fixedLengths[p] + 1);
      words.forEach((w, i) => this.view.setUint32(metaAt + p * META_BYTES + i * 4, w, true));
    });
    this.x.resetStream();
  }

  private writeHeader(g: Group): void {
    const v = this.view;
    v.setUint32(g.table, g.lazy.stride, true);
    g.lazy.starts().forEach((s, i) => v.setUint32(g.table + 20 + i * 4, s, true));
    v.setUint32(g.table + 32, g.lazy.eotColumn, true);
    v.setUint32(g.table + 44, LAZY_HEADER, true);
    v.setUint32(g.table + 48, g.lazy.ageColumn, true);
    v.setUint32(g.table + 52, g.lazy.listColumn, true);
    v.setUint32(g.table + 56, g.lists, true);
    v.setUint32(g.table + 60, g.base, true);
    this.bytes.set(g.lazy.classMap, g.table + DFA_CLASSES_OFFSET);
  }

  /** Copies the master rows this instance has not taken yet (other instances may have built them). */
  private takeRows(g: Group): void {
    const size = g.lazy.size;
    if (size <= g.rows) return;
    const { stride } = g.lazy;
    const master = g.lazy.table.subarray(g.rows * stride, size * stride);
    this.bytes.set(new Uint8Array(master.buffer, master.byteOffset, master.byteLength), g.table + LAZY_HEADER + g.rows * stride * 4);
    g.rows = size;
    const lists = g.lazy.lists.subarray(g.listWords, g.lazy.listLength);
    this.bytes.set(new Uint8Array(lists.buffer, lists.byteOffset, lists.byteLength), g.lists + g.listWords * 4);
    g.listWords = g.lazy.listLength;
  }

  /** After a flush (by any instance) the local copy is void: start over from the master table. */
  private resync(gi: number): void {
    const g = this.groups[gi];
    if (g.generation === g.lazy.generation) return;
    g.rows = 0;
    g.listWords = 0;
    g.generation = g.lazy.generation;
    this.writeHeader(g);
    const state = g.current ? g.lazy.idOf(g.current) : g.lazy.starts()[0];
    this.takeRows(g);
    this.x.setGroupState(gi, state);
  }

  /** Builds (or copies) the missing transition of group `gi` from `state` on `column`. */
  private fill(gi: number, state: number, column: number): void {
    const g = this.groups[gi];
    const { value, remapped } = g.lazy.lookup(state, column);
    if (remapped !== undefined) {
      g.current = g.lazy.stateAt(remapped);
      this.resync(gi);
      state = remapped;
    }
    this.takeRows(g);
    this.view.setUint32(g.table + LAZY_HEADER + (state + column) * 4, value, true);
  }

  /** Re-takes the views of linear memory; needed only after calls that may grow it. */
  private refresh(): void {
    const buffer = this.x.memory.buffer;
    if (!this.bytes || this.bytes.buffer !== buffer) {
      this.bytes = new Uint8Array(buffer);
      this.view = new DataView(buffer);
    }
  }

  /**
   * Makes `ctx` the context the next calls act on. Streams share one instance this way: switching
   * copies only the record and the held-back window, never the tables.
   */
  activate(ctx: ScanContext): void {
    if (this.active === ctx) return;
    if (this.active) this.park(this.active);
    this.active = ctx;
    if (!ctx.record || !ctx.window || !ctx.states || !ctx.patternState) {
      this.x.resetStream(); // a new context: its engine resets it before use
      return;
    }
    this.x.growWindow(ctx.window.length);
    this.refresh();
    this.bytes.set(ctx.window, this.x.windowPtr());
    this.bytes.set(ctx.record, this.x.contextPtr());
    this.bytes.set(ctx.patternState, this.patternState);
    this.x.loadContext();
    // States are kept as states, not ids: the shared cache may have been flushed meanwhile.
    ctx.states.forEach((state, i) => {
      const g = this.groups[i];
      g.current = state;
      this.x.setGroupState(i, g.lazy.idOf(state));
      // An imported state may be a row another instance built (or idOf just made): copy it in.
      this.takeRows(g);
    });
  }

  private park(ctx: ScanContext): void {
    this.x.saveContext();
    const ptr = this.x.contextPtr();
    ctx.record = this.bytes.slice(ptr, ptr + this.x.contextBytes());
    const win = this.x.windowPtr();
    ctx.window = this.bytes.slice(win, win + this.x.windowLength());
    ctx.patternState = this.bytes.slice(this.patternState, this.patternState + this.stateBytes);
    ctx.states = this.groups.map((g, i) => g.lazy.stateAt(this.x.groupState(i)));
  }

  /** The context as plain data (parked first when it is the active one). */
  exportContext(ctx: ScanContext): ContextSnapshot {
    if (this.active === ctx) this.park(ctx);
    if (!ctx.record || !ctx.window || !ctx.patternState || !ctx.states) throw new Error('context has not started');
    return {
      record: ctx.record.slice(),
      window: ctx.window.slice(),
      patternState: ctx.patternState.slice(),
      states: ctx.states.map((s) => ({ set: [...s.set], ctx: s.ctx, matches: [...s.matches], fresh: s.fresh })),
    };
  }

  /**
   * Makes `ctx` stand where a snapshot of this scanner's tables left it; the next activate loads
   * it. The automaton states are interned by content, so the snapshot may come from any isolate.
   */
  importContext(ctx: ScanContext, snap: ContextSnapshot): void {
    if (snap.states.length !== this.groups.length) throw new Error('snapshot is from another pattern set');
    if (snap.record.length !== this.x.contextBytes() || snap.patternState.length !== this.stateBytes) {
      throw new Error('snapshot is from another pattern set');
    }
    if (this.active) this.park(this.active);
    this.active = null;
    ctx.record = snap.record.slice();
    ctx.window = snap.window.slice();
    ctx.patternState = snap.patternState.slice();
    ctx.states = snap.states.map((s) => ({ set: [...s.set], ctx: s.ctx as DfaState['ctx'], matches: [...s.matches], fresh: s.fresh, closures: [] }));
  }

  /** Starts a new text in the active context; `enabled[p]` 0 silences pattern p. */
  reset(enabled: Uint8Array): void {
    this.bytes.set(this.freshPatternState(enabled), this.patternState);
    for (let i = 0; i < this.groups.length; i++) {
      this.groups[i].current = undefined;
      this.resync(i); // the header's start states must be of the current generation
    }
    this.x.resetStream();
  }

  private freshState?: { enabled: Uint8Array; bytes: Uint8Array };

  /** Skip ends 0 (or NONE for silenced patterns), no pending starts, no context words; once per mask. */
  private freshPatternState(enabled: Uint8Array): Uint8Array {
    if (this.freshState?.enabled === enabled) return this.freshState.bytes;
    const count = this.patterns.length;
    const words = new Uint32Array(this.stateBytes / 4).fill(NONE);
    for (let p = 0; p < count; p++) if (enabled[p] === 1) words[p] = 0;
    const bytes = new Uint8Array(words.buffer);
    this.freshState = { enabled, bytes };
    return bytes;
  }

  /** Streams track how far back a match in progress may reach; whole texts need not. */
  trackHold(on: boolean): void {
    this.x.trackHold(on ? 1 : 0);
  }

  /** Treats the current end as a new text start (the stream was cut), keeping offsets and window. */
  restart(): void {
    this.x.restart();
  }

  /** Appends `text` as UTF-8 to the window. Returns the number of bytes written. */
  append(text: string): number {
    const ptr = this.x.reserve(text.length * 3);
    this.refresh();
    const { written } = encoder.encodeInto(text, this.bytes.subarray(ptr, ptr + text.length * 3));
    this.x.commit(written);
    return written;
  }

  /** Runs the scanning automata over new bytes; `final` also reports matches at the very end. */
  scan(final: boolean, sink: RecordSink): void {
    this.x.setFinal(final ? 1 : 0);
    for (let i = 0; i < this.groups.length; i++) this.resync(i);
    for (;;) {
      this.drain(this.x.scan(), sink);
      if (this.x.scanDone()) break;
      const g = this.x.missedGroup();
      if (g >= 0) {
        this.fill(g, this.x.missedState(), this.x.missedColumn());
      }
    }
    if (final) {
      for (let i = 0; i < this.groups.length; i++) {
        const g = this.groups[i];
        const state = this.x.groupState(i);
        if (this.view.getUint32(g.table + LAZY_HEADER + (state + g.lazy.eotColumn) * 4, true) === UNKNOWN) {
          this.fill(i, state, g.lazy.eotColumn);
        }
      }
      this.drain(this.x.finish(), sink);
    }
    this.rememberStates();
  }

  /** Keeps each automaton's state as a state object: it survives a flush of the shared cache. */
  private rememberStates(): void {
    for (let i = 0; i < this.groups.length; i++) this.groups[i].current = this.groups[i].lazy.stateAt(this.x.groupState(i));
  }

  private drain(count: number, sink: RecordSink): void {
    const out = this.x.outPtr();
    for (let i = 0; i < count; i++) {
      const o = out + i * RECORD_BYTES;
      const word = this.view.getUint32(o, true);
      sink(word >>> 24, word & 0xffffff, this.view.getUint32(o + 4, true), this.view.getUint32(o + 8, true));
    }
  }

  /** Decides pattern p's pending match if the input now allows; false while it stays pending. */
  retryPending(p: number, sink: RecordSink): boolean {
    const decided = this.x.retryPending(p) === 1;
    this.drain(this.x.recordCount(), sink);
    return decided;
  }

  /** Replays a report of p that came while p was pending; false if it left p pending again. */
  resolveReport(p: number, end: number, sink: RecordSink): boolean {
    const decided = this.x.replayReport(p, end) === 1;
    this.drain(this.x.recordCount(), sink);
    return decided;
  }

  entropy(start: number, end: number): number {
    return this.x.entropy(this.ptr(start), end - start);
  }

  /** The text of window bytes [start, end). */
  text(start: number, end: number): string {
    const p = this.ptr(start);
    return decoder.decode(this.bytes.subarray(p, p + end - start));
  }

  utf16Units(from: number, to: number): number {
    return this.x.utf16Units(from, to);
  }

  /**
   * UTF-16 offsets of ascending byte offsets, counted from byte `from` (UTF-16 offset
   * `fromUnits`): one pass over the bytes in WASM, however many offsets.
   */
  toUtf16(offsets: number[], from: number, fromUnits: number): number[] {
    const out: number[] = [];
    const ptr = this.x.outPtr();
    const room = OUT_RECORDS * 2;
    for (let i = 0; i < offsets.length; i += room) {
      const batch = offsets.slice(i, i + room);
      new Uint32Array(this.bytes.buffer, ptr, batch.length).set(batch);
      this.x.toUtf16Offsets(ptr, batch.length, from, fromUnits);
      const converted = new Uint32Array(this.bytes.buffer, ptr, batch.length);
      for (const u of converted) out.push(u);
      from = batch[batch.length - 1];
      fromUnits = out[out.length - 1];
    }
    return out;
  }

  /** Bytes stepped so far finding where matches start and end (diagnostics, tests). */
  verifyWork(): number {
    return this.x.verifyWork();
  }

  holdFrom(): number {
    return this.x.holdFrom();
  }

  windowEnd(): number {
    return this.x.windowStart() + this.x.windowLength();
  }

  discardBefore(offset: number): void {
    this.x.discardBefore(offset);
  }

  /** HMAC-SHA-256 of `message` under `key`, computed in WASM so redaction stays synchronous. */
  hmacSha256(key: Uint8Array, message: string): Uint8Array {
    const msg = encoder.encode(message);
    // Scratch space sits past the live window so a stream in progress is never disturbed.
    const need = key.length + msg.length + 32;
    const base = this.x.reserve(need);
    this.refresh();
    this.bytes.set(key, base);
    this.bytes.set(msg, base + key.length);
    this.x.hmacSha256(base, key.length, base + key.length, msg.length, base + key.length + msg.length);
    return this.bytes.slice(base + key.length + msg.length, base + need);
  }

  private ptr(offset: number): number {
    return this.x.windowPtr() + offset - this.x.windowStart();
  }
}
