// Turns what the scanner reports into scored, non-overlapping findings, for whole texts and
// streams alike. Offsets here are UTF-8 byte offsets from the start of the text.
import { type ContextSnapshot, RecordKind, type RecordSink, ScanContext, type WasmScanner } from './wasm.js';

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
  fakes?: FakeSet;
  minEntropy?: number;
  /** Global id of the pattern matching the non-value prefix of a match. */
  lead?: number;
  /** UTF-8 bytes of a literal suffix that is not part of the value. */
  trail?: Uint8Array;
}

/** A stream's matching state as plain data (see StreamInspector.snapshot). */
export interface EngineSnapshot {
  context: ContextSnapshot;
  /** [pattern, start of its pending match]. */
  pending: Array<[number, number]>;
  /** [pattern, ends reported while it was pending]. */
  queued: Array<[number, number[]]>;
  candidates: ByteFinding[];
}

export interface ByteFinding {
  entity: string;
  start: number;
  end: number;
  score: number;
}

/**
 * A context word of the detector ending at most 96 bytes before the value (about 64 Latin
 * characters) adds this much. Context words are patterns of the same automaton and the check
 * happens in WASM (assembly/resolve.ts), which flags the candidate.
 */
export const CONTEXT_BOOST = 0.35;

/** Known placeholder values of a detector, normalized, with their length range. */
export interface FakeSet {
  values: Set<string>;
  minLength: number;
  maxLength: number;
}

export function fakeSet(fakes: string[]): FakeSet {
  const values = new Set(fakes.map(normalizeFake));
  const lengths = [...values].map((v) => v.length);
  return { values, minLength: Math.min(...lengths), maxLength: Math.max(...lengths) };
}

/** Separators ignored when comparing a value with a known fake. */
const SEPARATORS = /[\s\-.:/()]/g;

export function normalizeFake(value: string): string {
  return value.replace(SEPARATORS, '').toUpperCase();
}

/**
 * The JS half of matching. WASM finds each match, trims it to its value and runs the validator
 * (assembly/resolve.ts); this scores what passed (fakes, entropy, context words), remembers
 * matches a stream has not decided yet, and resolves overlaps between entities.
 */
export class MatchEngine {
  /** Reports of patterns whose current match is pending, replayed once it is decided. */
  private readonly queued: number[][];
  /** Pattern -> start of its pending match. */
  private readonly pending = new Map<number, number>();
  private candidates: ByteFinding[] = [];
  private readonly context = new ScanContext();

  constructor(
    private readonly wasm: WasmScanner,
    private readonly patterns: PatternInfo[],
    private readonly enabled: Uint8Array,
    /** Lowest score kept, per pattern (global id). */
    private readonly minScores: Float64Array,
  ) {
    this.queued = patterns.map(() => []);
  }

  reset(): void {
    this.wasm.activate(this.context);
    this.wasm.reset(this.enabled);
    for (const p of this.pending.keys()) this.queued[p].length = 0;
    this.pending.clear();
    this.candidates.length = 0;
  }

  snapshot(): EngineSnapshot {
    const queued: Array<[number, number[]]> = [];
    this.queued.forEach((q, p) => q.length > 0 && queued.push([p, [...q]]));
    return {
      context: this.wasm.exportContext(this.context),
      pending: [...this.pending],
      queued,
      candidates: this.candidates.map((c) => ({ ...c })),
    };
  }

  /** Continues where `snap` (taken from an engine over the same patterns) stood. */
  restore(snap: EngineSnapshot): void {
    this.wasm.importContext(this.context, snap.context);
    for (const q of this.queued) q.length = 0;
    this.pending.clear();
    for (const [p, start] of snap.pending) this.pending.set(p, start);
    for (const [p, ends] of snap.queued) this.queued[p].push(...ends);
    this.candidates = snap.candidates.map((c) => ({ ...c }));
  }

