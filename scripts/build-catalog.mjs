// Compiles the full detector catalog once at build time (build/catalog.bin), so neither a Worker
// isolate nor a Node process pays for it on its first scan. Runs after `tsc` (it uses dist/).
import { mkdirSync, writeFileSync } from 'node:fs';
import { compilePatterns } from '../dist/scan/compiler/index.js';
import { DETECTORS } from '../dist/scan/catalog/index.js';
import { catalogPatternSet } from '../dist/scan/patterns.js';

const started = performance.now();
const tables = compilePatterns(catalogPatternSet(DETECTORS).sources);
mkdirSync(new URL('../build/', import.meta.url), { recursive: true });
writeFileSync(new URL('../build/catalog.bin', import.meta.url), tables.bytes);
console.log(
  `build/catalog.bin: ${DETECTORS.length} detectors, ${(tables.bytes.length / 1024).toFixed(0)} KiB, ` +
    `${(performance.now() - started).toFixed(0)} ms`,
);
