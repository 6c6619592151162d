// The catalog scans as two automata run side by side over the same bytes (assembly/scanner.ts,
// runPair): their lookups are independent, so the CPU overlaps them, and each table is about
// half as large, so more of it stays in cache. Secrets and the rest split it roughly evenly.
import { DETECTORS } from './catalog/index.js';
import type { Detector } from './catalog/types.js';
import { readTables } from './compiler/serialize.js';
import { sourcesDigest } from './compiler/index.js';
import { catalogPatternSet, type PatternSet } from './patterns.js';

export function catalogParts(detectors: readonly Detector[]): Detector[][] {
  const secrets = detectors.filter((d) => d.groups.includes('secrets'));
  const rest = detectors.filter((d) => !d.groups.includes('secrets'));
  return [secrets, rest].filter((part) => part.length > 0);
}

/** A part's pattern set; context lists are numbered by catalog position, unique across parts. */
export function partPatternSet(part: readonly Detector[]): PatternSet {
  return catalogPatternSet(part, (d) => DETECTORS.indexOf(d));
}

export function partKey(part: readonly Detector[]): string {
  return `catalog:${part.map((d) => DETECTORS.indexOf(d)).join(',')}`;
}

/** build/catalog.bin: [u32 part count][u32 byte length per part][tables of each part]. */
export function packParts(parts: Uint8Array[]): Uint8Array {
  const header = 4 + parts.length * 4;
  const out = new Uint8Array(header + parts.reduce((n, p) => n + p.length, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, parts.length, true);
  let at = header;
  parts.forEach((p, i) => {
    view.setUint32(4 + i * 4, p.length, true);
    out.set(p, at);
    at += p.length;
  });
  return out;
}

/**
 * The whole catalog's parts, compiled at build time, keyed as the scanner looks them up. Parts
 * compiled from another version of the catalog are left out (they compile on first use).
 */
export function unpackCatalog(bytes: Uint8Array): Array<{ key: string; bytes: Uint8Array }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts = catalogParts(DETECTORS);
  if (bytes.byteLength < 4 || view.getUint32(0, true) !== parts.length) return [];
  const out: Array<{ key: string; bytes: Uint8Array }> = [];
  let at = 4 + parts.length * 4;
  parts.forEach((part, i) => {
    const length = view.getUint32(4 + i * 4, true);
    const tables = bytes.slice(at, at + length);
    at += length;
    if (readTables(tables).digest === sourcesDigest(partPatternSet(part).sources)) out.push({ key: partKey(part), bytes: tables });
  });
  return out;
}