  /** Adds text and resolves every match that the bytes so far decide. */
  push(text: string, final: boolean): void {
    this.wasm.activate(this.context);
    if (text.length > 0) this.wasm.append(text);
    this.wasm.scan(final, this.onRecord);
    if (this.pending.size > 0) for (const p of [...this.pending.keys()]) this.replay(p);
  }

  private readonly onRecord: RecordSink = (kind, p, a, b) => {
    switch (kind & ~RecordKind.WithContext) {
      case RecordKind.Candidate:
        this.candidate(p, a, b, (kind & RecordKind.WithContext) !== 0);
        break;
      case RecordKind.Pending:
        this.pending.set(p, a);
        break;
      case RecordKind.Report:
        this.queued[p].push(a);
        break;
    }
  };

  /** Decides a pending match if the input now allows, then replays the reports queued behind it. */
  private replay(p: number): void {
    this.pending.delete(p);
    if (!this.wasm.retryPending(p, this.onRecord)) return; // still pending: onRecord re-added it
    const queue = this.queued[p];
    for (let i = 0; i < queue.length; i++) {
      if (!this.wasm.resolveReport(p, queue[i], this.onRecord)) {
        queue.splice(0, i + 1);
        return;
      }
    }
    queue.length = 0;
  }

  /** Smallest byte offset a finding not yet decided may start at. */
  undecidedFrom(): number {
    let from = this.wasm.holdFrom();
    for (const start of this.pending.values()) if (start < from) from = start;
    return from;
  }

  /**
   * Takes the findings that can no longer change: those whose overlap cluster lies wholly before
   * `limit`. Overlaps between entities resolve by score, then length, then position.
   */
  settle(limit: number): ByteFinding[] {
    const candidates = this.candidates;
    if (candidates.length === 0) return [];
    candidates.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: ByteFinding[] = [];
    let kept = 0; // candidates of still-open clusters move to the front
    let overlaps = false;
    for (let first = 0; first < candidates.length; ) {
      let clusterEnd = candidates[first].end;
      let next = first + 1;
      while (next < candidates.length && candidates[next].start < clusterEnd) {
        clusterEnd = Math.max(clusterEnd, candidates[next].end);
        next++;
      }
      if (clusterEnd > limit) {
        for (let k = first; k < next; k++) candidates[kept++] = candidates[k];
      } else if (next - first === 1) {
        out.push(candidates[first]);
      } else {
        out.push(...resolveOverlaps(candidates.slice(first, next)));
        overlaps = true;
      }
      first = next;
    }
    candidates.length = kept;
    return overlaps ? out.sort((a, b) => a.start - b.start) : out;
  }

  /** Start of the earliest finding decided but held back by an unfinished overlap cluster. */
  heldFrom(): number {
    let from = Infinity;
    for (const c of this.candidates) if (c.start < from) from = c.start;
    return from;
  }

  /** Scores a value WASM found and validated; keeps it when it clears the threshold. */
  private candidate(p: number, from: number, to: number, withContext: boolean): void {
    const info = this.patterns[p];
    let score = info.validator !== 0 && info.checksum ? 1 : info.score;
    if (info.fakes && this.isFake(info.fakes, from, to)) return;
    if (info.minEntropy !== undefined && this.wasm.entropy(from, to) < info.minEntropy) return;
    if (withContext && score < 1) {
      score = Math.min(1, score + CONTEXT_BOOST);
    }
    if (score < this.minScores[p]) return;
    this.candidates.push({ entity: info.entity, start: from, end: to, score: Math.round(score * 100) / 100 });
  }

  /** Decodes the value only when its length could be one of the fakes (with separators). */
  private isFake(fakes: FakeSet, from: number, to: number): boolean {
    const bytes = to - from;
    if (bytes < fakes.minLength || bytes > fakes.maxLength * 2) return false;
    return fakes.values.has(normalizeFake(this.wasm.text(from, to)));
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
