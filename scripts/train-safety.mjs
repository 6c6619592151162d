// `npm run train`: fits the safety classifier from data/safety/ and writes
//   data/safety/model/weights.bin        the lexicon and the prompt-injection model (versioned)
//   src/scan/safety/default-thresholds.ts the thresholds chosen on the validation split
// Deterministic: the same data gives the same bytes. The held-out `test` split (scripts/safety-data.mjs)
// is never read here beyond counting it; bench/safety.mjs scores it.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { normalizeText } from '../dist/scan/normalize.js';
import { SafetyLexicon } from '../dist/scan/safety/lexicon.js';
import { writeWeights } from '../dist/scan/safety/weights-file.js';
import { WasmSafetyModel } from '../dist/scan/wasm-safety.js';
import { promptInjectionRows } from './safety-data.mjs';
import { buildLexicon } from './safety-lexicon-source.mjs';

// 2^15 one-byte weights (32 KB) stay in the L1/L2 caches; the model is compiled for this size
// (assembly/safety/model.ts MODEL_BITS), and refuses weights of another.
const BITS = 15;
const EPOCHS = 12;
const RATE = 0.2;
const L2 = 2e-6;
const SEED = 20240611;
/** Category thresholds keep false positives on benign validation prompts at or under this. */
const CATEGORY_FPR = 0.01;
/** The prompt-injection threshold keeps false positives on benign validation rows at or under this. */
const PI_FPR = 0.01;
const MIN_CATEGORY_THRESHOLD = 0.5;
const CATEGORIES = ['violence', 'hate', 'sexual', 'self_harm', 'harassment', 'illicit'];

const module = new WebAssembly.Module(readFileSync(new URL('../build/scanner.wasm', import.meta.url)));
const log = (...a) => console.error(...a);

// ---- data and features ----------------------------------------------------------------------
const lexiconTerms = buildLexicon();
const lexicon = new SafetyLexicon(module, lexiconTerms);
const extractor = new WasmSafetyModel(module, BITS);
const rows = promptInjectionRows();
const bySplit = (s) => rows.filter((r) => r.split === s);
log(`rows: ${rows.length} (train ${bySplit('train').length}, validation ${bySplit('validation').length}, held out ${bySplit('test').length}); lexicon terms: ${lexiconTerms.length}`);

/** Sparse features of one text: unique ids with count / sqrt(total), and the lexicon sums. */
function featurize(text) {
  const normalized = normalizeText(text).text;
  const ids = extractor.features(normalized);
  const counts = new Map();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const norm = ids.length > 0 ? 1 / Math.sqrt(ids.length) : 0;
  const sums = Object.fromEntries([...CATEGORIES, 'prompt_injection'].map((c) => [c, 0]));
  for (const hit of lexicon.hits(normalized)) for (const [c, w] of Object.entries(hit.weights)) sums[c] += w;
  return { ids: Uint32Array.from(counts.keys()), values: Float64Array.from(counts.values(), (c) => c * norm), lexicon: Math.log1p(sums.prompt_injection), sums };
}

/**
 * The benign rows are long (role prompts, maths problems) while chat messages are often one
 * sentence: without short benign examples the model reads "short" as "suspicious". So the benign
 * training rows also contribute their sentences as rows of their own (training split only).
 */
const SENTENCES_PER_ROW = 3;
function benignSentences(rows) {
  return rows
    .filter((r) => !r.injection)
    .flatMap((r) =>
      r.text
        .split(/(?<=[.?!])\s+/)
        .filter((s) => s.split(/\s+/).length >= 3 && s.length < r.text.length)
        .slice(0, SENTENCES_PER_ROW)
        .map((text) => ({ text, injection: false, category: `${r.category}_sentence`, split: 'train' })),
    );
}

const t0 = performance.now();
const trainRows = bySplit('train');
const train = [...trainRows, ...benignSentences(trainRows)].map((r) => ({ ...r, f: featurize(r.text) }));
const validation = bySplit('validation').map((r) => ({ ...r, f: featurize(r.text) }));
log(`features in ${Math.round(performance.now() - t0)} ms`);

// ---- logistic regression, AdaGrad, seeded order -----------------------------------------------
function random(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}
const w = new Float64Array(1 << BITS);
const g2 = new Float64Array(1 << BITS).fill(1e-8);
let bias = 0;
let biasG2 = 1e-8;
let lexW = 0;
let lexG2 = 1e-8;
const rand = random(SEED);
const order = train.map((_, i) => i);
const logitOf = (f) => {
  let z = bias + lexW * f.lexicon;
  for (let k = 0; k < f.ids.length; k++) z += w[f.ids[k]] * f.values[k];
  return z;
};
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  let loss = 0;
  for (const i of order) {
    const { f, injection } = train[i];
    const z = logitOf(f);
    const p = 1 / (1 + Math.exp(-z));
    const y = injection ? 1 : 0;
    loss -= y ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12);
    const err = p - y;
    for (let k = 0; k < f.ids.length; k++) {
      const id = f.ids[k];
      const g = err * f.values[k] + L2 * w[id];
      g2[id] += g * g;
      w[id] -= (RATE * g) / Math.sqrt(g2[id]);
    }
    biasG2 += err * err;
    bias -= (RATE * err) / Math.sqrt(biasG2);
    const gl = err * f.lexicon;
    lexG2 += gl * gl;
    lexW -= (RATE * gl) / Math.sqrt(lexG2);
  }
  log(`epoch ${epoch + 1}: mean log loss ${(loss / order.length).toFixed(4)}`);
}

