// Weighted phrase lexicons of the safety categories, scanned by the engine's one-pass automaton
// over normalised text: every term is a pattern of one scanning automaton. Overlaps between terms
// resolve to the longest, so a benign phrase ("kill the process") cancels the word inside it.
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

/** The lexicon's automata are built once per isolate; their state budget is generous. */
const STATE_BUDGET = 1_000_000;

/**
 * The scanner options a lexicon compiles to; also what `npm run build` precompiles. One pattern
 * per term: every term's own automata stay tiny (a literal needs a state per byte, and a
 * single word none at all: its matches have one length), where one alternation of all terms
 * would need a large automaton per direction. Pattern i is term i.
 */
export function lexiconScannerOptions(terms: readonly LexiconTerm[]): ScannerOptions {
  const patterns = terms.map((t, i) => ({ name: `LEXICON_${i}`, pattern: termPattern(t.term) }));
  return { entities: [], patterns, minScore: 0, maxPatternStates: STATE_BUDGET };
}

/** Words of a term match across any white space; \b only where the term's own edge is a word character. */
function termPattern(term: string): string {
  const body = term.split(/\s+/).map(escapeLiteral).join('\\s+');
  return `${/^\w/.test(term) ? '\\b' : ''}${body}${/\w$/.test(term) ? '\\b' : ''}`;
}

/** The key under which precompiled lexicon tables must be preloaded (see preloadTables). */
export function lexiconTablesKey(terms: readonly LexiconTerm[]): string {
  return ownPatterns(lexiconScannerOptions(terms)).key;
}

export class SafetyLexicon {
  private readonly scanner: Scanner;
  /** Weights by entity name (LEXICON_i). */
  private readonly byEntity: Map<string, LexiconTerm['weights']>;

  constructor(module: WebAssembly.Module, terms: readonly LexiconTerm[]) {
    this.byEntity = new Map(terms.map((t, i) => [`LEXICON_${i}`, t.weights]));
    this.scanner = createScannerWith(module, lexiconScannerOptions(terms));
  }

  /** Terms found in normalised text (overlaps resolved to the longest term). */
  hits(normalized: string): LexiconHit[] {
    return this.scanner.scan(normalized).map((f) => ({ start: f.start, end: f.end, weights: this.byEntity.get(f.entity)! }));
  }
}
