// createScanner: the engine's public face. Compiles (and caches) the pattern sets a configuration
// needs, runs them in one WASM instance, and turns byte findings into UTF-16 ones.
import { DETECTORS, ENTITIES, ENTITY_GROUPS } from './catalog/index.js';
import type { Detector, EntityGroup } from './catalog/types.js';
import { catalogParts, partKey, partPatternSet, unpackCatalog } from './catalog-parts.js';
import { type CompileLimits, DEFAULT_LIMITS, compilePatterns, sourcesDigest } from './compiler/index.js';
import { readTables } from './compiler/serialize.js';
import { type ByteFinding, MatchEngine } from './engine.js';
import { type CustomPattern, type PatternSet, type WordList, customPatternSet } from './patterns.js';
import { type RedactOptions, Redactor, checkRedactOptions } from './redact.js';
import { type StreamOptions, type StreamSnapshot, StreamInspector } from './stream.js';
import type { Finding } from './types.js';
import { convertFindings } from './offsets.js';
import { type TableSet, WasmScanner } from './wasm.js';

export interface ScannerOptions {
  /** Entity names or groups (`pii`, `pci`, `phi`, `secrets`); default every detector. */
  entities?: string[];
  patterns?: CustomPattern[];
  words?: string[] | WordList | WordList[];
  /** Findings scoring below this are dropped (default 0.5). */
  minScore?: number;
  /** Per-entity thresholds that override `minScore` (a guardrail's filters each have their own). */
  minScoreByEntity?: Record<string, number>;
  /**
   * States each lazily built scanning automaton caches before it flushes (default 8192, min 8).
   * The catalog's working set on varied text is about 2,500 states per automaton; each cached
   * state costs a table row of about 0.5 KiB.
   */
  maxCachedStates?: number;
  /** Budget for the custom patterns' own automata, in states (default 40,000): bounds compile time. */
  maxPatternStates?: number;
}

export interface Scanner {
  /** Entities this scanner reports (catalog entities, then custom names). */
  readonly entities: readonly string[];
  scan(text: string): Finding[];
  redact(text: string, options?: RedactOptions): { text: string; findings: Finding[] };
  stream(options?: RedactOptions & StreamOptions): StreamInspector;
  /**
   * Continues a stream from its snapshot, in this or another isolate, given the options it was
   * started with; throws when the snapshot is from another pattern set or option set.
   */
  resumeStream(snapshot: StreamSnapshot, options?: RedactOptions & StreamOptions): StreamInspector;
  /** Work counters of this scanner's batch calls, for diagnostics: bytes scanned and bytes stepped verifying matches. */
  stats(): { bytesScanned: number; verifySteps: number };
}

const DEFAULT_MIN_SCORE = 0.5;
const DEFAULT_CACHED_STATES = 8192;
const CACHE_SIZE = 32;
/** Compiled tables by pattern-set key; compiling is the slow part, scanning is not. */
const compiled = new Map<string, TableSet>();

function compileCached(key: string, set: PatternSet, limits: CompileLimits = DEFAULT_LIMITS): TableSet {
  let tables = compiled.get(key);
  if (tables) {
    compiled.delete(key);
    compiled.set(key, tables); // keep recently used entries last
    return tables;
  }
  tables = loadTables(compilePatterns(set.sources, limits).bytes);
  compiled.set(key, tables);
  if (compiled.size > CACHE_SIZE) compiled.delete(compiled.keys().next().value!);
  return tables;
}

function loadTables(bytes: Uint8Array): TableSet {
  return { bytes, tables: readTables(bytes), lazy: new Map() };
}

/** Registers tables compiled ahead of time (e.g. the catalog at build time) under their key. */
export function preloadTables(key: string, bytes: Uint8Array): void {
  compiled.set(key, loadTables(bytes));
}

/**
 * Tables of the whole catalog compiled at build time (build/catalog.bin). Parts from another
 * version of the catalog are refused (they compile on first use): false if any was.
 */
export function preloadCatalog(bytes: Uint8Array): boolean {
  const parts = unpackCatalog(bytes);
  for (const p of parts) preloadTables(p.key, p.bytes);
  return parts.length === catalogParts(DETECTORS).length;
}

/** Expands groups and checks names; throws naming the unknown entity. */
export function resolveEntities(names: readonly string[] | undefined): string[] {
  if (names === undefined) return [...ENTITIES];
  if (!Array.isArray(names)) throw new TypeError('entities: must be an array of entity names or groups');
  const known = new Set(ENTITIES);
  const chosen = new Set<string>();
  names.forEach((name, i) => {
    if (typeof name !== 'string') throw new TypeError(`entities[${i}]: must be a string`);
    const group = ENTITY_GROUPS[name.toLowerCase() as EntityGroup];
    if (group) group.forEach((e) => chosen.add(e));
    else if (known.has(name)) chosen.add(name);
    // The name is not echoed: callers paste all sorts of things into lists.
    else throw new TypeError(`entities[${i}]: unknown entity (see GET /v1/entities; groups: pii, pci, phi, secrets)`);
  });
  // Catalog order, so equal selections share one compiled set.
  return ENTITIES.filter((e) => chosen.has(e));
}

function normalizeWords(words: ScannerOptions['words']): WordList[] {
  if (words === undefined) return [];
  if (Array.isArray(words) && words.every((w) => typeof w === 'string')) return [{ words: words as string[] }];
  const lists = Array.isArray(words) ? words : [words];
  for (const l of lists as WordList[]) {
    if (!l || !Array.isArray(l.words) || !l.words.every((w) => typeof w === 'string')) {
      throw new TypeError('words: expected an array of strings or { name?, words: string[] } lists');
    }
  }
  return lists as WordList[];
}

