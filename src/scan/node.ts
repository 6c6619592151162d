// `import { createScanner } from 'cordon/scan'` in Node: loads build/scanner.wasm once.
import { readFileSync } from 'node:fs';
import { type Scanner, type ScannerOptions, createScannerWith } from './scanner.js';

export * from './index.js';

let module: WebAssembly.Module | undefined;

function scannerModule(): WebAssembly.Module {
  module ??= new WebAssembly.Module(readFileSync(new URL('../../build/scanner.wasm', import.meta.url)));
  return module;
}

export function createScanner(options: ScannerOptions = {}): Scanner {
  return createScannerWith(scannerModule(), options);
}
