// Builds the pattern list a scanner compiles: catalog detectors, custom patterns and word lists,
// each with what the engine needs to score its matches.
import type { Detector } from './catalog/types.js';
import { type PatternSource } from './compiler/index.js';
import type { PatternInfo } from './engine.js';
import { fakeSet } from './engine.js';
import { VALIDATOR_IDS } from './validators.js';

export interface CustomPattern {
  name: string;
  pattern: string;
  flags?: string;
  /** Score of a match, default 1. */
  score?: number;
}

export interface WordList {
  /** Entity reported for a listed word, default `WORD`. */
  name?: string;
  words: string[];
  caseSensitive?: boolean;
  /** Default true: `ass` does not match inside `class`. */
  wholeWord?: boolean;
}

export interface PatternSet {
  sources: PatternSource[];
  infos: PatternInfo[];
}

const WORDS_PER_PATTERN = 128;
const ENTITY_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;
const encoder = new TextEncoder();

/** `listOf` numbers each detector's context-word list; sets scanned together need distinct numbers. */
export function catalogPatternSet(detectors: readonly Detector[], listOf: (d: Detector) => number): PatternSet {
  const sources: PatternSource[] = [];
  const infos: PatternInfo[] = [];
  detectors.forEach((d) => {
    let contextList: number | undefined;
    if (d.contextWords?.length) {
      const index = listOf(d);
      contextList = index;
      sources.push({ name: `${d.entity}#context`, pattern: wordAlternation(d.contextWords, true), flags: 'i' });
      infos.push({ entity: d.entity, score: 0, searched: true, validator: 0, checksum: false, feedsContext: index });
    }
    const fakes = d.fakes?.length ? fakeSet(d.fakes) : undefined;
    for (const [i, p] of d.patterns.entries()) {
      let lead: number | undefined;
      if (p.lead !== undefined) {
        lead = sources.length;
        sources.push({ name: `${d.entity}#${i}.lead`, pattern: p.lead, flags: p.flags, scan: false });
        infos.push({ entity: d.entity, score: 0, searched: false, validator: 0, checksum: false });
      }
      sources.push({ name: `${d.entity}#${i}`, pattern: p.pattern, flags: p.flags });
      infos.push({
        entity: d.entity,
        score: p.score,
        searched: true,
        validator: d.validator ? VALIDATOR_IDS[d.validator] : 0,
        checksum: d.checksum === true,
        contextList,
        fakes,
        minEntropy: d.minEntropy,
        lead,
        trail: p.trail !== undefined ? encoder.encode(p.trail) : undefined,
      });
    }
  });
  return { sources, infos };
}

/** Custom patterns and word lists; their entity is their name, their score 1 unless given. */
export function customPatternSet(patterns: CustomPattern[], words: WordList[]): PatternSet {
  const sources: PatternSource[] = [];
  const infos: PatternInfo[] = [];
  const plain = (entity: string, score: number): PatternInfo => ({
    entity, score, searched: true, validator: 0, checksum: false,
  });
  for (const p of patterns) {
    if (typeof p.name !== 'string' || !ENTITY_NAME.test(p.name)) {
      throw new TypeError(`patterns: name "${String(p.name)}" must be upper snake case (A-Z, 0-9, _), at most 64 characters`);
    }
    if (typeof p.pattern !== 'string') throw new TypeError(`patterns: "${p.name}" needs a pattern string`);
    const score = p.score ?? 1;
    if (!(score >= 0 && score <= 1)) throw new TypeError(`patterns: "${p.name}" score must be within 0..1`);
    sources.push({ name: p.name, pattern: p.pattern, flags: p.flags });
    infos.push(plain(p.name, score));
  }
  for (const list of words) {
    const entity = list.name ?? 'WORD';
    if (!ENTITY_NAME.test(entity)) throw new TypeError(`words: name "${entity}" must be upper snake case`);
    const cleaned = list.words.map((w) => w.trim()).filter((w) => w.length > 0);
    // Long lists become several patterns of one entity: each pattern's own automata stay within
    // the per-pattern state limit, and the scan is still one pass over the union.
    for (let at = 0; at < cleaned.length; at += WORDS_PER_PATTERN) {
      const chunk = cleaned.slice(at, at + WORDS_PER_PATTERN);
      sources.push({ name: entity, pattern: wordAlternation(chunk, list.wholeWord !== false), flags: list.caseSensitive ? '' : 'i' });
      infos.push(plain(entity, 1));
    }
  }
  return { sources, infos };
}

export function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** Literal words as one pattern; whole words get \b only where their own edge is a word character, so `c++` or `#tag` still match. */
function wordAlternation(words: string[], wholeWord: boolean): string {
  const alternatives = words.map((w) => {
    const lit = escapeLiteral(w);
    if (!wholeWord) return lit;
    return `${/^\w/.test(w) ? '\\b' : ''}${lit}${/\w$/.test(w) ? '\\b' : ''}`;
  });
  return `(?:${alternatives.join('|')})`;
}
