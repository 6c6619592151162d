// The classifier's weights file (data/safety/model/weights.bin, written by `npm run train`):
//   "CSW1" | u32 little-endian length of the header | header (UTF-8 JSON) | zero padding to 8 |
//   2^bits signed bytes: the hashed-feature weights of the prompt-injection model.
// The lexicon travels in the header so one file is the whole model.
import type { LexiconTerm } from './lexicon.js';

export interface WeightsHeader {
  version: 1;
  /** Hashed features index a table of 2^bits weights. */
  bits: number;
  /** A stored weight w means w * scale. */
  scale: number;
  bias: number;
  /** Weight of log(1 + sum of prompt-injection lexicon weights found). */
  lexiconWeight: number;
  lexicon: LexiconTerm[];
  /** What the weights were trained on, for the record (rows per split, seed). */
  trainedOn: Record<string, number | string>;
}

export interface SafetyWeights {
  header: WeightsHeader;
  model: Int8Array;
}

const MAGIC = 0x31575343; // "CSW1"

export function readWeights(bytes: Uint8Array): SafetyWeights {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new TypeError('safety weights: not a weights file (bad magic)');
  const length = view.getUint32(4, true);
  if (8 + length > bytes.byteLength) throw new TypeError('safety weights: truncated header');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as WeightsHeader;
  if (header.version !== 1 || !(header.bits >= 10 && header.bits <= 24)) throw new TypeError('safety weights: unsupported version or size');
  const at = (8 + length + 7) & ~7;
  const size = 1 << header.bits;
  if (at + size !== bytes.byteLength) throw new TypeError('safety weights: model size does not match the header');
  return { header, model: new Int8Array(bytes.buffer, bytes.byteOffset + at, size) };
}

export function writeWeights(weights: SafetyWeights): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(weights.header));
  const at = (8 + json.length + 7) & ~7;
  const out = new Uint8Array(at + weights.model.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, json.length, true);
  out.set(json, 8);
  out.set(new Uint8Array(weights.model.buffer, weights.model.byteOffset, weights.model.length), at);
  return out;
}
