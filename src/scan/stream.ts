// The stream inspector: releases text as soon as no match can still cover it, redacted exactly as
// the whole text would be. Internally everything is UTF-8 byte offsets; callers see UTF-16.
import type { ByteFinding, EngineSnapshot, MatchEngine } from './engine.js';
import type { Redactor, RedactorSnapshot } from './redact.js';
import type { WasmScanner } from './wasm.js';
import { convertFindings } from './offsets.js';
import type { Finding } from './types.js';

export interface StreamResult {
  /** Text that is now safe to show, already redacted. */
  text: string;
  /** Findings released with this text, UTF-16 offsets into the whole stream's input. */
  findings: Finding[];
  /** True when the holdback cap forced a cut: a match across the cut may have been missed. */
  cut?: boolean;
  /**
   * Set when the stream ended early and takes no more input. `finding`: a `stopOn` entity was
   * found; it is the last finding, and no text from its start on was released. `limit`: the
   * holdback cap was reached with `atLimit: 'stop'`; the held text was not released.
   */
  stopped?: 'finding' | 'limit';
}

export interface StreamOptions {
  /** Most bytes held back before the stream is cut and flushed (default 16 KiB). */
  holdbackLimit?: number;
  /** Entities whose first finding ends the stream (a blocking filter): nothing from its start on is released. */
  stopOn?: readonly string[];
  /**
   * At the holdback cap: `flush` (default) releases the held text as if the text ended there and
   * flags the result `cut`; `stop` releases none of it and ends the stream (for guardrails that
   * fail closed: a value longer than the cap is not let through unchecked).
   */
  atLimit?: 'flush' | 'stop';
}

/**
 * A stream's whole state as plain data, to continue it elsewhere (another request, another
 * isolate) with a scanner built from the same options. It holds raw text only of the held-back
 * bytes (and the one byte before them, the boundary context of \b and ^); the redactor's
 * numbering is keyed by digests, never values. Callers that hand it out must encrypt it.
 */
export interface StreamSnapshot {
  /** Identifies the pattern set: a snapshot resumes only on a scanner of the same patterns. */
  fingerprint: string;
  limit: number;
  held: string;
  heldStart: number;
  releasedUnits: number;
  ready: ByteFinding[];
  engine: EngineSnapshot;
  redactor: RedactorSnapshot;
  /** The redactor's key (numbering digests, hash mode without a key of its own). */
  key: Uint8Array;
}

export const DEFAULT_HOLDBACK_LIMIT = 16 * 1024;
export const MAX_CHUNK_CHARS = 1 << 20;

/** What the scanner hands each inspector besides its engine and redactor. */
export interface InspectorIdentity {
  fingerprint: string;
  key: Uint8Array;
}

export class StreamInspector {
  private held = '';
  private heldStart = 0; // byte offset of held[0]
  private releasedUnits = 0; // UTF-16 offset of held[0]
  private ready: ByteFinding[] = [];
  private ended = false;
  private readonly limit: number;
  private readonly stopOn: ReadonlySet<string>;
  private readonly stopAtLimit: boolean;

  constructor(
    private readonly wasm: WasmScanner,
    private readonly engine: MatchEngine,
    private readonly redactor: Redactor,
    options: StreamOptions = {},
    private readonly identity: InspectorIdentity,
  ) {
    const limit = options.holdbackLimit ?? DEFAULT_HOLDBACK_LIMIT;
    if (!(Number.isInteger(limit) && limit >= 64 && limit <= 1 << 20)) {
      throw new TypeError('holdbackLimit: must be an integer from 64 to 1048576 bytes');
    }
    if (options.atLimit !== undefined && options.atLimit !== 'flush' && options.atLimit !== 'stop') {
      throw new TypeError('atLimit: must be flush or stop');
    }
    this.limit = limit;
    this.stopOn = new Set(options.stopOn ?? []);
    this.stopAtLimit = options.atLimit === 'stop';
    engine.reset();
    wasm.trackHold(true); // part of the stream's context from here on
  }

  /** Characters pushed but not released yet (diagnostics, benchmarks). */
  get heldChars(): number {
    return this.held.length;
  }

