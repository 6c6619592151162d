// Cordon's own catalog patterns as V8 RegExps: Cordon's syntax is a subset of JavaScript's, so
// these are exactly equivalent patterns (every detector, custom leads included). Matching only:
// the comparison is what one pass of an automaton saves over many backtracking searches.
import { DETECTORS } from '../../dist/scan/catalog/index.js';

export function catalogPatterns() {
  return DETECTORS.flatMap((d) => d.patterns.map((p) => ({ entity: d.entity, source: p.pattern, flags: p.flags ?? '' })));
}
