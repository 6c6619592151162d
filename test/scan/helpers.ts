import { createScanner } from '../../src/scan/node.js';
import type { CustomPattern, Finding } from '../../src/scan/index.js';

/** Scans with custom patterns only (no catalog), returning [entity, matched text] pairs. */
export function matches(patterns: CustomPattern[], text: string): Array<[string, string]> {
  return createScanner({ entities: [], patterns }).scan(text).map((f) => [f.entity, text.slice(f.start, f.end)]);
}

export function spans(findings: Finding[]): Array<[string, number, number]> {
  return findings.map((f) => [f.entity, f.start, f.end]);
}

/** Cuts `text` at the given UTF-16 positions (sorted, deduplicated, inside the text). */
export function cut(text: string, points: number[]): string[] {
  const sorted = [...new Set(points.filter((p) => p > 0 && p < text.length))].sort((a, b) => a - b);
  const parts: string[] = [];
  let at = 0;
  for (const p of sorted) {
    parts.push(text.slice(at, p));
    at = p;
  }
  parts.push(text.slice(at));
  return parts;
}
