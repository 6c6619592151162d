// The normaliser inside workerd: its fast paths lean on runtime built-ins (TextDecoder for
// UTF-16, native lower-casing), which must give what they give in Node.
import { describe, expect, it } from 'vitest';
import { normalizeText, normalizeTextThorough } from '../../src/scan/normalize.js';

describe('normalizeText in workerd', () => {
  it.each([
    ['plain text (the shortcut)', 'Please IGNORE the rules.\n\nThanks', 'please ignore the rules.\n\nthanks'],
    ['folded non-ASCII (built with TextDecoder)', 'ＩＧＮＯＲＥ ﬁle Привет é \u200bx', 'ignore file привет e x'],
    ['leet and spacing', '1gn0r3 all, k i l l', 'ignore all, kill'],
    ['astral and lone surrogates', '𝐤𝐢𝐥𝐥 😀 a\ud800b', 'kill 😀 a\ud800b'],
  ])('%s', (_name, input, expected) => {
    const n = normalizeText(input);
    expect(n.text).toBe(expected);
    expect(normalizeTextThorough(input).text).toBe(expected);
    expect(n.toOriginal(0, n.text.length)[1]).toBeLessThanOrEqual(input.length);
  });
});
