// Weighted phrase lexicons of the safety categories, scanned by the engine's one-pass automaton
// over normalised text. Overlaps between terms resolve to the longest, so a benign phrase ("kill
// the process") cancels the word inside it.
//
// Terms are grouped by their length in UTF-8 bytes: each group is a word-list pattern (in chunks
// of LEXICON_WORDS_PER_PATTERN), so the automaton has tens of patterns, not one per term. Every
// match of such a pattern has one length, so the engine needs no anchored automata to find where
// a match starts or ends (compilePatterns ships none for it: the compiled tables are the scanning
// NFA alone), and a hit names its term by its text, which gives the term's own weights. The words
// of a term are matched across any run of white space: the lexicon scans the normalised text with
// every such run folded to one space (the folding is undone on the hits' offsets).
import { createScannerWith, ownPatterns, type Scanner, type ScannerOptions } from '../scanner.js';
import { escapeLiteral } from '../patterns.js';
import type { SafetyCategory } from './types.js';

/** A normalised term and what one occurrence adds to each category's sum. */
export interface LexiconTerm {
  term: string;
  weights: Partial<Record<SafetyCategory, number>>;
}

export interface LexiconHit {
  /** UTF-16 offsets into the normalised text. */
  start: number;
  end: number;
  weights: Partial<Record<SafetyCategory, number>>;
}

/**
 * Terms per pattern, as the engine's word lists (patterns.ts). The patterns' own automata are not
 * built (every match of one has a single length), but a chunk stays small enough that they would
 * fit the per-pattern state limit if they were.
 */
export const LEXICON_WORDS_PER_PATTERN = 128;
/** The scanning automaton's budget (its anchored automata are stubs; see above). */
const STATE_BUDGET = 1_000_000;
const encoder = new TextEncoder();

/** A term as the lexicon matches it: its words joined by single spaces. */
const canonical = (term: string) => term.replace(/\s+/g, ' ').trim();

/**
 * The lexicon's patterns: terms grouped by UTF-8 length (shortest first, in the given order within
 * a length), chunked. Pattern i matches only terms of group i.
 */
export function lexiconGroups(terms: readonly LexiconTerm[]): string[][] {
  const byLength = new Map<number, string[]>();
  const seen = new Set<string>();
  for (const t of terms) {
    const term = canonical(t.term);
    if (term.length === 0 || seen.has(term)) continue;
    seen.add(term);
    const length = encoder.encode(term).length;
    let group = byLength.get(length);
    if (!group) byLength.set(length, (group = []));
    group.push(term);
  }
  const groups: string[][] = [];
  for (const length of [...byLength.keys()].sort((a, b) => a - b)) {
    const group = byLength.get(length)!;
    for (let at = 0; at < group.length; at += LEXICON_WORDS_PER_PATTERN) groups.push(group.slice(at, at + LEXICON_WORDS_PER_PATTERN));
  }
  return groups;
}

/** The scanner options a lexicon compiles to; also what `npm run build` precompiles. */
export function lexiconScannerOptions(terms: readonly LexiconTerm[]): ScannerOptions {
  const patterns = lexiconGroups(terms).map((group, i) => ({ name: `LEXICON_${i}`, pattern: triePattern(group.map(termUnits)) }));
  return { entities: [], patterns, minScore: 0, maxPatternStates: STATE_BUDGET };
}

/**
 * A term as the units of its pattern: its characters escaped, with \b before the first and after
 * the last where the term's own edge is a word character.
 */
function termUnits(term: string): string[] {
  const units = [...term].map(escapeLiteral);
  if (/^\w/.test(term)) units[0] = `\\b${units[0]}`;
  if (/\w$/.test(term)) units[units.length - 1] += '\\b';
  return units;
}

/**
 * Words as one alternation with their common prefixes factored out (`(?:ki(?:ll|ck))`): the
 * scanning NFA then has about a state per distinct prefix instead of one per character of every
 * term, which keeps the compiled tables small. The language is the same as the plain alternation.
 */
function triePattern(words: string[][], depth = 0): string {
  const branches = new Map<string, string[][]>();
  let ends = false;
  for (const w of words) {
    if (w.length === depth) {
      ends = true;
      continue;
    }
    let b = branches.get(w[depth]);
    if (!b) branches.set(w[depth], (b = []));
    b.push(w);
  }
  const alternatives = [...branches].map(([unit, rest]) => unit + triePattern(rest, depth + 1));
  if (ends) alternatives.push('');
  if (alternatives.length === 0) return '';
  return alternatives.length === 1 ? alternatives[0] : `(?:${alternatives.join('|')})`;
}

