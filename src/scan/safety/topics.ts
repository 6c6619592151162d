// Denied topics: a topic's keywords are literal phrases scanned by the engine's automaton over
// normalised text; its examples are bags of content words (and pairs of neighbouring ones), and a
// message is as close to an example as the share of that bag it contains. Containment rather than
// cosine: a long message that contains a short example entirely is on topic.
import { normalizeText } from '../normalize.js';
import { createScannerWith, type Scanner } from '../scanner.js';
import { escapeLiteral } from '../patterns.js';
import type { TopicSpec } from './types.js';

/** Where a topic matched, in UTF-16 offsets of the normalised text. */
export interface TopicHit {
  index: number;
  score: number;
  spans: { start: number; end: number; weight: number }[];
}

/** One keyword makes 0.65, two 0.88: each hit keeps 35% of the doubt left. */
const KEYWORD_DOUBT = 0.35;
const MAX_TOPICS = 64;
const MAX_PHRASES = 256;

// Function words carry no topic: an example's bag is made of the rest.
const STOPWORDS = new Set(
  ('a an and are as at be been but by can could did do does for from had has have how i if in into is it its me my of on or our ' +
    'should so than that the their them then there these they this to was we were what when where which who why will with would ' +
    'you your about any some just not no yes please tell give show let lets get want need know like make one all more most very ' +
    'much many way best good also up out over') .split(' '),
);

interface Bag {
  terms: Set<string>;
}

function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('es')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

interface Word {
  stem: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

function contentWords(normalized: string): Word[] {
  const out: Word[] = [];
  for (const m of normalized.matchAll(WORD)) {
    if (!STOPWORDS.has(m[0])) out.push({ stem: stem(m[0]), start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

function bagOf(words: Word[]): Set<string> {
  const terms = new Set<string>();
  words.forEach((w, i) => {
    terms.add(w.stem);
    if (i > 0) terms.add(`${words[i - 1].stem} ${w.stem}`);
  });
  return terms;
}

export function checkTopics(topics: unknown): asserts topics is TopicSpec[] {
  if (!Array.isArray(topics) || topics.length > MAX_TOPICS) throw new TypeError(`topics: must be an array of at most ${MAX_TOPICS} topics`);
  topics.forEach((t: TopicSpec, i) => {
    if (!t || typeof t.name !== 'string' || t.name.length === 0) throw new TypeError(`topics[${i}].name: must be a non-empty string`);
    for (const field of ['keywords', 'examples'] as const) {
      const list = t[field];
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.length > MAX_PHRASES || !list.every((k) => typeof k === 'string')) {
        throw new TypeError(`topics[${i}].${field}: must be an array of at most ${MAX_PHRASES} strings`);
      }
    }
    if (!t.keywords?.length && !t.examples?.length) throw new TypeError(`topics[${i}]: needs keywords or examples`);
  });
}

export class TopicMatcher {
  private readonly scanner?: Scanner;
  private readonly examples: Bag[][];

  constructor(module: WebAssembly.Module, topics: TopicSpec[]) {
    checkTopics(topics);
    const patterns = topics.flatMap((t, i) => {
      const words = (t.keywords ?? []).map((k) => normalizeText(k).text.trim()).filter((k) => k.length > 0);
      if (words.length === 0) return [];
      const alternatives = words.map((w) => `${/^\w/.test(w) ? '\\b' : ''}${w.split(/\s+/).map(escapeLiteral).join('\\s+')}${/\w$/.test(w) ? '\\b' : ''}`);
      return [{ name: `TOPIC_${i}`, pattern: `(?:${alternatives.join('|')})` }];
    });
    if (patterns.length > 0) this.scanner = createScannerWith(module, { entities: [], patterns, minScore: 0 });
    this.examples = topics.map((t) =>
      (t.examples ?? []).map((e) => ({ terms: bagOf(contentWords(normalizeText(e).text)) })).filter((b) => b.terms.size > 0),
    );
  }

  /** Score per topic (only topics that scored above zero), in normalised-text offsets. */
  match(normalized: string): TopicHit[] {
    const hits = new Map<number, TopicHit>();
    const hitOf = (index: number) => {
      let h = hits.get(index);
      if (!h) hits.set(index, (h = { index, score: 0, spans: [] }));
      return h;
    };
    const keywordCounts = new Map<number, Set<string>>();
    for (const f of this.scanner?.scan(normalized) ?? []) {
      const index = Number(f.entity.slice('TOPIC_'.length));
      const seen = keywordCounts.get(index) ?? new Set<string>();
      seen.add(normalized.slice(f.start, f.end));
      keywordCounts.set(index, seen);
      hitOf(index).spans.push({ start: f.start, end: f.end, weight: 1 - KEYWORD_DOUBT });
    }
    const words = this.examples.some((e) => e.length > 0) ? contentWords(normalized) : [];
    const bag = words.length > 0 ? bagOf(words) : undefined;
    this.examples.forEach((examples, index) => {
      const keywordScore = 1 - KEYWORD_DOUBT ** (keywordCounts.get(index)?.size ?? 0);
      let best = 0;
      let bestExample: Bag | undefined;
      for (const example of bag ? examples : []) {
        let shared = 0;
        for (const t of example.terms) if (bag!.has(t)) shared++;
        const containment = shared / example.terms.size;
        if (containment > best) {
          best = containment;
          bestExample = example;
        }
      }
      const score = 1 - (1 - keywordScore) * (1 - best);
      if (score <= 0) return;
      const hit = hitOf(index);
      hit.score = Math.round(score * 1000) / 1000;
      if (bestExample) {
        for (const w of words) if (bestExample.terms.has(w.stem)) hit.spans.push({ start: w.start, end: w.end, weight: best });
      }
    });
    return [...hits.values()].filter((h) => h.score > 0);
  }
}
