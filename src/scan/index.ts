// The engine's public surface, usable in Workers, Node and browsers (bring the WASM module).
export { createScannerWith, resolveEntities, preloadTables, preloadCatalog, type Scanner, type ScannerOptions } from './scanner.js';
export { compilePatterns, PatternError, type PatternSource, type CompiledTables } from './compiler/index.js';
export type { Finding } from './types.js';
export type { RedactOptions, RedactMode } from './redact.js';
export type { StreamResult, StreamOptions, StreamInspector } from './stream.js';
export type { CustomPattern, WordList } from './patterns.js';
export { DETECTORS, ENTITY_GROUPS } from './catalog/index.js';
export type { Detector, EntityGroup } from './catalog/types.js';
export type { StreamSnapshot } from './stream.js';
export { encodeStreamSnapshot, decodeStreamSnapshot, SnapshotFormatError } from './stream-snapshot.js';
export { normalizeText, type NormalizedText, type NormalizeOptions } from './normalize.js';
export * from './safety/index.js';
