// Scanners built for HTTP requests, cached per option set: compiling tables and instantiating
// WASM are the slow parts; a cached scanner answers in microseconds.
import catalogTables from '../build/catalog.bin';
import scannerWasm from '../build/scanner.wasm';
import { badRequest } from './errors.js';
import { LIMITS } from './limits.js';
import { type CustomPattern, PatternError, type Scanner, type ScannerOptions, createScannerWith, preloadCatalog } from './scan/index.js';

export interface ScannerRequest {
  entities?: string[];
  patterns?: CustomPattern[];
  words?: string[];
  minScore?: number;
}

// Each scanner holds its own WASM instance (tables plus cached automaton states, a few MB that
// are touched only as states are built), so a bounded number is kept per isolate. Guardrails and
// /v1/scan requests have caches of their own: ad-hoc scan options cannot evict guardrails' scanners.
const MAX_GUARDRAIL_SCANNERS = 48;
const MAX_REQUEST_SCANNERS = 8;
// Built together with the Worker bundle, so it always matches; a mismatch only costs a compile.
preloadCatalog(new Uint8Array(catalogTables));
const guardrailScanners = new Map<string, Scanner>();
const requestScanners = new Map<string, Scanner>();

/** A scanner for one /v1/scan request's options. */
export function scannerFor(req: ScannerRequest): Scanner {
  const key = JSON.stringify([req.entities ?? null, req.patterns ?? [], req.words ?? [], req.minScore ?? null]);
  return cachedScanner(requestScanners, MAX_REQUEST_SCANNERS, key, () => {
    try {
      return createScannerWith(scannerWasm, {
        entities: req.entities,
        patterns: req.patterns,
        words: req.words,
        minScore: req.minScore,
        maxPatternStates: LIMITS.patternStates,
      });
    } catch (e) {
      throw toApiError(e, req);
    }
  });
}

/** A scanner for options a guardrail version compiled to (validated when the version was written). */
export function scannerForOptions(key: string, options: ScannerOptions): Scanner {
  return cachedScanner(guardrailScanners, MAX_GUARDRAIL_SCANNERS, key, () => createScannerWith(scannerWasm, options));
}

function cachedScanner(cache: Map<string, Scanner>, max: number, key: string, create: () => Scanner): Scanner {
  let scanner = cache.get(key);
  if (scanner) {
    cache.delete(key);
    cache.set(key, scanner);
    return scanner;
  }
  scanner = create();
  cache.set(key, scanner);
  if (cache.size > max) cache.delete(cache.keys().next().value!);
  return scanner;
}

/** Engine errors (unknown entity, bad pattern) become 400s that name the field. */
function toApiError(e: unknown, req: ScannerRequest): unknown {
  if (e instanceof PatternError) {
    const index = req.patterns?.findIndex((p) => p.name === e.patternName) ?? -1;
    const path = index >= 0 ? `patterns[${index}].pattern` : 'patterns';
    return badRequest(e.message, path, { reason: e.reason, ...(e.position !== undefined ? { position: e.position } : {}) });
  }
  if (e instanceof TypeError) return badRequest(e.message, /^([\w.[\]]+):/.exec(e.message)?.[1] ?? 'body');
  return e;
}
