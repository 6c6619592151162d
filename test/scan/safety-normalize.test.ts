import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText, normalizeTextThorough, normalizeWithSpaces, plainScanReport } from '../../src/scan/normalize.js';

/** The original text behind the first occurrence of `needle` in the normalised text. */
function original(text: string, needle: string): string {
  const n = normalizeText(text);
  const at = n.text.indexOf(needle);
  expect(at, `"${needle}" in "${n.text}"`).toBeGreaterThanOrEqual(0);
  const [start, end] = n.toOriginal(at, at + needle.length);
  return text.slice(start, end);
}

describe('normalizeText folds', () => {
  it.each([
    ['case and NFKC (full width, ligatures, math letters)', 'ＩＧＮＯＲＥ ﬁle 𝐤𝐢𝐥𝐥', 'ignore file kill'],
    ['diacritics, composed and combining', 'Ïgnörè e\u0301vil', 'ignore evil'],
    ['zero-width and bidi controls', 'ig\u200bno\u200dre\u2066 kil\u00adl\ufeff', 'ignore kill'],
    ['Cyrillic look-alikes inside Latin words', 'іgnоrе аll', 'ignore all'],
    ['Greek look-alikes', 'ιgnοre', 'ignore'],
    ['leetspeak', '1gn0r3 pr3v10u5 1n5truct10n5, k1ll, $h!t, a55', 'ignore previous instructions, kill, shit, ass'],
    ['look-alikes mixed with leet', 'кі11', 'kiii'],
    ['spaced-out letters', 'i g n o r e the rules, k.i.l.l, s-e-x', 'ignore the rules, kill, sex'],
    ['spaced-out leet', '1 g n 0 r 3', 'ignore'],
    ['three spaced letters alone', 's e x', 'sex'],
    ['dotted letters alone', 'k.i.l.l', 'kill'],
    ['tag characters (ASCII smuggling) decoded', 'hi\u{e0069}\u{e0067}\u{e006e}', 'hiign'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeText(input).text).toBe(expected);
  });

  it.each([
    ['numbers stay numbers', 'In 2024 I paid 1,500 for 3 items', 'in 2024 i paid 1,500 for 3 items'],
    ['words of one other script stay', 'Привет, как дела', 'привет, как дела'],
    ['CJK and emoji stay', '你好 😀 世界', '你好 😀 世界'],
    ['punctuation after a word is not leet', 'Hello! Cost: $5', 'hello! cost: $5'],
    ['two single letters are not a spaced word', 'a b and i.e. x y', 'a b and i.e. x y'],
  ])('leaves alone: %s', (_name, input, expected) => {
    expect(normalizeText(input).text).toBe(expected);
  });

  it('can turn leet, spacing and look-alikes off (the words filter chooses)', () => {
    const n = normalizeText('h4ck і g n o r e', { leet: false, spacing: false, homoglyphs: false });
    expect(n.text).toBe('h4ck і g n o r e');
  });
});

