// `import { createScanner } from 'cordon/scan'` in Node: loads build/scanner.wasm once.
import { existsSync, readFileSync } from 'node:fs';
import { type Scanner, type ScannerOptions, createScannerWith, preloadCatalog } from './scanner.js';
import { type SafetyClassifier, createSafetyClassifier } from './safety/index.js';

export * from './index.js';

let module: WebAssembly.Module | undefined;

// Node compiles small modules synchronously; Workers forbid that and hand over a module instead.
type ModuleConstructor = new (bytes: Uint8Array) => WebAssembly.Module;

function scannerModule(): WebAssembly.Module {
  if (!module) {
    const bytes = readFileSync(new URL('../../build/scanner.wasm', import.meta.url));
    module = new (WebAssembly.Module as unknown as ModuleConstructor)(bytes);
    // The catalog compiled at build time, when there is one (a plain compile works without it).
    const catalog = new URL('../../build/catalog.bin', import.meta.url);
    if (existsSync(catalog) && !preloadCatalog(new Uint8Array(readFileSync(catalog)))) {
      console.warn('cordon: build/catalog.bin is from another catalog version; run `npm run build`');
    }
  }
  return module;
}

export function createScanner(options: ScannerOptions = {}): Scanner {
  return createScannerWith(scannerModule(), options);
}

let safety: SafetyClassifier | undefined;

/** The safety classifier with the versioned weights (data/safety/model/) and the lexicon tables `npm run build` compiled. */
export function loadSafetyClassifier(): SafetyClassifier {
  if (!safety) {
    const weights = new Uint8Array(readFileSync(new URL('../../data/safety/model/weights.bin', import.meta.url)));
    const tables = new URL('../../build/safety-lexicon.bin', import.meta.url);
    safety = createSafetyClassifier(scannerModule(), weights, existsSync(tables) ? { lexiconTables: new Uint8Array(readFileSync(tables)) } : {});
  }
  return safety;
}
