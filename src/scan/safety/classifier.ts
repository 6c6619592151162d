// The fast layer: category scores from weighted lexicons, a prompt-injection score from a linear
// model over hashed 4-grams and words (in WASM) plus the injection lexicon, and denied topics, all over the
// normalised text, with spans mapped back to the caller's text. Microseconds per kilobyte.
import { readTables } from '../compiler/serialize.js';
import { sourcesDigest } from '../compiler/index.js';
import { type NormalizedText, normalizeChecked, normalizeHandedBack, unitCode } from '../normalize.js';
import { ownPatterns, preloadTables } from '../scanner.js';
import { WasmSafetyModel } from '../wasm-safety.js';
import { DEFAULT_THRESHOLDS } from './default-thresholds.js';
import { type LexiconTerm, SafetyLexicon, lexiconScannerOptions } from './lexicon.js';
import { TopicMatcher } from './topics.js';
import { type ClassifyOptions, SAFETY_CATEGORIES, type SafetyCategory, type SafetyResult, type SafetyScores, type SafetySpan, type TopicSpec } from './types.js';
import { readWeights } from './weights-file.js';

export interface SafetyClassifier {
  classify(text: string, options?: ClassifyOptions): SafetyResult;
  /** The default threshold per category (DEFAULT_THRESHOLDS). */
  readonly thresholds: Readonly<SafetyScores>;
}

export interface SafetyClassifierOptions {
  /** The lexicon's automata compiled at build time (build/safety-lexicon.bin); without them they compile on first use (about 0.2 s). */
  lexiconTables?: Uint8Array;
}

/** Lexicon spans reported per category (the model adds its top words): the strongest few say why. */
const SPANS_PER_CATEGORY = 3;
const TOPIC_CACHE = 16;

/**
 * Registers precompiled lexicon tables when they were compiled from these very terms (their
 * digest says so); stale tables are ignored and the lexicon compiles instead. False if ignored.
 */
export function preloadLexiconTables(terms: readonly LexiconTerm[], bytes: Uint8Array): boolean {
  const own = ownPatterns(lexiconScannerOptions(terms));
  if (bytes.byteLength < 64 || readTables(bytes).digest !== sourcesDigest(own.set.sources)) return false;
  preloadTables(own.key, bytes);
  return true;
}

export function createSafetyClassifier(module: WebAssembly.Module, weights: Uint8Array, options: SafetyClassifierOptions = {}): SafetyClassifier {
  const { header, model } = readWeights(weights);
  if (options.lexiconTables) preloadLexiconTables(header.lexicon, options.lexiconTables);
  const lexicon = new SafetyLexicon(module, header.lexicon);
  const wasm = new WasmSafetyModel(module, header.bits, model);
  const topicMatchers = new Map<string, TopicMatcher>();

  // A caller that passes the same array each time (a compiled guardrail does) skips the key.
  const keyOf = new WeakMap<TopicSpec[], string>();
  const matcherFor = (topics: TopicSpec[]): TopicMatcher => {
    let key = keyOf.get(topics);
    if (key === undefined) keyOf.set(topics, (key = JSON.stringify(topics)));
    let matcher = topicMatchers.get(key);
    if (matcher) {
      topicMatchers.delete(key);
    } else {
      matcher = new TopicMatcher(module, topics);
      if (topicMatchers.size >= TOPIC_CACHE) topicMatchers.delete(topicMatchers.keys().next().value!);
    }
    topicMatchers.set(key, matcher);
    return matcher;
  };

  return {
    thresholds: DEFAULT_THRESHOLDS,
    classify(text, classifyOptions = {}) {
      if (typeof text !== 'string') throw new TypeError('text must be a string');
      // The normaliser's check runs in the model's WASM, on the UTF-8 the model then scores when the
      // text's normal form is its lower case (most texts): the text is encoded once.
      const checked = wasm.check(text, unitCode);
      const { normalized, spaces } = checked.found >= 0 ? normalizeChecked(text, checked.found, checked.spaces) : normalizeHandedBack(text, checked.stoppedAt);
      const sums: SafetyScores = { violence: 0, hate: 0, sexual: 0, self_harm: 0, harassment: 0, illicit: 0, prompt_injection: 0 };
      const spans: SafetySpan[] = [];
      for (const hit of lexicon.hits(normalized.text, spaces)) {
        for (const category in hit.weights) {
          const weight = hit.weights[category as SafetyCategory]!;
          sums[category as SafetyCategory] += weight;
          spans.push(originalSpan(normalized, category as SafetyCategory, hit.start, hit.end, weight));
        }
      }
      const scores = {} as SafetyScores;
      for (const c of SAFETY_CATEGORIES) scores[c] = round(1 - Math.exp(-sums[c]));
      // Prompt injection: the linear model, with the injection lexicon as one more feature.
      const m = checked.found === 0 ? wasm.scoreChecked() : wasm.score(normalized.text);
      const norm = m.features > 0 ? header.scale / Math.sqrt(m.features) : 0;
      const logit = header.bias + m.sum * norm + header.lexiconWeight * Math.log1p(sums.prompt_injection);
      scores.prompt_injection = round(1 / (1 + Math.exp(-logit)));
      const modelSpans = m.top.map((w) => originalSpan(normalized, 'prompt_injection', w.start, w.end, round(w.weight * norm)));
      const topics = classifyOptions.topics?.length
        ? matcherFor(classifyOptions.topics)
            .match(normalized.text)
            .map((hit) => ({
              name: classifyOptions.topics![hit.index].name,
              score: hit.score,
              spans: strongest(hit.spans.map((s) => originalSpan(normalized, 'topic', s.start, s.end, round(s.weight))), SPANS_PER_CATEGORY),
            }))
        : [];
      // Lexicon phrases and the model's words are ranked apart: their weights are not on one scale.
      return { scores, topics, spans: [...strongestPerCategory(spans), ...modelSpans.filter((s) => s.weight > 0)] };
    },
  };
}

function originalSpan(normalized: NormalizedText, category: SafetySpan['category'], start: number, end: number, weight: number): SafetySpan {
  const [s, e] = normalized.toOriginal(start, end);
  return { category, start: s, end: e, weight };
}

function strongest(spans: SafetySpan[], count: number): SafetySpan[] {
  return spans.sort((a, b) => b.weight - a.weight || a.start - b.start).slice(0, count);
}

function strongestPerCategory(spans: SafetySpan[]): SafetySpan[] {
  if (spans.length === 0) return spans;
  const kept = new Map<string, number>();
  return strongest(spans, spans.length).filter((s) => {
    const n = kept.get(s.category) ?? 0;
    kept.set(s.category, n + 1);
    return n < SPANS_PER_CATEGORY && s.weight > 0;
  });
}

const round = (x: number) => Math.round(x * 1000) / 1000;
