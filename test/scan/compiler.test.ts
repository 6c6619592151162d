import { describe, expect, it } from 'vitest';
import { compilePatterns, PatternError } from '../../src/scan/index.js';
import { fixedLength, parseSource } from '../../src/scan/compiler/index.js';
import { createScanner } from '../../src/scan/node.js';
import { matches } from './helpers.js';

const P = (pattern: string, flags?: string) => [{ name: 'P', pattern, flags }];

describe('pattern syntax', () => {
  it.each([
    ['literals and escapes', 'a\\.b\\-c', 'x a.b-c y', ['a.b-c']],
    ['dot skips newlines', 'a.c', 'abc a\nc', ['abc']],
    ['class ranges', '[a-c]+', 'xxabcabx', ['abcab']],
    ['negated class', '[^0-9 ]+', '12ab34 cd', ['ab', 'cd']],
    ['digit word space', '\\d\\w\\s', '1a 2_\t', ['1a ', '2_\t']],
    ['negated shorthands', '\\D\\W\\S', 'a!b', ['a!b']],
    ['word boundary', '\\bcat\\b', 'cat concat cat.', ['cat', 'cat']],
    ['not word boundary', '\\Bcat', 'cat concat', ['cat']],
    ['line anchors', '^ab$', 'ab\nab c\nab', ['ab', 'ab']],
    ['groups and alternation', '(?:ab|cd)(e|f)', 'abe cdf abg', ['abe', 'cdf']],
    ['named group accepted', '(?<year>\\d{4})-\\d{2}', 'on 2024-05', ['2024-05']],
    ['star plus optional', 'ab*c+d?', 'ac abbbccd', ['ac', 'abbbccd']],
    ['counted', 'x{2}y{1,3}z{2,}', 'xxyyzzz xyz xxyyyyzz', ['xxyyzzz']],
    ['lazy forms accepted, longest wins', 'a+?b*?', 'aaabb', ['aaabb']],
    ['case-insensitive flag', 'hello', 'HeLLo hello help', ['HeLLo', 'hello']],
    ['hex and unicode escapes', '\\x41\\u0042\\u{1F600}', 'AB😀', ['AB😀']],
    ['unicode literal', 'café', 'un café noir', ['café']],
    ['unicode class', '[α-ω]+', 'abc αβγ', ['αβγ']],
    ['dot consumes whole characters', 'x.y', 'x😀y xéy', ['x😀y', 'xéy']],
    ['negated class consumes whole characters', 'a[^b]c', 'a😀c abc', ['a😀c']],
    ['lone brace is literal', 'a{b', 'a{b', ['a{b']],
  ])('%s', (_, pattern, text, expected) => {
    const flags = _ === 'case-insensitive flag' ? 'i' : undefined;
    expect(matches(P(pattern, flags), text).map(([, t]) => t)).toEqual(expected);
  });

  it('case folding covers non-ASCII letters', () => {
    expect(matches(P('ÉCOLE', 'i'), 'école École').map(([, t]) => t)).toEqual(['école', 'École']);
  });
});

