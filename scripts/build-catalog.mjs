// Compiles the whole detector catalog once at build time (build/catalog.bin), so neither a Worker
// isolate nor a Node process pays for it on its first scan. Runs after `tsc` (it uses dist/).
import { mkdirSync, writeFileSync } from 'node:fs';
import { DETECTORS } from '../dist/scan/catalog/index.js';
import { catalogParts, packParts, partPatternSet } from '../dist/scan/catalog-parts.js';
import { compilePatterns } from '../dist/scan/compiler/index.js';

const started = performance.now();
const parts = catalogParts(DETECTORS).map((part) => compilePatterns(partPatternSet(part).sources).bytes);
const bytes = packParts(parts);
mkdirSync(new URL('../build/', import.meta.url), { recursive: true });
writeFileSync(new URL('../build/catalog.bin', import.meta.url), bytes);
console.log(
  `build/catalog.bin: ${DETECTORS.length} detectors in ${parts.length} automata, ` +
    `${(bytes.length / 1024).toFixed(0)} KiB, ${(performance.now() - started).toFixed(0)} ms`,
);
