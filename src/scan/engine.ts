// Turns the automata's (pattern, end) reports into scored, non-overlapping findings, for whole
// texts and streams alike. Offsets here are UTF-8 byte offsets from the start of the text.
import { ScanContext, type WasmScanner } from './wasm.js';

/** What the engine needs to know about each compiled pattern (global id = index). */
export interface PatternInfo {
  entity: string;
  score: number;
  /** Scanned for; false for helper patterns such as a detector's lead. */
  searched: boolean;
  validator: number;
  checksum: boolean;
  /** Index of the context-word list (one per detector) that raises this pattern's score. */
  contextList?: number;
  /** Set on a context-word pattern: its reports feed that list instead of making findings. */
  feedsContext?: number;
  fakes?: Set<string>;
  minEntropy?: number;
  /** Global id of the pattern matching the non-value prefix of a match. */
  lead?: number;
  /** UTF-8 bytes of a literal suffix that is not part of the value. */
  trail?: Uint8Array;
}

export interface ByteFinding {
  entity: string;
  start: number;
  end: number;
  score: number;
}

/**
 * A context word counts when it ends at most this many bytes of UTF-8 before the value (about
 * 64 characters of Latin text). Context words are patterns of the same automaton, so checking
 * one costs a lookup, not a second search.
 */
export const CONTEXT_BYTES = 96;
/** Recent context-word ends remembered per list. */
const CONTEXT_MEMORY = 8;
export const CONTEXT_BOOST = 0.35;
/** Longest match the engine will look back for; bounds work per report on hostile input. */
export const MAX_MATCH_BYTES = 16 * 1024;
/** Skip-table value that silences a pattern (disabled in this scanner). */
const NEVER = 0xffffffff;

/** Separators ignored when comparing a value with a known fake. */
const SEPARATORS = /[\s\-.:/()]/g;

export function normalizeFake(value: string): string {
  return value.replace(SEPARATORS, '').toUpperCase();
}

export class MatchEngine {
  private readonly lastEnd: Int32Array;
  private readonly pending: Int32Array;
  private readonly queued: number[][];
  private readonly busy = new Set<number>();
  private candidates: ByteFinding[] = [];
  private readonly context = new ScanContext();
  /** Per context list, the ends of its most recent words (ascending). */
  private contextEnds: number[][] = [];

  constructor(
    private readonly wasm: WasmScanner,
    private readonly patterns: PatternInfo[],
    private readonly enabled: Uint8Array,
    private readonly minScore: number,
  ) {
    this.lastEnd = new Int32Array(patterns.length);
    this.pending = new Int32Array(patterns.length).fill(-1);
    this.queued = patterns.map(() => []);
  }

  reset(): void {
    this.wasm.activate(this.context);
    this.wasm.reset();
    this.lastEnd.fill(0);
    this.pending.fill(-1);
    for (const p of this.busy) this.queued[p].length = 0;
    this.busy.clear();
    this.candidates = [];
    this.contextEnds = [];
    for (let p = 0; p < this.patterns.length; p++) this.wasm.skipUntil(p, this.enabled[p] === 1 ? 0 : NEVER);
  }

  /** Adds text and resolves every match that the bytes so far decide. */
  push(text: string, final: boolean): void {
    this.wasm.activate(this.context);
    if (text.length > 0) this.wasm.append(text);
    this.final = final;
    this.wasm.scan(final, this.onReport);
    for (const p of [...this.busy]) this.resolve(p, final);
  }

  private final = false;

  /**
   * Resolves a report at once when it can: the scan waits meanwhile, and the skip table then
   * drops the rest of the reports the accepted match covers before they leave WASM.
   */
  private readonly onReport = (p: number, end: number): void => {
    const list = this.patterns[p].feedsContext;
    if (list !== undefined) {
      // Any end of a context word counts; no need to know where the word starts.
      const ends = (this.contextEnds[list] ??= []);
      ends.push(end);
      if (ends.length > CONTEXT_MEMORY) ends.shift();
      this.wasm.skipUntil(p, end);
      return;
    }
    if (this.busy.has(p)) {
      this.queued[p].push(end);
      return;
    }
    this.resolveReport(p, end, this.final);
  };

  /** Returns false when the match is undecided (the stream must wait): the report stays queued. */
  private resolveReport(p: number, end: number, final: boolean): boolean {
    if (end <= this.lastEnd[p]) return true;
    const floor = Math.max(this.lastEnd[p], end - MAX_MATCH_BYTES);
    const start = this.wasm.leftmostStart(p, end, floor);
    if (start < 0) return true; // no match of this pattern ends here after the last one
    const r = this.wasm.longestEnd(p, start, final);
    if (r.undecided) {
      this.pending[p] = start;
      this.busy.add(p);
      return false;
    }
    this.accept(p, start, r.end);
    return true;
  }