/**
 * A configuration's own patterns and words as one set, with the key its compiled tables are
 * cached under: compile them ahead of time with `compilePatterns(set.sources, limits)` and hand
 * the bytes to `preloadTables(key, bytes)` to skip the compile at startup.
 */
export function ownPatterns(options: ScannerOptions): { set: PatternSet; key: string; limits: CompileLimits } {
  const set = customPatternSet(options.patterns ?? [], normalizeWords(options.words));
  const budget = options.maxPatternStates ?? DEFAULT_LIMITS.maxTotalStates;
  if (set.sources.length > 0 && !(Number.isInteger(budget) && budget >= 100 && budget <= 1_000_000)) {
    throw new TypeError('maxPatternStates: must be an integer from 100 to 1000000');
  }
  return { set, key: `custom:${budget}:${JSON.stringify(set.sources)}`, limits: { ...DEFAULT_LIMITS, maxTotalStates: budget } };
}

export function createScannerWith(module: WebAssembly.Module, options: ScannerOptions = {}): Scanner {
  const entities = resolveEntities(options.entities);
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  checkScore('minScore', minScore);
  const byEntity = options.minScoreByEntity ?? {};
  for (const [entity, score] of Object.entries(byEntity)) checkScore(`minScoreByEntity.${entity}`, score);
  const selected = new Set(entities);
  const detectors: Detector[] = DETECTORS.filter((d) => selected.has(d.entity));
  const sets: PatternSet[] = [];
  const tables: TableSet[] = [];
  for (const part of catalogParts(detectors)) {
    const set = partPatternSet(part);
    sets.push(set);
    tables.push(compileCached(partKey(part), set));
  }
  const own = ownPatterns(options);
  const custom = own.set;
  if (custom.sources.length > 0) {
    sets.push(custom);
    tables.push(compileCached(own.key, custom, own.limits));
  }
  const infos = sets.flatMap((s) => s.infos);
  // Same sources, same automata (compiling is deterministic): a stream snapshot taken with one
  // resumes with the other. Thresholds are part of it: they change which findings exist.
  const fingerprint = `${sets.map((s) => sourcesDigest(s.sources).toString(36)).join('.')}.${fnv1a(JSON.stringify([minScore, byEntity])).toString(36)}`;
  const minScores = Float64Array.from(infos, (i) => byEntity[i.entity] ?? minScore);
  const enabled = Uint8Array.from(infos, (i) => (i.searched ? 1 : 0));
  const names = [...entities, ...new Set(custom.infos.map((i) => i.entity))];
  const hashKey = crypto.getRandomValues(new Uint8Array(32));
  const cacheStates = options.maxCachedStates ?? DEFAULT_CACHED_STATES;
  if (!(Number.isInteger(cacheStates) && cacheStates >= 8 && cacheStates <= 1 << 16)) {
    throw new TypeError('maxCachedStates: must be an integer from 8 to 65536');
  }

  // One instance serves the scanner's batch calls and all of its streams (each a context of it).
  const meta = infos.map((i) => ({
    validator: i.validator,
    feedsContext: i.feedsContext !== undefined,
    contextList: i.feedsContext ?? i.contextList,
    lead: i.lead,
    trail: i.trail,
  }));
  const wasm = new WasmScanner(module, tables, cacheStates, meta);
  const batch = { wasm, engine: new MatchEngine(wasm, infos, enabled, minScores) };

  let bytesScanned = 0;
  const scan = (text: string): Finding[] => {
    if (typeof text !== 'string') throw new TypeError('text must be a string');
    batch.engine.reset();
    batch.engine.push(text, true);
    bytesScanned += batch.wasm.windowEnd();
    return toUtf16(batch.wasm, batch.engine.settle(Infinity), text);
  };

  return {
    entities: names,
    scan,
    redact(text, redactOptions = {}) {
      checkRedactOptions(redactOptions);
      const findings = scan(text);
      const redactor = new Redactor(redactOptions, (k, m) => batch.wasm.hmacSha256(k, m), hashKey);
      return { text: redactor.apply(text, findings), findings };
    },
    stats: () => ({ bytesScanned, verifySteps: batch.wasm.verifyWork() }),
    stream(streamOptions = {}) {
      const engine = new MatchEngine(wasm, infos, enabled, minScores);
      const redactor = new Redactor(streamOptions, (k, m) => wasm.hmacSha256(k, m), hashKey);
      return new StreamInspector(wasm, engine, redactor, streamOptions, { fingerprint, key: hashKey });
    },
    resumeStream(snapshot, streamOptions = {}) {
      if (snapshot.fingerprint !== fingerprint) throw new Error('snapshot is from another pattern set');
      // The snapshot's key, not this scanner's: numbering and hashes go on as they began.
      const key = snapshot.key.slice();
      const engine = new MatchEngine(wasm, infos, enabled, minScores);
      const redactor = new Redactor(streamOptions, (k, m) => wasm.hmacSha256(k, m), key);
      const inspector = new StreamInspector(wasm, engine, redactor, streamOptions, { fingerprint, key });
      inspector.restore(snapshot);
      return inspector;
    },
  };
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function checkScore(field: string, value: unknown): void {
  if (!(typeof value === 'number' && value >= 0 && value <= 1)) throw new TypeError(`${field}: must be within 0..1`);
}

/** Byte offsets to UTF-16 offsets, converting only the few finding offsets. */
function toUtf16(wasm: WasmScanner, found: ByteFinding[], text: string): Finding[] {
  if (wasm.windowEnd() === text.length) return found; // ASCII: bytes are units (fresh objects per call)
  return convertFindings(wasm, found, 0, 0);
}
