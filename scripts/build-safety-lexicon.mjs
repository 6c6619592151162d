// Compiles the safety lexicon's automata once at build time (build/safety-lexicon.bin), so the
// first classification in an isolate does not spend about 0.2 s compiling them; the Worker
// bundles them (a Data module), so their size is printed gzipped too. The lexicon is read from
// the versioned weights file; tables from another lexicon are ignored at load time.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { compilePatterns } from '../dist/scan/compiler/index.js';
import { ownPatterns } from '../dist/scan/scanner.js';
import { lexiconScannerOptions } from '../dist/scan/safety/lexicon.js';
import { readWeights } from '../dist/scan/safety/weights-file.js';

const weightsFile = new URL('../data/safety/model/weights.bin', import.meta.url);
const out = new URL('../build/safety-lexicon.bin', import.meta.url);
mkdirSync(new URL('../build/', import.meta.url), { recursive: true });
if (!existsSync(weightsFile)) {
  // Before the first `npm run train`: an empty file the runtime recognises as stale.
  writeFileSync(out, new Uint8Array(0));
  console.log('build/safety-lexicon.bin: no weights yet (run `npm run train`)');
} else {
  const started = performance.now();
  const { header } = readWeights(new Uint8Array(readFileSync(weightsFile)));
  const own = ownPatterns(lexiconScannerOptions(header.lexicon));
  const bytes = compilePatterns(own.set.sources, own.limits).bytes;
  writeFileSync(out, bytes);
  console.log(
    `build/safety-lexicon.bin: ${header.lexicon.length} terms in ${own.set.sources.length} patterns, ` +
      `${(bytes.length / 1024).toFixed(0)} KiB (${(gzipSync(bytes).length / 1024).toFixed(0)} KiB gzipped), ${(performance.now() - started).toFixed(0)} ms`,
  );
}