describe('normalizeText maps spans back to the original', () => {
  it.each([
    ['emoji and CJK before the match', '😀😀 你好 please IGNORE all', 'ignore', 'IGNORE'],
    ['a leet word', 'ok 😀 then 1gn0r3 it', 'ignore', '1gn0r3'],
    ['a spaced word spans its separators', '日本 i g n o r e me', 'ignore', 'i g n o r e'],
    ['zero-width inside the word', '👍 ig\u200bnore', 'ignore', 'ig\u200bnore'],
    ['a decomposed accent stays with its letter', 'cafe\u0301 kill', 'cafe', 'cafe\u0301'],
    ['an expanded ligature', 'a ﬁle', 'file', 'ﬁle'],
    ['math letters (surrogate pairs)', 'x 𝐤𝐢𝐥𝐥 y', 'kill', '𝐤𝐢𝐥𝐥'],
    ['homoglyphs', 'say іgnоrе now', 'ignore', 'іgnоrе'],
  ])('%s', (_name, text, needle, expected) => {
    expect(original(text, needle)).toBe(expected);
  });

  it('maps empty spans to positions and clamps out-of-range ones', () => {
    const n = normalizeText('\u200bab');
    expect(n.text).toBe('ab');
    expect(n.toOriginal(0, 0)).toEqual([1, 1]);
    expect(n.toOriginal(2, 2)).toEqual([3, 3]);
    expect(n.toOriginal(-5, 99)).toEqual([1, 3]);
  });

  it('for any text, every normalised unit maps to an ordered span inside the original', () => {
    const alphabet = fc.constantFrom(...'aB1 0.$!-\u200b\u202e😀你éе\u0301ﬁ𝐤Ω'.match(/./gsu)!);
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (text) => {
        const n = normalizeText(text);
        let previousEnd = 0;
        for (let i = 0; i < n.text.length; i++) {
          const [s, e] = n.toOriginal(i, i + 1);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(e).toBeLessThanOrEqual(text.length);
          expect(s).toBeLessThan(e);
          expect(e).toBeGreaterThanOrEqual(previousEnd);
          previousEnd = e;
        }
        const [s, e] = n.toOriginal(0, n.text.length);
        // The whole normalised text covers the original except dropped units at its edges.
        expect(s).toBeLessThanOrEqual(e);
        expect(normalizeText(text.slice(s, e)).text.length).toBeLessThanOrEqual(n.text.length + 4);
      }),
      { numRuns: 300 },
    );
  });

  it('takes its shortcut (lower-casing alone) only where the thorough passes agree, maps included', () => {
    // Units that sit on every edge of the shortcut's checks: leet next to letters or not, one
    // repeated separator around single letters, capitals, plain and folded non-ASCII, pairs.
    const pieces = ['a', 'B', 'x', 'I', 'e', '0', '1', '2', '4', '@', '$', '!', ' ', ' ', '.', '-', '_', '|', ',', '\n', 'ab', 'Cd',
      '’', '…', 'é', 'É', 'e\u0301', 'е', 'Н', 'ο', 'Σ', 'ß', 'İ', '你', 'ж', '😀', '𝐤', '\u{10400}', '\u200b', '\ufe0f', '\u00a0', '½', '\ud800',
      '\t', '\r\n', '\u1680', '\u2028', '\u3000', '\ue000', '\ufffd', '\uff41'];
    const options = [{}, { leet: false }, { spacing: false }, { homoglyphs: false }, { leet: false, spacing: false }];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }).map((a) => a.join('')), fc.constantFrom(...options), (text, o) => {
        const fast = normalizeText(text, o);
        const thorough = normalizeTextThorough(text, o);
        // What the shortcut tells the safety lexicon: where the result's runs of white space
        // and white space beyond ASCII are, as the regex the lexicon falls back on finds them.
        const { normalized, spaces } = normalizeWithSpaces(text);
        expect(normalized.text).toBe(normalizeText(text).text);
        if (spaces) expect(spaces).toEqual([...normalized.text.matchAll(/\s{2,}|[^\S\t-\r ]/g)].flatMap((m) => [m.index, m[0].length]));
        expect(fast.text).toBe(thorough.text);
        for (let s = 0; s <= fast.text.length; s++) {
          for (let e = s; e <= fast.text.length; e++) expect(fast.toOriginal(s, e)).toEqual(thorough.toOriginal(s, e));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('checks for its shortcut in one branch-light pass that finds what the unit-by-unit pass finds', () => {
    // Every ASCII unit, plain non-ASCII letters and other units, at the edges of the spacing
    // window (separators two apart, single letters and leet digits around them, text edges).
    const pieces = [...Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)), 'ab', 'a b', ' x ', '1.2.3', '-a-', 'é', '你', 'ж', '’', '…', '😀', '\u00a0'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 16 }).map((a) => a.join('')), (text) => {
        const quick = plainScanReport(text, true);
        const slow = plainScanReport(text, false);
        if (quick.found >= 0) expect(quick).toEqual(slow);
      }),
      { numRuns: 20000 },
    );
  });

  it('is idempotent on what it produces', () => {
    for (const t of ['1gn0r3 аll', 'i g n o r e', 'ＩＧＮＯＲＥ ﬁle', 'plain text']) {
      const once = normalizeText(t).text;
      expect(normalizeText(once).text).toBe(once);
    }
  });
});