  /** True once `end()` ran or the stream stopped: it takes no more input. */
  get done(): boolean {
    return this.ended;
  }

  push(chunk: string): StreamResult {
    if (this.ended) throw new Error('stream already ended');
    if (typeof chunk !== 'string') throw new TypeError('chunk must be a string');
    if (chunk.length > MAX_CHUNK_CHARS) throw new RangeError(`chunk over ${MAX_CHUNK_CHARS} characters`);
    this.engine.push(chunk, false);
    this.held += chunk;
    const safe = this.release(false);
    if (safe.stopped || this.wasm.windowEnd() - this.heldStart <= this.limit) return safe;
    if (this.stopAtLimit) {
      this.ended = true;
      return { ...safe, cut: true, stopped: 'limit' };
    }
    const flushed = this.cut();
    return { text: safe.text + flushed.text, findings: [...safe.findings, ...flushed.findings], cut: true, ...(flushed.stopped ? { stopped: flushed.stopped } : {}) };
  }

  end(): StreamResult {
    if (this.ended) throw new Error('stream already ended');
    this.ended = true;
    this.engine.push('', true);
    return this.release(true);
  }

  /** The stream's state, to continue it with `Scanner.resumeStream` (see StreamSnapshot). */
  snapshot(): StreamSnapshot {
    if (this.ended) throw new Error('stream already ended');
    return {
      fingerprint: this.identity.fingerprint,
      limit: this.limit,
      held: this.held,
      heldStart: this.heldStart,
      releasedUnits: this.releasedUnits,
      ready: this.ready.map((f) => ({ ...f })),
      engine: this.engine.snapshot(),
      redactor: this.redactor.snapshot(),
      key: this.identity.key.slice(),
    };
  }

  /** Continues from `snap`; the scanner checked the fingerprint and built the redactor with its key. */
  restore(snap: StreamSnapshot): void {
    if (snap.limit !== this.limit) throw new Error('snapshot was taken with another holdbackLimit');
    this.held = snap.held;
    this.heldStart = snap.heldStart;
    this.releasedUnits = snap.releasedUnits;
    this.ready = snap.ready.map((f) => ({ ...f }));
    this.engine.restore(snap.engine);
    this.redactor.restore(snap.redactor);
  }

  /** Flushes as if the text ended here, then carries on as a new text from this point. */
  private cut(): StreamResult {
    this.engine.push('', true);
    const result = this.release(true);
    if (!this.ended) this.wasm.restart();
    return result;
  }

  private release(final: boolean): StreamResult {
    const limit = final ? Infinity : this.engine.undecidedFrom();
    this.ready.push(...this.engine.settle(limit));
    let upTo = final ? this.wasm.windowEnd() : Math.min(limit, this.engine.heldFrom());
    const out = this.ready.filter((f) => f.end <= upTo);
    const stop = this.stopOn.size > 0 ? out.findIndex((f) => this.stopOn.has(f.entity)) : -1;
    if (stop >= 0) {
      // Release what comes before the stopping value, and report the value itself, never its text.
      upTo = out[stop].start;
      this.ended = true;
    }
    if (upTo <= this.heldStart && stop < 0) return { text: '', findings: [] };
    const released = stop >= 0 ? out.slice(0, stop) : out;
    this.ready = this.ready.filter((f) => f.end > upTo);
    const units = this.wasm.utf16Units(this.heldStart, upTo);
    const text = this.held.slice(0, units);
    const findings = convertFindings(this.wasm, released, this.heldStart, this.releasedUnits);
    const redacted = this.redactor.apply(text, findings, this.releasedUnits);
    if (stop >= 0) {
      const [stopping] = convertFindings(this.wasm, [out[stop]], this.heldStart, this.releasedUnits);
      return { text: redacted, findings: [...findings, stopping], stopped: 'finding' };
    }
    this.held = this.held.slice(units);
    this.heldStart = upTo;
    this.releasedUnits += units;
    this.wasm.discardBefore(upTo);
    return { text: redacted, findings };
  }
}