describe('rejected constructs name what and where', () => {
  it.each([
    ['a(b)\\1', 'backreferences are not supported', 4],
    ['foo(?=bar)', 'lookahead is not supported', 3],
    ['foo(?!bar)', 'lookahead is not supported', 3],
    ['(?<=a)b', 'lookbehind is not supported', 0],
    ['(?<!a)b', 'lookbehind is not supported', 0],
    ['a++', 'possessive quantifiers are not supported', 2],
    ['a{2}+', 'possessive quantifiers are not supported', 4],
    ['\\p{L}', 'Unicode property escapes are not supported', 0],
    ['(ab', "unterminated group: missing ')'", 0],
    ['ab)', "unmatched ')'", 2],
    ['[ab', "unterminated character class: missing ']'", 0],
    ['*a', 'nothing to repeat', 0],
    ['a{3,2}', 'quantifier {3,2} has max < min', 1],
    ['a{1001}', 'quantifier bound over 1000', 1],
    ['[z-a]', 'class range out of order', 2],
    ['\\k<x>', 'named backreferences are not supported', 0],
    ['', 'empty pattern', 0],
  ])('%s', (pattern, reason, position) => {
    let error: unknown;
    try {
      compilePatterns([{ name: 'MY_RULE', pattern }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PatternError);
    const pe = error as PatternError;
    expect(pe.reason).toBe(reason);
    expect(pe.position).toBe(position);
    expect(pe.message).toContain('MY_RULE');
  });

  it('rejects unsupported flags', () => {
    expect(() => compilePatterns([{ name: 'F', pattern: 'a', flags: 's' }])).toThrow(/unsupported flags/);
  });
});

describe('state budget', () => {
  it('rejects a pattern whose own automaton is too large, naming it, quickly', () => {
    const t0 = Date.now();
    // x[ab]*a[ab]{12}: the classic exponential DFA (2^13 states just to know the last 13 letters).
    expect(() =>
      compilePatterns([{ name: 'OK', pattern: 'abc' }, { name: 'HUGE', pattern: 'x[ab]*a[ab]{12}' }], {
        maxStatesPerPattern: 2000,
        maxTotalStates: 40_000,
        maxNfaStates: 20_000,
      }),
    ).toThrow(/pattern "HUGE": pattern too complex/);
    expect(Date.now() - t0).toBeLessThan(20_000); // a bound on runaway work, not a performance target
  });

  it('rejects a set whose automata together exceed the budget, naming the pattern that tipped it', () => {
    // Each pattern is fine alone; ten of them are not, within a budget of 300 states in all (about 50 each).
    // (Their matches vary in length: patterns of one length build no automata of their own.)
    const patterns = Array.from({ length: 10 }, (_, i) => ({ name: `P${i}`, pattern: `x${i}[a-z]{20}(?:y|yz)` }));
    const limits = { maxStatesPerPattern: 4096, maxTotalStates: 300, maxNfaStates: 20_000 };
    expect(() => compilePatterns(patterns.slice(0, 2), limits)).not.toThrow();
    expect(() => compilePatterns(patterns, limits)).toThrow(/pattern "P\d": pattern set too complex/);
  });

  it('rejects a counted repetition that expands past the NFA budget', () => {
    expect(() => compilePatterns([{ name: 'WIDE', pattern: '(?:[a-z]{1,1000}){1,1000}' }])).toThrow(
      /pattern "WIDE": pattern too complex/,
    );
  });

  it('scans a union whose full DFA would be huge: states are built only as text visits them', () => {
    // Thirty token shapes with counted tails: determinized up front, their union multiplies.
    const patterns = Array.from({ length: 30 }, (_, i) => ({
      name: `TOKEN_${i}`,
      pattern: `\\b${String.fromCharCode(97 + (i % 26))}${i}_[A-Za-z0-9_-]{20,40}`,
    }));
    const scanner = createScanner({ entities: [], patterns });
    const text = 'x a0_abcdefghijklmnopqrstuvwx y e4_0123456789012345678901234567890 z';
    expect(scanner.scan(text).map((f) => f.entity)).toEqual(['TOKEN_0', 'TOKEN_4']);
  });

  it('gives the same findings when the state cache is tiny and flushes all the time', () => {
    const text = 'mail a.b@example.com, card 4111-1111-1111-1111, ip 10.0.0.1, key AKIAZ7Q3X4WMNB2PLHTE. '.repeat(20);
    const normal = createScanner().scan(text);
    const tiny = createScanner({ maxCachedStates: 16 }).scan(text);
    expect(normal.length).toBe(80);
    expect(tiny).toEqual(normal);
  });

  it.each([
    ['\\b\\d{3}-\\d{2}-\\d{4}\\b', 11],
    ['(?:ab){3}', 6],
    ['é', 2],
    ['[aé]', -1],
    ['a|bc', -1],
    ['a+', -1],
    ['^x$', 1],
  ])('knows the fixed byte length of %s: %d (no anchored scans needed)', (pattern, length) => {
    expect(fixedLength(parseSource({ name: 'P', pattern }))).toBe(length);
  });

  it('builds no anchored automata for a searched pattern whose matches all have one length', () => {
    // A thousand four-letter words: their own automata would be thousands of states; a stub
    // (one state each way) stands in, since the engine never runs them for such a pattern.
    const words = Array.from({ length: 1000 }, (_, i) => i.toString(36).padStart(4, 'q'));
    const list = `\\b(?:${words.join('|')})\\b`;
    const fixed = compilePatterns([{ name: 'W', pattern: list }]);
    expect(fixed.states).toBe(2);
    // Not searched (a lead, run anchored) or of varying length: the automata are built.
    expect(compilePatterns([{ name: 'L', pattern: list, scan: false }, { name: 'S', pattern: 'x' }]).states).toBeGreaterThan(1000);
    expect(compilePatterns([{ name: 'V', pattern: `${list}s?` }]).states).toBeGreaterThan(1000);
    // And the list still matches, overlapping words resolved, in batch and in a stream.
    const scanner = createScanner({ entities: [], patterns: [{ name: 'W', pattern: list }] });
    const text = `${words[5]} x${words[6]} ${words[999]}, ${words[7]}`;
    expect(scanner.scan(text).map((f) => text.slice(f.start, f.end))).toEqual([words[5], words[999], words[7]]);
    const stream = scanner.stream();
    const streamed = [...text].flatMap((c) => stream.push(c).findings).concat(stream.end().findings);
    expect(streamed.map((f) => f.start)).toEqual(scanner.scan(text).map((f) => f.start));
  });

  it('tables are plain bytes and deterministic (cacheable)', () => {
    const a = compilePatterns([{ name: 'A', pattern: '\\b\\d{3}-\\d{4}\\b' }]);
    const b = compilePatterns([{ name: 'A', pattern: '\\b\\d{3}-\\d{4}\\b' }]);
    expect(a.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });
});
