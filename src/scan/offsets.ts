import type { ByteFinding } from './engine.js';
import type { Finding } from './types.js';
import type { WasmScanner } from './wasm.js';

/**
 * Converts findings' byte offsets (at or after byte `from`, UTF-16 offset `fromUnits`). Findings
 * are sorted and never overlap, so their offsets are already ascending: one WASM pass.
 */
export function convertFindings(wasm: WasmScanner, found: ByteFinding[], from: number, fromUnits: number): Finding[] {
  if (found.length === 0) return [];
  const offsets: number[] = new Array(found.length * 2);
  found.forEach((f, i) => {
    offsets[2 * i] = f.start;
    offsets[2 * i + 1] = f.end;
  });
  const units = wasm.toUtf16(offsets, from, fromUnits);
  return found.map((f, i) => ({ entity: f.entity, start: units[2 * i], end: units[2 * i + 1], score: f.score }));
}
