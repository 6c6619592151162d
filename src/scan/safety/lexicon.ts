// Weighted phrase lexicons of the safety categories, scanned by the engine's one-pass automaton
// over normalised text. Overlaps between terms resolve to the longest, so a benign phrase ("kill
// the process") cancels the word inside it.
//
// Terms are grouped by their length in UTF-8 bytes: each group is a word-list pattern (in chunks
// of LEXICON_WORDS_PER_PATTERN), so the automaton has tens of patterns, not one per term. Every
// match of such a pattern has one length, so the engine needs no anchored automata to find where
// a match starts or ends (compilePatterns ships none for it: the compiled tables are the scanning
// NFA alone), and a hit names its term by its text, which gives the term's own weights. The words
// of a term are matched across any run of white space: a pattern's space matches one ASCII
// white-space unit (one byte), and the lexicon scans the normalised text with longer runs and
// other white space folded to one space (the folding is undone on the hits' offsets).
import { createScannerWith, ownPatterns, type Scanner, type ScannerOptions } from '../scanner.js';
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
  // Creating a classifier asks twice (preloading its tables, then its scanner): build once.
  let options = optionsOf.get(terms);
  if (!options) {
    const patterns = lexiconGroups(terms).map((group, i) => ({ name: `LEXICON_${i}`, pattern: triePattern(group.map(termUnits)) }));
    optionsOf.set(terms, (options = { entities: [], patterns, minScore: 0, maxPatternStates: STATE_BUDGET }));
  }
  return options;
}
const optionsOf = new WeakMap<readonly LexiconTerm[], ScannerOptions>();

/**
 * A term as the units of its pattern: its characters escaped, with \b before the first and after
 * the last where the term's own edge is a word character.
 */
function termUnits(term: string): string[] {
  // A space between words matches one ASCII white-space unit (one byte: the length stays fixed);
  // longer runs and other white space are folded to one space before scanning.
  const units = [...term].map((c) => (c === ' ' ? '[\\t-\\r ]' : SPECIAL.has(c) ? `\\${c}` : c));
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

/** What escapeLiteral (patterns.ts) escapes, one character at a time. */
const SPECIAL = new Set('\\^$.*+?()[]{}|/-');

/** The key under which precompiled lexicon tables must be preloaded (see preloadTables). */
export function lexiconTablesKey(terms: readonly LexiconTerm[]): string {
  return ownPatterns(lexiconScannerOptions(terms)).key;
}

// The view folds the engine's \s, which is JavaScript's (a test checks it).
/** What the view folds: runs of white space, and white space beyond ASCII. */
const FOLDABLE = /\s\s|[^\S\t-\r ]/;
const FOLDABLE_RUNS = /\s{2,}|[^\S\t-\r ]/g;

/**
 * The text with every run of white space, and any white space beyond ASCII, as one space (a
 * term's words match across one ASCII white-space unit as they are); undefined when there is
 * none. `runs` lists, per run that shrank, the view offset of its space and the units it lost,
 * which is what mapping view offsets back needs (hits are few; most texts have few runs).
 */
function foldSpaces(text: string): { view: string; runs: number[] } | undefined {
  if (!FOLDABLE.test(text)) return undefined;
  const runs: number[] = [];
  let removed = 0;
  const view = text.replace(FOLDABLE_RUNS, (run: string, offset: number) => {
    if (run.length > 1) {
      runs.push(offset - removed, run.length - 1);
      removed += run.length - 1;
    }
    return ' ';
  });
  return { view, runs };
}

/** foldSpaces for a text whose runs to fold are known: (start, length) pairs, in order. */
function foldListed(text: string, spaces: readonly number[]): { view: string; runs: number[] } {
  const runs: number[] = [];
  let view = '';
  let from = 0;
  let removed = 0;
  for (let k = 0; k < spaces.length; k += 2) {
    const start = spaces[k];
    const length = spaces[k + 1];
    view += text.slice(from, start) + ' ';
    if (length > 1) {
      runs.push(start - removed, length - 1);
      removed += length - 1;
    }
    from = start + length;
  }
  return { view: view + text.slice(from), runs };
}

/** The offset in the text of view offset `v` (foldSpaces' runs). */
function unfold(runs: number[], v: number): number {
  let t = v;
  for (let k = 0; k < runs.length && runs[k] < v; k += 2) t += runs[k + 1];
  return t;
}

/** ASCII white space other than a space, which a term's words may be split by in the view. */
const OTHER_ASCII_SPACE = /[\t-\r]/;
const OTHER_ASCII_SPACES = /[\t-\r]/g;

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

  /**
   * Terms found in normalised text (overlaps resolved to the longest term). `spaces`, when known
   * (normalizeWithSpaces): the text's runs of white space and white space beyond ASCII, as
   * (start, length) pairs; the view is then built from them without a regex.
   */
  hits(normalized: string, spaces?: readonly number[]): LexiconHit[] {
    const folded = spaces === undefined ? foldSpaces(normalized) : spaces.length === 0 ? undefined : foldListed(normalized, spaces);
    const view = folded ? folded.view : normalized;
    const found = this.scanner.scan(view);
    if (found.length === 0) return [];
    const hits: LexiconHit[] = [];
    for (const f of found) {
      let term = view.slice(f.start, f.end);
      if (OTHER_ASCII_SPACE.test(term)) term = term.replace(OTHER_ASCII_SPACES, ' ');
      const weights = this.byTerm.get(term);
      if (!weights) continue;
      // A term neither starts nor ends with white space: its first and last units are not folded.
      hits.push(folded ? { start: unfold(folded.runs, f.start), end: unfold(folded.runs, f.end - 1) + 1, weights } : { start: f.start, end: f.end, weights });
    }
    return hits;
  }
}
