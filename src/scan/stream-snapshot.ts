// A stream snapshot as compact bytes and back. Binary rather than JSON: it travels in every token
// event of a resumable stream, and most of it is small integers and runs of equal words.
import type { ByteFinding, EngineSnapshot } from './engine.js';
import type { RedactorSnapshot } from './redact.js';
import type { StreamSnapshot } from './stream.js';
import type { AutomatonStateSnapshot, ContextSnapshot } from './wasm.js';

const FORMAT = 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export class SnapshotFormatError extends Error {
  constructor() {
    super('malformed stream snapshot');
  }
}

class Writer {
  private buf = new Uint8Array(1024);
  private at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
  }

  uint(n: number): void {
    if (!(Number.isInteger(n) && n >= 0 && n <= Number.MAX_SAFE_INTEGER)) throw new RangeError('snapshot: not a non-negative integer');
    this.room(8);
    while (n >= 0x80) {
      this.buf[this.at++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.at++] = n;
  }

  bytes(b: Uint8Array): void {
    this.uint(b.length);
    this.room(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  string(s: string): void {
    this.bytes(encoder.encode(s));
  }

  /** Exactly the string's code units, lone surrogates too (a chunk may end inside a pair). */
  text(s: string): void {
    if (!LONE_SURROGATE.test(s)) {
      this.uint(0);
      this.string(s);
      return;
    }
    this.uint(1);
    this.uints(Array.from({ length: s.length }, (_, i) => s.charCodeAt(i)));
  }

  uints(list: readonly number[]): void {
    this.uint(list.length);
    for (const n of list) this.uint(n);
  }

  /** Little-endian 32-bit words as runs: the per-pattern state is mostly one repeated word. */
  words(b: Uint8Array): void {
    if (b.length % 4 !== 0) throw new RangeError('snapshot: word array length');
    const words = new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
    this.uint(words.length);
    for (let i = 0; i < words.length; ) {
      let j = i + 1;
      while (j < words.length && words[j] === words[i]) j++;
      this.uint(words[i]);
      this.uint(j - i);
      i = j;
    }
  }

  done(): Uint8Array {
    return this.buf.slice(0, this.at);
  }
}

class Reader {
  private at = 0;
  constructor(private readonly buf: Uint8Array) {}

  uint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.buf.length || scale > 2 ** 49) throw new SnapshotFormatError();
      const b = this.buf[this.at++];
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
    }
  }

  bytes(): Uint8Array {
    const n = this.uint();
    if (this.at + n > this.buf.length) throw new SnapshotFormatError();
    const out = this.buf.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }

  string(): string {
    try {
      return decoder.decode(this.bytes());
    } catch {
      throw new SnapshotFormatError();
    }
  }

  text(): string {
    const tag = this.uint();
    if (tag === 0) return this.string();
    if (tag !== 1) throw new SnapshotFormatError();
    const units = this.uints();
    if (units.some((u) => u > 0xffff)) throw new SnapshotFormatError();
    let out = '';
    for (let i = 0; i < units.length; i += 4096) out += String.fromCharCode(...units.slice(i, i + 4096));
    return out;
  }

  uints(): number[] {
    const n = this.count();
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(this.uint());
    return out;
  }

  /** A list length, bounded by the bytes left (every item takes at least one). */
  count(): number {
    const n = this.uint();
    if (n > this.buf.length - this.at) throw new SnapshotFormatError();
    return n;
  }

  words(): Uint8Array {
    const total = this.uint();
    if (total > 1 << 22) throw new SnapshotFormatError();
    const words = new Uint32Array(total);
    for (let i = 0; i < total; ) {
      const value = this.uint();
      const run = this.uint();
      if (run === 0 || i + run > total || value > 0xffffffff) throw new SnapshotFormatError();
      words.fill(value, i, i + run);
      i += run;
    }
    return new Uint8Array(words.buffer);
  }

  end(): void {
    if (this.at !== this.buf.length) throw new SnapshotFormatError();
  }
}

function writeFindings(w: Writer, list: readonly ByteFinding[]): void {
  w.uint(list.length);
  for (const f of list) {
    w.string(f.entity);
    w.uint(f.start);
    w.uint(f.end);
    w.uint(Math.round(f.score * 100));
  }
}

