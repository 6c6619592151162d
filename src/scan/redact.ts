// Redaction operators. A Redactor keeps its numbering for a whole call or stream, so the same
// value gets the same placeholder wherever it appears.

export type RedactMode = 'placeholder' | 'numbered' | 'mask' | 'hash' | 'remove';

export interface RedactOptions {
  /** Default `placeholder`: `[EMAIL]`. */
  mode?: RedactMode;
  /** Template with `{entity}`, and `{n}` (numbered) or `{hash}` (hash). */
  format?: string;
  /** Mask character, default `*`. */
  char?: string;
  /** Mask: letters and digits left visible at the end of the value. */
  keepLast?: number;
  /** Hash: HMAC key; without one each scanner uses a random key of its own. */
  hashKey?: string;
  /** Hash: hex characters kept, 8..64, default 12. */
  hashLength?: number;
  /**
   * Options for one entity instead of these; `false` leaves that entity's values as they are
   * (a guardrail that only warns on an entity still reports it, but shows it).
   */
  byEntity?: Record<string, Omit<RedactOptions, 'byEntity'> | false>;
}

export interface Span {
  entity: string;
  start: number;
  end: number;
}

const DEFAULT_FORMAT: Record<RedactMode, string> = {
  placeholder: '[{entity}]',
  numbered: '[{entity}_{n}]',
  hash: '[{entity}:{hash}]',
  mask: '',
  remove: '',
};

const MODES = new Set<RedactMode>(['placeholder', 'numbered', 'mask', 'hash', 'remove']);

export type Hmac = (key: Uint8Array, message: string) => Uint8Array;

/**
 * Frozen option objects already checked: a compiled guardrail passes the same frozen object on
 * every call (an object that can still change is checked every time).
 */
const checked = new WeakSet<RedactOptions>();

/** Checks options once, up front, so a bad option fails the call rather than a later chunk. */
export function checkRedactOptions(options: RedactOptions): void {
  if (checked.has(options)) return;
  checkRedactOptionsOnce(options);
  if (Object.isFrozen(options) && (options.byEntity === undefined || Object.isFrozen(options.byEntity))) checked.add(options);
}

function checkRedactOptionsOnce(options: RedactOptions): void {
  if (options.mode !== undefined && !MODES.has(options.mode)) {
    throw new TypeError(`redact.mode: unknown mode "${String(options.mode)}" (placeholder, numbered, mask, hash, remove)`);
  }
  if (options.char !== undefined && [...options.char].length !== 1) {
    throw new TypeError('redact.char: must be exactly one character');
  }
  if (options.keepLast !== undefined && !(Number.isInteger(options.keepLast) && options.keepLast >= 0 && options.keepLast <= 32)) {
    throw new TypeError('redact.keepLast: must be an integer from 0 to 32');
  }
  if (options.byEntity !== undefined) {
    if (typeof options.byEntity !== 'object' || options.byEntity === null) throw new TypeError('redact.byEntity: must be an object');
    for (const [entity, own] of Object.entries(options.byEntity)) {
      if (own === false) continue;
      if (typeof own !== 'object' || own === null || 'byEntity' in own) {
        throw new TypeError(`redact.byEntity.${entity}: must be redaction options (without byEntity) or false`);
      }
      checkRedactOptions(own);
    }
  }
  const len = options.hashLength;
  if (len !== undefined && !(Number.isInteger(len) && len >= 8 && len <= 64)) {
    throw new TypeError('redact.hashLength: must be an integer from 8 to 64');
  }
  if (options.format !== undefined && (typeof options.format !== 'string' || options.format.length > 100)) {
    throw new TypeError('redact.format: must be a string of at most 100 characters');
  }
}

/**
 * A redactor's numbering as plain data. Values are known only by a keyed digest, so a stream's
 * snapshot can carry the numbering to another isolate without carrying the values.
 */
export interface RedactorSnapshot {
  counters: Array<[string, number]>;
  /** [hex HMAC of entity and value under the stream's key, number]. */
  numbers: Array<[string, number]>;
  own: Array<[string, RedactorSnapshot]>;
}

