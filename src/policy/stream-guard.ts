// A guardrail over a stream of text: the engine's stream inspector with the guardrail's owners,
// redaction, blocking filters and fail mode. Knows nothing of HTTP: the inspection stream and the
// chat proxy both run on it.
import type { Scanner, StreamInspector, StreamSnapshot } from '../scan/index.js';
import type { CompiledGuardrail, DirectionPlan } from './compile.js';
import type { EvaluateDeps, PolicyFinding } from './evaluate.js';
import type { Action, TextDirection } from './filter-schema.js';
import type { Verdict } from './guardrail-schema.js';
import { strongest, strongestAction, verdictOf } from './verdict.js';

/** The entity a finding carries when the holdback cap cut the stream. */
export const HOLDBACK_LIMIT = 'HOLDBACK_LIMIT_REACHED';
/** Findings a stream keeps for its verdict (they travel in every resume token); past this only the counts grow. */
export const MAX_STREAM_FINDINGS = 100;

export interface GuardedChunk {
  /** What is now safe to show, redacted. */
  text: string;
  findings: PolicyFinding[];
  /** The strongest action of this chunk's findings. */
  action: Action;
  /** The stream ended here: a blocking finding or the cap of a guardrail that fails closed. */
  blocked: boolean;
  /** Characters (UTF-16) received but not shown yet: they could still belong to a match. */
  held: number;
}

export interface StreamVerdict {
  verdict: Verdict;
  findings: PolicyFinding[];
  /** Findings per entity, every one counted even past MAX_STREAM_FINDINGS. */
  counts: Record<string, number>;
}

/** What a guarded stream needs besides its inspector to continue elsewhere. */
export interface GuardSnapshot {
  inspector: StreamSnapshot | null;
  verdict: Verdict;
  findings: PolicyFinding[];
  counts: Record<string, number>;
}

export class GuardedStream {
  private verdict: Verdict = 'ALLOW';
  private findings: PolicyFinding[] = [];
  private counts: Record<string, number> = {};
  private blocked = false;
  /** resumeState()'s JSON of verdict, findings and counts; cleared when they change. */
  private head?: string;
  private readonly plan: DirectionPlan;
  private readonly inspector: StreamInspector | null;

  private constructor(
    readonly guardrail: CompiledGuardrail,
    direction: TextDirection,
    deps: EvaluateDeps,
    resume?: GuardSnapshot,
  ) {
    this.plan = guardrail.plan(direction);
    const spec = guardrail.config.enabled ? this.plan.scanner : undefined;
    if (!spec) {
      this.inspector = null;
    } else {
      const scanner: Scanner = deps.scannerFor(spec);
      const streamOptions = {
        ...this.plan.redact,
        stopOn: [...this.plan.owners].filter(([, o]) => o.action === 'block').map(([entity]) => entity),
        // Failing closed, a value longer than the cap is blocked rather than shown unchecked.
        atLimit: guardrail.config.failMode === 'closed' ? ('stop' as const) : ('flush' as const),
      };
      this.inspector = resume?.inspector ? scanner.resumeStream(resume.inspector, streamOptions) : scanner.stream(streamOptions);
    }
    if (resume) {
      this.verdict = resume.verdict;
      this.findings = resume.findings.map((f) => ({ ...f }));
      this.counts = { ...resume.counts };
    }
  }

  static start(guardrail: CompiledGuardrail, direction: TextDirection, deps: EvaluateDeps): GuardedStream {
    return new GuardedStream(guardrail, direction, deps);
  }

  static resume(guardrail: CompiledGuardrail, direction: TextDirection, deps: EvaluateDeps, snap: GuardSnapshot): GuardedStream {
    return new GuardedStream(guardrail, direction, deps, snap);
  }

  push(text: string): GuardedChunk {
    if (!this.inspector) return { text, findings: [], action: 'allow', blocked: false, held: 0 };
    const r = this.inspector.push(text);
    return { ...this.take(r.text, r.findings, r.cut === true, r.stopped), held: this.inspector.done ? 0 : this.inspector.heldChars };
  }

  /** Releases what was held back (the last chunk) and decides the verdict. */
  end(): { last: GuardedChunk; result: StreamVerdict } {
    let last: GuardedChunk = { text: '', findings: [], action: 'allow', blocked: this.blocked, held: 0 };
    if (this.inspector && !this.inspector.done) {
      const r = this.inspector.end();
      last = { ...this.take(r.text, r.findings, false, r.stopped), held: 0 };
    }
    return { last, result: this.result() };
  }

  result(): StreamVerdict {
    return { verdict: this.verdict, findings: this.findings.map((f) => ({ ...f })), counts: { ...this.counts } };
  }

  /**
   * The state a resume token carries: the inspector's snapshot and the verdict so far as JSON.
   * The JSON changes only when a chunk finds something, so it is kept until then rather than
   * rebuilt for every token.
   */
  resumeState(): { inspector: StreamSnapshot | null; head: string } {
    this.head ??= JSON.stringify({ verdict: this.verdict, findings: this.findings, counts: this.counts });
    return { inspector: this.inspector ? this.inspector.snapshot() : null, head: this.head };
  }

  /**
   * Ends the stream as an internal error decides: closed blocks, open allows (and the caller
   * releases nothing it had not released: a broken inspector's held text is not trusted).
   */
  failed(): StreamVerdict & { decisionLayer: 'error' } {
    this.blocked = true;
    const verdict: Verdict = this.guardrail.config.failMode === 'open' ? strongest(this.verdict, 'ALLOW') : 'BLOCK';
    return { ...this.result(), verdict, decisionLayer: 'error' };
  }

  private take(text: string, found: Array<{ entity: string; start: number; end: number; score: number }>, cut: boolean, stopped?: 'finding' | 'limit'): Omit<GuardedChunk, 'held'> {
    const findings: PolicyFinding[] = [];
    for (const f of found) {
      const owner = this.plan.owners.get(f.entity);
      if (!owner) continue;
      findings.push({ filter: owner.filter, entity: f.entity, start: f.start, end: f.end, score: f.score, action: owner.action });
    }
    if (cut) {
      const action: Action = stopped === 'limit' ? 'block' : 'warn';
      findings.push({ filter: 'stream', entity: HOLDBACK_LIMIT, start: 0, end: 0, score: 1, action, detail: 'the holdback cap was reached; a value across the cut may be missed' });
    }
    let action: Action = 'allow';
    if (findings.length > 0) this.head = undefined;
    for (const f of findings) {
      this.counts[f.entity] = (this.counts[f.entity] ?? 0) + 1;
      if (this.findings.length < MAX_STREAM_FINDINGS) this.findings.push(f);
      const v = verdictOf(f.action);
      this.verdict = strongest(this.verdict, v);
      action = strongestAction(action, f.action);
    }
    if (stopped) this.blocked = true;
    return { text, findings, action, blocked: stopped !== undefined };
  }
}
