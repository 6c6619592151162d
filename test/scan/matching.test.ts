import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PatternError } from '../../src/scan/index.js';
import { createScanner } from '../../src/scan/node.js';

/**
 * Reference semantics, by brute force with JS RegExp (fine here: tiny inputs, our own patterns):
 * from a floor, the next match is the one that ends first; it runs from its leftmost start to its
 * longest end; the floor moves to that end. The engine must agree for every pattern and text.
 */
function reference(pattern: string, text: string): Array<[number, number]> {
  const whole = new RegExp(`^(?:${pattern})$`);
  const isMatch = (s: number, e: number) => whole.test(text.slice(s, e));
  const out: Array<[number, number]> = [];
  let floor = 0;
  for (;;) {
    let found: [number, number] | null = null;
    for (let e = floor + 1; e <= text.length && !found; e++) {
      for (let s = floor; s < e; s++) {
        if (isMatch(s, e)) {
          found = [s, e];
          break;
        }
      }
    }
    if (!found) return out;
    const [s] = found;
    let end = found[1];
    for (let e = text.length; e > end; e--) {
      if (isMatch(s, e)) {
        end = e;
        break;
      }
    }
    out.push([s, end]);
    floor = end;
  }
}

const atom = fc.constantFrom('a', 'b', 'c', '[ab]', '[^a]', '.', '(?:ab|b)', '(?:a|bc|cab)');
const quantifier = fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,3}', '{0,2}', '{2,}');
const pattern = fc
  .array(fc.tuple(atom, quantifier), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([a, q]) => a + q).join(''))
  .chain((p) => fc.constantFrom(p, `(?:${p})|c`, `(?:${p})+`));
const text = fc.array(fc.constantFrom('a', 'b', 'c', ' '), { maxLength: 24 }).map((cs) => cs.join(''));

describe('matching semantics', () => {
  it('agrees with a brute-force reference on random patterns and texts', () => {
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        let scanner: ReturnType<typeof createScanner>;
        try {
          scanner = createScanner({ entities: [], patterns: [{ name: 'P', pattern: p }] });
        } catch (e) {
          // A few random patterns exceed the per-pattern state budget: that rejection is tested
          // on its own (compiler.test.ts); here only compiled patterns are compared.
          fc.pre(!(e instanceof PatternError && e.reason.startsWith('pattern too complex')));
          throw e;
        }
        const got = scanner.scan(t).map((f) => [f.start, f.end]);
        // Empty matches are never reported; the reference cannot produce them either (s < e).
        expect(got).toEqual(reference(p, t));
      }),
      { numRuns: 400 },
    );
  });

  it('finds a match that straddles every possible chunk boundary of a stream', () => {
    const scanner = createScanner({ entities: [], patterns: [{ name: 'ID', pattern: '\\bID-\\d{4,6}\\b' }] });
    const text = 'ref ID-123456 and ID-42 and ID-9999.';
    for (let cut = 1; cut < text.length; cut++) {
      const s = scanner.stream();
      const out = s.push(text.slice(0, cut)).text + s.push(text.slice(cut)).text + s.end().text;
      expect(out).toBe('ref [ID] and ID-42 and [ID].');
    }
  });
});

describe('pathological patterns finish in linear time', () => {
  const size = 100 * 1024;
  it.each([
    ['(a+)+$', 'a'.repeat(size) + '!'],
    ['(a+)+$', 'a'.repeat(size)],
    ['(a|aa)*b', 'a'.repeat(size)],
    ['(\\w+\\s?)*$', 'a'.repeat(size) + '!'],
    ['(\\w+\\s?)*$', 'word '.repeat(size / 5)],
    ['(.*a){12}', 'a'.repeat(size)],
    ['\\d+', '7'.repeat(size)],
    ['(?:a|ab)*c', 'ab'.repeat(size / 2)],
  ])('%s on 100 KB', (p, input) => {
    // Counted work, not time: the automaton reads each byte once, and verifying where matches
    // start and end must stay within a small multiple of the input, whatever the pattern.
    const scanner = createScanner({ entities: [], patterns: [{ name: 'P', pattern: p }] });
    scanner.scan(input);
    const { bytesScanned, verifySteps } = scanner.stats();
    expect(bytesScanned).toBe(input.length);
    expect(verifySteps).toBeLessThanOrEqual(3 * input.length);
  });
});