function readFindings(r: Reader): ByteFinding[] {
  const n = r.count();
  const out: ByteFinding[] = [];
  for (let i = 0; i < n; i++) out.push({ entity: r.string(), start: r.uint(), end: r.uint(), score: r.uint() / 100 });
  return out;
}

/** A list of (string, count) pairs: a redactor's counters and its numbers by value digest. */
function writeCounts(w: Writer, pairs: Array<[string, number]>): void {
  w.uint(pairs.length);
  for (const [key, n] of pairs) {
    w.string(key);
    w.uint(n);
  }
}

function readCounts(r: Reader): Array<[string, number]> {
  const pairs: Array<[string, number]> = [];
  for (let n = r.count(); n > 0; n--) pairs.push([r.string(), r.uint()]);
  return pairs;
}

function writeRedactor(w: Writer, s: RedactorSnapshot): void {
  writeCounts(w, s.counters);
  writeCounts(w, s.numbers);
  w.uint(s.own.length);
  for (const [entity, own] of s.own) {
    w.string(entity);
    writeRedactor(w, own);
  }
}

function readRedactor(r: Reader, depth = 0): RedactorSnapshot {
  if (depth > 1) throw new SnapshotFormatError(); // byEntity redactors have no byEntity of their own
  const counters = readCounts(r);
  const numbers = readCounts(r);
  const own: Array<[string, RedactorSnapshot]> = [];
  for (let n = r.count(); n > 0; n--) own.push([r.string(), readRedactor(r, depth + 1)]);
  return { counters, numbers, own };
}

function writeContext(w: Writer, c: ContextSnapshot): void {
  w.words(c.record);
  w.bytes(c.window);
  w.words(c.patternState);
  w.uint(c.states.length);
  for (const s of c.states) {
    w.uints(s.set);
    w.uint(s.ctx);
    w.uints(s.matches);
    w.uint(s.fresh ? 1 : 0);
  }
}

function readContext(r: Reader): ContextSnapshot {
  const record = r.words();
  const window = r.bytes();
  const patternState = r.words();
  const states: AutomatonStateSnapshot[] = [];
  for (let n = r.count(); n > 0; n--) {
    const set = r.uints();
    const ctx = r.uint();
    const matches = r.uints();
    const fresh = r.uint();
    if (ctx > 2 || fresh > 1) throw new SnapshotFormatError();
    states.push({ set, ctx, matches, fresh: fresh === 1 });
  }
  return { record, window, patternState, states };
}

function writeEngine(w: Writer, e: EngineSnapshot): void {
  writeContext(w, e.context);
  w.uint(e.pending.length);
  for (const [p, start] of e.pending) {
    w.uint(p);
    w.uint(start);
  }
  w.uint(e.queued.length);
  for (const [p, ends] of e.queued) {
    w.uint(p);
    w.uints(ends);
  }
  writeFindings(w, e.candidates);
}

function readEngine(r: Reader): EngineSnapshot {
  const context = readContext(r);
  const pending: Array<[number, number]> = [];
  for (let n = r.count(); n > 0; n--) pending.push([r.uint(), r.uint()]);
  const queued: Array<[number, number[]]> = [];
  for (let n = r.count(); n > 0; n--) queued.push([r.uint(), r.uints()]);
  return { context, pending, queued, candidates: readFindings(r) };
}

export function encodeStreamSnapshot(s: StreamSnapshot): Uint8Array {
  const w = new Writer();
  w.uint(FORMAT);
  w.string(s.fingerprint);
  w.uint(s.limit);
  w.text(s.held);
  w.uint(s.heldStart);
  w.uint(s.releasedUnits);
  writeFindings(w, s.ready);
  writeEngine(w, s.engine);
  writeRedactor(w, s.redactor);
  w.bytes(s.key);
  return w.done();
}

/** Throws SnapshotFormatError on anything but the output of encodeStreamSnapshot. */
export function decodeStreamSnapshot(bytes: Uint8Array): StreamSnapshot {
  const r = new Reader(bytes);
  if (r.uint() !== FORMAT) throw new SnapshotFormatError();
  const fingerprint = r.string();
  const limit = r.uint();
  const held = r.text();
  const heldStart = r.uint();
  const releasedUnits = r.uint();
  const ready = readFindings(r);
  const engine = readEngine(r);
  const redactor = readRedactor(r);
  const key = r.bytes();
  r.end();
  return { fingerprint, limit, held, heldStart, releasedUnits, ready, engine, redactor, key };
}
