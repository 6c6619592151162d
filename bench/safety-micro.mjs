// Micro-benchmark of the safety fast layer's parts on 1 KB prompts from the held-out rows:
// normalisation (the JS normaliser, as the words filter runs it), the classifier's check (the
// text's UTF-8 into the model's window and the normaliser's check there), the lexicon scan, the
// n-gram model (timed with the check: from the checked bytes where the text is its own normal form, else of the
// normalised text, as classify() does) and the whole classify(), each timed over many rounds;
// prints µs per 1 KB (median of rounds) and each part's share of classify().
// `node bench/safety-micro.mjs [rounds]`. The machine is shared: compare ratios across runs.
import { readFileSync } from 'node:fs';
import { promptInjectionRows } from '../scripts/safety-data.mjs';
import { loadSafetyClassifier, normalizeText } from '../dist/scan/node.js';
import { readWeights } from '../dist/scan/safety/weights-file.js';
import { SafetyLexicon } from '../dist/scan/safety/lexicon.js';
import { WasmSafetyModel } from '../dist/scan/wasm-safety.js';
import { unitCode } from '../dist/scan/normalize.js';

const ROUNDS = Number(process.argv[2] ?? 15);
const PROMPTS = 500;
const rows = promptInjectionRows().filter((r) => r.split === 'test');
const all = rows.map((r) => r.text).join('\n');
const prompts = [];
for (let at = 0; prompts.length < PROMPTS; at = (at + 997) % (all.length - 1024)) {
  let s = all.slice(at, at + 1024);
  while (Buffer.byteLength(s) > 1024) s = s.slice(0, -1);
  prompts.push(s);
}
const classifier = loadSafetyClassifier();
const module = new WebAssembly.Module(readFileSync(new URL('../build/scanner.wasm', import.meta.url)));
const { header, model } = readWeights(new Uint8Array(readFileSync(new URL('../data/safety/model/weights.bin', import.meta.url))));
const lexicon = new SafetyLexicon(module, header.lexicon);
const wasm = new WasmSafetyModel(module, header.bits, model);
// What classify() hands the lexicon: the normalised text and, when the normaliser knows them, its
// white-space runs (the lexicon folds those; without the list it finds them itself).
const normalizeWithSpaces = (await import('../dist/scan/normalize.js')).normalizeWithSpaces;
const normalized = prompts.map((p) => normalizeText(p).text);
const spaces = prompts.map((p) => (normalizeWithSpaces ? normalizeWithSpaces(p).spaces : undefined)?.slice());

let sink = 0;
const parts = {
  normalize: () => { for (const p of prompts) sink += normalizeText(p).text.length; },
  lexicon: () => { for (let i = 0; i < normalized.length; i++) sink += lexicon.hits(normalized[i], spaces[i]).length; },
  check: () => { for (const p of prompts) sink += wasm.check(p, unitCode).found; },
  'check+model': () => {
    for (let i = 0; i < prompts.length; i++) sink += (wasm.check(prompts[i], unitCode).found === 0 ? wasm.scoreChecked() : wasm.score(normalized[i])).features;
  },
  classify: () => { for (const p of prompts) sink += classifier.classify(p).spans.length; },
};
const times = Object.fromEntries(Object.keys(parts).map((k) => [k, []]));
for (let r = 0; r < ROUNDS + 2; r++) {
  for (const [k, fn] of Object.entries(parts)) {
    const t0 = process.hrtime.bigint();
    fn();
    const us = Number(process.hrtime.bigint() - t0) / 1e3 / prompts.length;
    if (r >= 2) times[k].push(us); // two warm-up rounds
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const c = median(times.classify);
for (const [k, t] of Object.entries(times)) {
  const m = median(t);
  console.log(`${k.padEnd(12)} ${m.toFixed(2).padStart(7)} µs/KB  min ${Math.min(...t).toFixed(2).padStart(7)}  ${((m / c) * 100).toFixed(0).padStart(3)}% of classify`);
}
console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}${sink < 0 ? '' : ''}`);