// ---- quantise to signed bytes -----------------------------------------------------------------
// The scale maps the 99.99th percentile of |w| to 127; the rare larger weights are clipped.
const magnitudes = Array.from(w, Math.abs).filter((x) => x > 0).sort((a, b) => a - b);
const top = magnitudes[Math.floor(magnitudes.length * 0.9999)] ?? 1;
const scale = top / 127;
const model = Int8Array.from(w, (x) => Math.max(-127, Math.min(127, Math.round(x / scale))));
// Quantised scores, as the runtime computes them, decide the thresholds.
const quantLogit = (f) => {
  let z = 0;
  for (let k = 0; k < f.ids.length; k++) z += model[f.ids[k]] * f.values[k];
  return bias + scale * z + lexW * f.lexicon;
};

// ---- thresholds on the validation split ------------------------------------------------------
const sigmoid = (z) => 1 / (1 + Math.exp(-z));
const round3 = (x) => Math.round(x * 1000) / 1000;
const scored = validation.map((r) => ({ y: r.injection, p: sigmoid(quantLogit(r.f)) }));
// A guardrail's default should rarely block honest prompts: the lowest threshold (0.01 steps)
// whose false-positive rate on benign validation rows is at most PI_FPR.
let best = { t: 0.99, f1: 0 };
for (let t = 0.01; t < 0.99; t = round3(t + 0.01)) {
  const tp = scored.filter((s) => s.y && s.p >= t).length;
  const fp = scored.filter((s) => !s.y && s.p >= t).length;
  const fn = scored.filter((s) => s.y && s.p < t).length;
  if (fp / scored.filter((s) => !s.y).length <= PI_FPR) {
    best = { t, f1: (2 * tp) / (2 * tp + fp + fn) };
    break;
  }
}
log(`prompt_injection: threshold ${best.t} (validation F1 ${best.f1.toFixed(3)})`);
const thresholds = { prompt_injection: best.t };
const benign = validation.filter((r) => !r.injection);
for (const c of CATEGORIES) {
  const s = benign.map((r) => 1 - Math.exp(-r.f.sums[c])).sort((a, b) => b - a);
  // The lowest threshold on a 0.05 grid whose false-positive rate on benign rows is small enough.
  let t = MIN_CATEGORY_THRESHOLD;
  while (t < 0.95 && s.filter((x) => x >= t).length / s.length > CATEGORY_FPR) t = round3(t + 0.05);
  thresholds[c] = t;
  log(`${c}: threshold ${t} (benign validation rows at or above: ${s.filter((x) => x >= t).length} of ${s.length})`);
}

// ---- write ------------------------------------------------------------------------------------
const header = {
  version: 1,
  bits: BITS,
  scale,
  bias,
  lexiconWeight: lexW,
  lexicon: lexiconTerms,
  trainedOn: {
    data: 'data/safety/prompt_injection.jsonl',
    train: trainRows.length,
    benignSentences: train.length - trainRows.length,
    validation: validation.length,
    heldOut: bySplit('test').length,
    epochs: EPOCHS,
    seed: SEED,
  },
};
const bytes = writeWeights({ header, model });
mkdirSync(new URL('../data/safety/model/', import.meta.url), { recursive: true });
writeFileSync(new URL('../data/safety/model/weights.bin', import.meta.url), bytes);
const ordered = [...CATEGORIES, 'prompt_injection'];
writeFileSync(
  new URL('../src/scan/safety/default-thresholds.ts', import.meta.url),
  `// Written by \`npm run train\` (scripts/train-safety.mjs); do not edit by hand.
// prompt_injection: the lowest threshold (0.01 steps) scoring at most ${PI_FPR * 100}% of the benign validation rows at or above
// it (the validation split, never the held-out one).
// Other categories: the lowest threshold (0.05 steps, at least ${MIN_CATEGORY_THRESHOLD}) that scores at most ${CATEGORY_FPR * 100}% of the
// benign validation prompts (role prompts, maths, XSTest's safe prompts) at or above it.
import type { SafetyScores } from './types.js';

export const DEFAULT_THRESHOLDS: Readonly<SafetyScores> = {
${ordered.map((c) => `  ${c}: ${thresholds[c]},`).join('\n')}
};

/** A topic scores 0.65 with one keyword found, and as much as the share of an example's words otherwise. */
export const DEFAULT_TOPIC_THRESHOLD = 0.5;
`,
);
log(`wrote data/safety/model/weights.bin (${bytes.length} bytes) and src/scan/safety/default-thresholds.ts`);