export class Redactor {
  /** Numbers by a keyed digest of entity and value, never by the value itself. */
  private readonly numbers = new Map<string, number>();
  /** Placeholder text per entity: the same for every value, so formatted once. */
  private readonly placeholders = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private readonly mode: RedactMode;
  private readonly key: Uint8Array;
  /** Redactors of entities with options of their own; false: shown as they are. */
  private readonly own = new Map<string, Redactor | false>();

  constructor(
    private readonly options: RedactOptions,
    private readonly hmac: Hmac,
    private readonly defaultKey: Uint8Array,
  ) {
    checkRedactOptions(options);
    this.mode = options.mode ?? 'placeholder';
    this.key = options.hashKey !== undefined ? new TextEncoder().encode(options.hashKey) : defaultKey;
  }

  /** The entity's own redactor, made on first use: a guardrail names many entities, a text has few. */
  private ownFor(entity: string): Redactor | false | undefined {
    let own = this.own.get(entity);
    if (own === undefined) {
      const options = this.options.byEntity?.[entity];
      if (options === undefined) return undefined;
      own = options === false ? false : new Redactor(options, this.hmac, this.defaultKey);
      this.own.set(entity, own);
    }
    return own;
  }

  replacement(entity: string, value: string): string {
    const own = this.ownFor(entity);
    if (own !== undefined) return own === false ? value : own.replacement(entity, value);
    switch (this.mode) {
      case 'remove':
        return '';
      case 'mask':
        return mask(value, this.options.char ?? '*', this.options.keepLast ?? 0);
      case 'placeholder': {
        let text = this.placeholders.get(entity);
        if (text === undefined) this.placeholders.set(entity, (text = this.format({ entity })));
        return text;
      }
      case 'numbered':
        return this.format({ entity, n: String(this.numberFor(entity, value)) });
      case 'hash': {
        const digest = this.hmac(this.key, `${entity}\u0000${value}`);
        return this.format({ entity, hash: hex(digest, 32).slice(0, this.options.hashLength ?? 12) });
      }
    }
  }

  /** Applies replacements to `text`; spans are sorted, non-overlapping UTF-16 offsets into it. */
  apply(text: string, spans: Span[], offset = 0): string {
    let out = '';
    let at = 0;
    for (const s of spans) {
      const start = s.start - offset;
      const end = s.end - offset;
      out += text.slice(at, start) + this.replacement(s.entity, text.slice(start, end));
      at = end;
    }
    return out + text.slice(at);
  }

  snapshot(): RedactorSnapshot {
    const own: Array<[string, RedactorSnapshot]> = [];
    for (const [entity, r] of this.own) if (r !== false) own.push([entity, r.snapshot()]);
    return { counters: [...this.counters], numbers: [...this.numbers], own };
  }

  /** Takes over the numbering of a redactor built with the same options and key. */
  restore(snap: RedactorSnapshot): void {
    this.counters.clear();
    this.numbers.clear();
    for (const [entity, n] of snap.counters) this.counters.set(entity, n);
    for (const [digest, n] of snap.numbers) this.numbers.set(digest, n);
    for (const [entity, s] of snap.own) {
      const r = this.own.get(entity);
      if (r) r.restore(s);
    }
  }

  private numberFor(entity: string, value: string): number {
    // Domain-separated from hash mode, so a digest here never equals a hash shown to a caller.
    const key = hex(this.hmac(this.defaultKey, `number\u0000${entity}\u0000${value}`), 16);
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = (this.counters.get(entity) ?? 0) + 1;
      this.counters.set(entity, n);
      this.numbers.set(key, n);
    }
    return n;
  }

  private format(values: Record<string, string>): string {
    const template = this.options.format ?? DEFAULT_FORMAT[this.mode];
    return template.replace(/\{(entity|n|hash)\}/g, (_, k: string) => values[k] ?? '');
  }
}

/** Lower-case hex of the first `bytes` bytes. */
function hex(digest: Uint8Array, bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes && i < digest.length; i++) out += digest[i].toString(16).padStart(2, '0');
  return out;
}

/** Masks letters and digits, keeping separators so the shape stays readable (`**** 1111`). */
function mask(value: string, char: string, keepLast: number): string {
  const chars = [...value];
  let visible = keepLast;
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!/[\p{L}\p{N}]/u.test(chars[i])) continue;
    if (visible > 0) visible--;
    else chars[i] = char;
  }
  return chars.join('');
}