  /** Smallest byte offset a finding not yet decided may start at. */
  undecidedFrom(): number {
    let from = this.wasm.holdFrom();
    for (const p of this.busy) if (this.pending[p] >= 0 && this.pending[p] < from) from = this.pending[p];
    return from;
  }

  /**
   * Takes the findings that can no longer change: those whose overlap cluster lies wholly before
   * `limit`. Overlaps between entities resolve by score, then length, then position.
   */
  settle(limit: number): ByteFinding[] {
    if (this.candidates.length === 0) return [];
    const sorted = this.candidates.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: ByteFinding[] = [];
    const keep: ByteFinding[] = [];
    let cluster: ByteFinding[] = [];
    let clusterEnd = -1;
    const close = () => {
      if (cluster.length === 0) return;
      if (clusterEnd <= limit) out.push(...resolveOverlaps(cluster));
      else keep.push(...cluster);
    };
    for (const c of sorted) {
      if (c.start >= clusterEnd) {
        close();
        cluster = [];
      }
      cluster.push(c);
      clusterEnd = Math.max(clusterEnd, c.end);
    }
    close();
    this.candidates = keep;
    return out.sort((a, b) => a.start - b.start);
  }

  /** Start of the earliest finding decided but held back by an unfinished overlap cluster. */
  heldFrom(): number {
    let from = Infinity;
    for (const c of this.candidates) if (c.start < from) from = c.start;
    return from;
  }

  private resolve(p: number, final: boolean): void {
    const queue = this.queued[p];
    if (this.pending[p] >= 0) {
      const start = this.pending[p];
      const r = this.wasm.longestEnd(p, start, final);
      if (r.undecided) return;
      this.pending[p] = -1;
      this.accept(p, start, r.end);
    }
    for (let i = 0; i < queue.length; i++) {
      if (!this.resolveReport(p, queue[i], final)) {
        queue.splice(0, i + 1);
        return;
      }
    }
    queue.length = 0;
    this.busy.delete(p);
  }

  private accept(p: number, start: number, end: number): void {
    this.lastEnd[p] = end;
    this.wasm.skipUntil(p, end);
    const finding = this.evaluate(p, start, end);
    if (finding) this.candidates.push(finding);
  }

  private evaluate(p: number, start: number, end: number): ByteFinding | null {
    const info = this.patterns[p];
    let from = start;
    let to = end;
    if (info.lead !== undefined) {
      const leadEnd = this.wasm.anchoredEnd(info.lead, start);
      if (leadEnd > start) from = leadEnd;
    }
    if (info.trail && this.endsWith(to, info.trail)) to -= info.trail.length;
    if (from >= to) return null;
    let score = info.score;
    if (info.validator !== 0) {
      if (!this.wasm.validate(info.validator, from, to)) return null;
      if (info.checksum) score = 1;
    }
    if (info.fakes && info.fakes.has(normalizeFake(this.wasm.text(from, to)))) return null;
    if (info.minEntropy !== undefined && this.wasm.entropy(from, to) < info.minEntropy) return null;
    if (info.contextList !== undefined && score < 1 && this.hasContext(info.contextList, from)) {
      score = Math.min(1, score + CONTEXT_BOOST);
    }
    if (score < this.minScore) return null;
    return { entity: info.entity, start: from, end: to, score: Math.round(score * 100) / 100 };
  }

  private hasContext(list: number, valueStart: number): boolean {
    const ends = this.contextEnds[list];
    if (!ends) return false;
    for (let k = ends.length - 1; k >= 0; k--) {
      if (ends[k] <= valueStart) return valueStart - ends[k] <= CONTEXT_BYTES;
    }
    return false;
  }

  private endsWith(end: number, suffix: Uint8Array): boolean {
    if (end - suffix.length < this.wasm.windowStartOffset()) return false;
    for (let i = 0; i < suffix.length; i++) {
      if (this.wasm.byteAt(end - suffix.length + i) !== suffix[i]) return false;
    }
    return true;
  }
}

/** Greedy by score, then length, then position: the strongest, longest claim keeps its span. */
function resolveOverlaps(cluster: ByteFinding[]): ByteFinding[] {
  if (cluster.length === 1) return cluster;
  const ranked = [...cluster].sort(
    (a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const chosen: ByteFinding[] = [];
  for (const c of ranked) {
    if (chosen.every((k) => c.end <= k.start || c.start >= k.end)) chosen.push(c);
  }
  return chosen;
}
