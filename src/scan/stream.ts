// The stream inspector: releases text as soon as no match can still cover it, redacted exactly as
// the whole text would be. Internally everything is UTF-8 byte offsets; callers see UTF-16.
import type { ByteFinding, MatchEngine } from './engine.js';
import type { Redactor } from './redact.js';
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
}

export interface StreamOptions {
  /** Most bytes held back before the stream is cut and flushed (default 16 KiB). */
  holdbackLimit?: number;
}

export const DEFAULT_HOLDBACK_LIMIT = 16 * 1024;
export const MAX_CHUNK_CHARS = 1 << 20;

export class StreamInspector {
  private held = '';
  private heldStart = 0; // byte offset of held[0]
  private releasedUnits = 0; // UTF-16 offset of held[0]
  private ready: ByteFinding[] = [];
  private ended = false;
  private readonly limit: number;

  constructor(
    private readonly wasm: WasmScanner,
    private readonly engine: MatchEngine,
    private readonly redactor: Redactor,
    options: StreamOptions = {},
  ) {
    const limit = options.holdbackLimit ?? DEFAULT_HOLDBACK_LIMIT;
    if (!(Number.isInteger(limit) && limit >= 64 && limit <= 1 << 20)) {
      throw new TypeError('holdbackLimit: must be an integer from 64 to 1048576 bytes');
    }
    this.limit = limit;
    engine.reset();
    wasm.trackHold(true); // part of the stream's context from here on
  }

  push(chunk: string): StreamResult {
    if (this.ended) throw new Error('stream already ended');
    if (typeof chunk !== 'string') throw new TypeError('chunk must be a string');
    if (chunk.length > MAX_CHUNK_CHARS) throw new RangeError(`chunk over ${MAX_CHUNK_CHARS} characters`);
    this.engine.push(chunk, false);
    this.held += chunk;
    if (this.wasm.windowEnd() - this.heldStart > this.limit) return this.cut();
    return this.release(false);
  }

  end(): StreamResult {
    if (this.ended) throw new Error('stream already ended');
    this.ended = true;
    this.engine.push('', true);
    return this.release(true);
  }

  /** Flushes as if the text ended here, then carries on as a new text from this point. */
  private cut(): StreamResult {
    this.engine.push('', true);
    const result = this.release(true);
    this.wasm.restart();
    return { ...result, cut: true };
  }

  private release(final: boolean): StreamResult {
    const limit = final ? Infinity : this.engine.undecidedFrom();
    this.ready.push(...this.engine.settle(limit));
    const upTo = final ? this.wasm.windowEnd() : Math.min(limit, this.engine.heldFrom());
    if (upTo <= this.heldStart) return { text: '', findings: [] };
    const out = this.ready.filter((f) => f.end <= upTo);
    this.ready = this.ready.filter((f) => f.end > upTo);
    const units = this.wasm.utf16Units(this.heldStart, upTo);
    const text = this.held.slice(0, units);
    const findings = convertFindings(this.wasm, out, this.heldStart, this.releasedUnits);
    const redacted = this.redactor.apply(text, findings, this.releasedUnits);
    this.held = this.held.slice(units);
    this.heldStart = upTo;
    this.releasedUnits += units;
    this.wasm.discardBefore(upTo);
    return { text: redacted, findings };
  }
}
