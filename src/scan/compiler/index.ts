import type { Node } from './ast.js';
import { computeByteClasses, kindOfByte } from './byte-classes.js';
import { type Dfa, DfaTooLarge, buildDfa } from './dfa.js';
import { PatternError } from './errors.js';
import { NfaBuilder, NfaTooLarge } from './nfa.js';
import { toTable } from './nfa-table.js';
import { parsePattern } from './parser.js';
import { utf8Sequences } from './utf8.js';
import { serializeTables } from './serialize.js';

export { PatternError } from './errors.js';

export interface PatternSource {
  name: string;
  pattern: string;
  flags?: string;
  /** false: not searched for, only matched anchored where the caller asks (e.g. a detector's lead). */
  scan?: boolean;
}

export interface CompileLimits {
  /** Most states one pattern's own automaton (forward or reverse) may have. */
  maxStatesPerPattern: number;
  /** Most states all the patterns' own automata may have together: bounds the compile time of a set. */
  maxTotalStates: number;
  /** Most NFA states one pattern may expand to (counted repetitions multiply). */
  maxNfaStates: number;
}

export const DEFAULT_LIMITS: CompileLimits = {
  maxStatesPerPattern: 4096,
  maxTotalStates: 40_000,
  maxNfaStates: 20_000,
};

export interface CompiledTables {
  /** Plain bytes: cache them, ship them, load them into a scanner. */
  bytes: Uint8Array;
  /** States of the per-pattern automata, and NFA states of the scanning automaton. */
  states: number;
  nfaStates: number;
}

const SUPPORTED_FLAGS = /^[imgu]*$/;

/** Parses and validates one pattern; throws PatternError naming the pattern, the construct and where. */
export function parseSource(source: PatternSource): Node {
  const flags = source.flags ?? '';
  if (!SUPPORTED_FLAGS.test(flags)) {
    throw new PatternError(source.name, `unsupported flags "${flags}" (only i is meaningful; m is always on)`);
  }
  return parsePattern(source.pattern, { name: source.name, caseInsensitive: flags.includes('i') });
}

/**
 * Compiles named patterns (pattern index = position in `patterns`) into:
 * - one NFA over bytes for all searched patterns; the scanner determinizes it lazily, one state
 *   at a time as text visits it (as RE2 does), so a union of many patterns never blows up;
 * - per pattern, a reverse DFA that finds where a match starts, scanning back from its end, and
 *   an anchored forward DFA that finds its longest end. These are built in full, within a budget.
 */
export function compilePatterns(patterns: PatternSource[], limits: CompileLimits = DEFAULT_LIMITS): CompiledTables {
  if (patterns.length === 0) throw new Error('no patterns to compile');
  const nodes = patterns.map(parseSource);
  let budget = limits.maxTotalStates;
  // Each automaton may use what is left of the set's budget, up to the per-pattern limit.
  const ownDfa = (id: number, reverse: boolean): Dfa => {
    const name = patterns[id].name;
    const allowed = Math.min(limits.maxStatesPerPattern, budget);
    const dfa = anchoredDfa(nodes[id], id, name, reverse, allowed, limits);
    if (dfa === null) {
      throw new PatternError(
        name,
        allowed < limits.maxStatesPerPattern
          ? `pattern set too complex: its automata exceed ${limits.maxTotalStates} states in all`
          : `pattern too complex: its automaton exceeds ${limits.maxStatesPerPattern} states (narrow the classes or the counted repetitions)`,
      );
    }
    budget -= dfa.numStates;
    return dfa;
  };
  const perPattern = nodes.map((node, id) => {
    const length = fixedLength(node);
    // A searched pattern whose matches all have one length never runs its own automata: its
    // start is its end minus that length and it cannot grow (assembly/resolve.ts). It ships a
    // stub instead, so a long list of literals (the safety lexicon) costs no per-pattern tables.
    // Patterns that are not searched (a detector's lead) are run anchored: they keep theirs.
    if (length >= 0 && patterns[id].scan !== false) return { reverse: NEVER_MATCHES, forward: NEVER_MATCHES, fixedLength: length };
    return { reverse: ownDfa(id, true), forward: ownDfa(id, false), fixedLength: length };
  });
  const searched = nodes.map((node, id) => ({ node, id })).filter(({ id }) => patterns[id].scan !== false);
  if (searched.length === 0) throw new Error('no pattern to search for');
  const builder = new NfaBuilder(limits.maxNfaStates * searched.length);
  const starts = searched.map(({ node, id }) => builder.addPattern(node, id, false));
  const classes = computeByteClasses(builder.states);
  const states = perPattern.reduce((n, p) => n + p.reverse.numStates + p.forward.numStates, 0);
  return {
    bytes: serializeTables(toTable(builder.states, starts), classes, perPattern, sourcesDigest(patterns)),
    states,
    nfaStates: builder.states.length,
  };
}

/** One dead state that every byte and the end of input lead back to: matches nothing. */
const NEVER_MATCHES: Dfa = {
  classes: { map: new Uint8Array(256), count: 1, representative: [0], kind: [kindOfByte(0)] },
  stride: 2, // the one class and the end-of-input column
  numStates: 1,
  trans: new Uint32Array(2),
  matchLo: 2,
  matchHi: 2,
  start: [0, 0, 0],
};

/** A pattern's own anchored automaton (forward, or reversed to find starts); null past `maxStates`. */
function anchoredDfa(node: Node, id: number, name: string, reverse: boolean, maxStates: number, limits: CompileLimits): Dfa | null {
  const builder = new NfaBuilder(limits.maxNfaStates);
  let start: number;
  try {
    start = builder.addPattern(node, id, reverse);
  } catch (e) {
    if (!(e instanceof NfaTooLarge)) throw e;
    throw new PatternError(name, `pattern too complex: it expands past ${limits.maxNfaStates} NFA states (counted repetitions multiply)`);
  }
  try {
    return buildDfa(toTable(builder.states, [start]), computeByteClasses(builder.states), false, maxStates);
  } catch (e) {
    if (e instanceof DfaTooLarge) return null;
    throw e;
  }
}

/**
 * The byte length every match of `node` has, or -1 when lengths vary. A pattern whose matches all
 * have one length needs no scan to find where a match starts or how far it reaches.
 */
export function fixedLength(node: Node): number {
  switch (node.type) {
    case 'empty':
    case 'assert':
      return 0;
    case 'set': {
      const lengths = new Set(utf8Sequences(node.ranges).map((seq) => seq.length));
      return lengths.size === 1 ? [...lengths][0] : -1;
    }
    case 'concat': {
      let total = 0;
      for (const item of node.items) {
        const n = fixedLength(item);
        if (n < 0) return -1;
        total += n;
      }
      return total;
    }
    case 'alt': {
      const lengths = new Set(node.items.map(fixedLength));
      return lengths.size === 1 ? [...lengths][0] : -1;
    }
    case 'repeat': {
      if (node.min !== node.max) return -1;
      const n = fixedLength(node.node);
      return n < 0 ? -1 : n * node.min;
    }
  }
}

/** FNV-1a over the sources, names and flags: tables compiled from other sources do not match. */
export function sourcesDigest(patterns: PatternSource[]): number {
  const text = JSON.stringify(patterns.map((p) => [p.name, p.pattern, p.flags ?? '', p.scan !== false]));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
