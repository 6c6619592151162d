// The content-safety classifier of this isolate, built on first use from the bundled weights and
// the lexicon automata compiled at build time.
import lexiconTables from '../build/safety-lexicon.bin';
import scannerWasm from '../build/scanner.wasm';
import weights from '../data/safety/model/weights.bin';
import { type SafetyClassifier, createSafetyClassifier } from './scan/index.js';

let classifier: SafetyClassifier | undefined;

export function safetyClassifier(): SafetyClassifier {
  classifier ??= createSafetyClassifier(scannerWasm, new Uint8Array(weights), { lexiconTables: new Uint8Array(lexiconTables) });
  return classifier;
}