/** The key under which precompiled lexicon tables must be preloaded (see preloadTables). */
export function lexiconTablesKey(terms: readonly LexiconTerm[]): string {
  return ownPatterns(lexiconScannerOptions(terms)).key;
}

/** The engine's \s, which is JavaScript's. */
const isSpace = (u: number) =>
  u === 0x20 || (u >= 0x09 && u <= 0x0d) || (u >= 0x80 && (u === 0xa0 || u === 0x1680 || (u >= 0x2000 && u <= 0x200a) ||
  u === 0x2028 || u === 0x2029 || u === 0x202f || u === 0x205f || u === 0x3000 || u === 0xfeff));

/** Scratch of foldSpaces: the folded view's units and, per unit, its offset in the text. */
let viewUnits = new Uint16Array(1024);
let viewAt = new Uint32Array(1024);

/**
 * The text with every run of white space as one space, or undefined when it already is (one
 * plain space between non-spaces everywhere). `at[i]` is the offset in `text` of view unit i (a
 * folded run maps to its first unit). One pass, no regular expression: most prompts have line
 * breaks or blank lines, and a regex replace costs several times this loop.
 */
function foldSpaces(text: string): { view: string; at: Uint32Array } | undefined {
  const length = text.length;
  let i = 0;
  // Find the first unit to fold: white space other than a space, or a space after white space.
  for (let prev = false; i < length; i++) {
    const u = text.charCodeAt(i);
    if (u > 0x20 && u < 0x80) {
      prev = false;
      continue;
    }
    const space = isSpace(u);
    if (space && (prev || u !== 0x20)) break;
    prev = space;
  }
  if (i === length) return undefined;
  if (viewUnits.length < length) {
    viewUnits = new Uint16Array(length * 2);
    viewAt = new Uint32Array(length * 2);
  }
  const units = viewUnits;
  const at = viewAt;
  for (let k = 0; k < i; k++) {
    units[k] = text.charCodeAt(k);
    at[k] = k;
  }
  let n = i;
  // The unit at i is white space: it starts a run unless the unit before it already did.
  let inRun = i > 0 && text.charCodeAt(i - 1) === 0x20;
  for (; i < length; i++) {
    const u = text.charCodeAt(i);
    if (u > 0x20 && u < 0x80 ? false : isSpace(u)) {
      if (inRun) continue;
      inRun = true;
      units[n] = 0x20;
    } else {
      inRun = false;
      units[n] = u;
    }
    at[n++] = i;
  }
  let view = '';
  for (let k = 0; k < n; k += 8192) view += String.fromCharCode.apply(null, units.subarray(k, Math.min(n, k + 8192)) as unknown as number[]);
  return { view, at };
}

export class SafetyLexicon {
  private readonly scanner: Scanner;
  /** Weights by canonical term. */
  private readonly byTerm: Map<string, LexiconTerm['weights']>;

  constructor(module: WebAssembly.Module, terms: readonly LexiconTerm[]) {
    this.byTerm = new Map();
    // Duplicates after canonicalisation: the first one counts (lexiconGroups keeps the first too).
    for (const t of terms) if (!this.byTerm.has(canonical(t.term))) this.byTerm.set(canonical(t.term), t.weights);
    this.scanner = createScannerWith(module, lexiconScannerOptions(terms));
  }

  /** Terms found in normalised text (overlaps resolved to the longest term). */
  hits(normalized: string): LexiconHit[] {
    const folded = foldSpaces(normalized);
    const view = folded ? folded.view : normalized;
    const found = this.scanner.scan(view);
    if (found.length === 0) return [];
    const hits: LexiconHit[] = [];
    for (const f of found) {
      const weights = this.byTerm.get(view.slice(f.start, f.end));
      if (!weights) continue;
      // A term neither starts nor ends with white space: its first and last units are not folded.
      hits.push(folded ? { start: folded.at[f.start], end: folded.at[f.end - 1] + 1, weights } : { start: f.start, end: f.end, weights });
    }
    return hits;
  }
}
