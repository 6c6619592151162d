// Character tables of the normaliser (normalize.ts): what is invisible, what looks like a Latin
// letter, and which digits and symbols stand for letters in leetspeak.

/**
 * Code points that render as nothing or only steer layout, used to split a word so that a list
 * does not see it: zero-width space/joiners, word joiner and invisible operators, bidi embeddings,
 * overrides and isolates, the BOM, soft hyphen, combining grapheme joiner, Mongolian vowel
 * separator, Hangul fillers and variation selectors.
 */
export function isInvisible(cp: number): boolean {
  return (
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2069) ||
    cp === 0xfeff ||
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x061c ||
    cp === 0x180e ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x3164 ||
    cp === 0xffa0 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/**
 * Unicode tag characters (U+E0000..E007F) mirror ASCII and are invisible: "ASCII smuggling"
 * hides whole instructions in them. The printable ones are decoded to the ASCII they mirror so the
 * hidden text is matched like visible text; the rest are dropped.
 */
export function tagToAscii(cp: number): number {
  return cp >= 0xe0020 && cp <= 0xe007e ? cp - 0xe0000 : -1;
}

export function isTag(cp: number): boolean {
  return cp >= 0xe0000 && cp <= 0xe007f;
}

/**
 * Lower-case Cyrillic, Greek, Armenian and IPA letters that look like a Latin letter (after case
 * folding, so upper-case look-alikes such as Cyrillic `Н` (→ `н`) map to the Latin letter their
 * capital resembles). Folded only inside words that also hold Latin letters or leet digits: see
 * normalize.ts.
 */
export const HOMOGLYPHS: ReadonlyMap<number, number> = new Map(
  Object.entries({
    // Cyrillic
    а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ь: 'b', ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ԛ: 'q',
    ԝ: 'w', һ: 'h', ӏ: 'l', ү: 'y', 
    // Greek
    α: 'a', β: 'b', γ: 'y', ε: 'e', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p', σ: 'o',
    ς: 's', τ: 't', υ: 'u', χ: 'x', ω: 'w', ϲ: 'c', ϳ: 'j',
    // Armenian
    օ: 'o', ս: 'u', հ: 'h', ո: 'n', զ: 'q',
    // Latin variants NFKC keeps
    ı: 'i', ɡ: 'g', ȷ: 'j', ɑ: 'a', ɩ: 'i', ʏ: 'y', ɪ: 'i', ʀ: 'r', ᴀ: 'a', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ᴋ: 'k', ᴍ: 'm',
    ᴏ: 'o', ᴘ: 'p', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ᴢ: 'z', ℓ: 'l',
  }).map(([from, to]) => [from.codePointAt(0)!, to.charCodeAt(0)]),
);

/** Leetspeak: digits and symbols that stand for a letter inside a word. `1` is read as `i`. */
export const LEET: ReadonlyMap<number, number> = new Map(
  Object.entries({ '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', $: 's', '!': 'i' }).map(
    ([from, to]) => [from.charCodeAt(0), to.charCodeAt(0)],
  ),
);

/** Separators a spaced-out word may use between its letters ("i g n o r e", "i.g.n.o.r.e"). */
const SPACERS = [' ', '.', '-', '_', '*', '/', '|', '~', ','];

/** Classes of UTF-16 units (all but ASCII are 0), one table lookup on the hot path. */
export const enum Ascii {
  Letter = 1,
  Digit = 2,
  /** Stands for a letter in leetspeak (see LEET). */
  Leet = 4,
  Spacer = 8,
  /** A letter, or a digit that stands for one (may be one of a spaced-out word's letters). */
  Spaceable = 16,
}

export const ASCII_CLASS: Uint8Array = (() => {
  const t = new Uint8Array(65536);
  for (let c = 0x61; c <= 0x7a; c++) t[c] |= Ascii.Letter | Ascii.Spaceable;
  for (let c = 0x30; c <= 0x39; c++) t[c] |= Ascii.Digit;
  for (const c of LEET.keys()) t[c] |= Ascii.Leet;
  for (const c of SPACERS) t[c.charCodeAt(0)] |= Ascii.Spacer;
  for (let c = 0x30; c <= 0x39; c++) if (LEET.has(c)) t[c] |= Ascii.Spaceable;
  return t;
})();

/** LEET as a table: the letter an ASCII unit stands for, or 0. */
export const LEET_LETTER: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (const [from, to] of LEET) t[from] = to;
  return t;
})();
