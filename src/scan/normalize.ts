// Folds text into the form lexicons and classifiers match on, keeping a map back to the original:
// Unicode NFKC, lower case, diacritics dropped, zero-width and bidi controls removed, look-alike
// letters of other scripts and leetspeak folded to Latin, spaced-out letters joined up.
//
//   normalizeText('Ｉ g n 0 r e  tНе rules').text === 'ignore  the rules'
//
// Every UTF-16 unit of the output remembers the original UTF-16 span it came from, so a span
// found in the normalised text maps back to exact offsets in what the caller sent.
import { ASCII_CLASS, Ascii, HOMOGLYPHS, LEET_LETTER, isInvisible, isTag, tagToAscii } from './normalize-tables.js';

export interface NormalizeOptions {
  /** Digits and symbols inside words read as letters: `h4ck` → `hack`, `$h1t` → `shit` (default true). */
  leet?: boolean;
  /** Letters spaced out with one repeated separator are joined: `i g n o r e` → `ignore` (default true). */
  spacing?: boolean;
  /** Cyrillic, Greek and other look-alike letters folded to Latin inside words that mix them with Latin or leet (default true). */
  homoglyphs?: boolean;
}

export interface NormalizedText {
  /** The normalised text. */
  readonly text: string;
  /**
   * The span of the original text that normalised units [start, end) came from, as UTF-16
   * offsets into the original. An empty span maps to the original position where it sits.
   */
  toOriginal(start: number, end: number): [number, number];
}

const isAsciiLetter = (u: number) => u < 0x80 && (ASCII_CLASS[u] & Ascii.Letter) !== 0;
/** Combining diacritics stripped after decomposition: Latin, Greek and Cyrillic accents only (Indic vowel signs are letters). */
const isDiacritic = (u: number) => (u >= 0x300 && u <= 0x36f) || (u >= 0x1ab0 && u <= 0x1aff) || (u >= 0x1dc0 && u <= 0x1dff) || (u >= 0x20d0 && u <= 0x20ff) || (u >= 0xfe20 && u <= 0xfe2f);
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
/** A non-ASCII unit that belongs to a word: letters of any script, not spaces or punctuation blocks. */
const isWordUnit = (u: number) =>
  u >= 0xc0 && !(u >= 0x2000 && u <= 0x206f) && !(u >= 0x3000 && u <= 0x303f) && !(u >= 0xfe30 && u <= 0xfe4f) && !(u >= 0xff00 && u <= 0xff0f);

/** Folded forms of non-ASCII clusters; text repeats its characters, so a small cache serves most. */
const folds = new Map<string, string>();
const FOLD_CACHE = 4096;

function foldCluster(cluster: string): string {
  let folded = folds.get(cluster);
  if (folded !== undefined) return folded;
  folded = cluster.normalize('NFKC').toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ');
  if (/[^\0-\x7f]/.test(folded)) folded = folded.normalize('NFD').replace(DIACRITICS, '').normalize('NFC');
  // NFKC may itself produce characters that are invisible (e.g. compatibility spaces are kept).
  folded = [...folded].filter((c) => !isInvisible(c.codePointAt(0)!)).join('');
  if (folds.size >= FOLD_CACHE) folds.clear();
  folds.set(cluster, folded);
  return folded;
}

/**
 * Folds of single BMP units, the common case of non-ASCII text (CJK, Cyrillic, accented
 * letters): 0 not known yet, DROP folds to nothing, COMPLEX folds to several units (use
 * foldCluster), anything else is the one unit it folds to.
 */
const unitFolds = new Uint16Array(65536);
/** 1 for the units HOMOGLYPHS folds. */
const LOOK_ALIKE = (() => {
  const t = new Uint8Array(65536);
  for (const u of HOMOGLYPHS.keys()) if (u < 65536) t[u] = 1;
  return t;
})();
/** HOMOGLYPHS as a table (0: not a look-alike); every look-alike is a BMP unit. */
const LOOK_ALIKE_TO = (() => {
  const t = new Uint16Array(65536);
  for (const [from, to] of HOMOGLYPHS) t[from] = to;
  return t;
})();
const DROP = 0xfffe;
const COMPLEX = 0xffff;

/** 1 for the units String.prototype.toLowerCase leaves alone (filled in with unitFolds). */
const LOWER_SELF = new Uint8Array(65536);

function unitFold(c: number): number {
  const unit = String.fromCharCode(c);
  const folded = foldCluster(unit);
  const u = folded.length === 0 ? DROP : folded.length === 1 && folded.charCodeAt(0) < DROP ? folded.charCodeAt(0) : COMPLEX;
  LOWER_SELF[c] = unit.toLowerCase() === unit ? 1 : 0;
  unitFolds[c] = u;
  return u;
}

// Class bits of ASCII_CLASS as literals: under isolatedModules the const enum Ascii is emitted as
// property loads, which the per-unit loops below would pay for on every unit.
const LETTER = 1;
const DIGIT = 2;
const LEET = 4;
const SPACER = 8;
const SPACEABLE = 16;
if (LETTER !== Ascii.Letter || DIGIT !== Ascii.Digit || LEET !== Ascii.Leet || SPACER !== Ascii.Spacer || SPACEABLE !== Ascii.Spaceable) {
  throw new Error('normalize: class bits out of step with normalize-tables');
}

/** Class bits of the units fastPath reads: ASCII_CLASS of the lower-cased unit, and for any other unit WORD when it belongs to a word. */
const WORD = 32;
/** ASCII white space (\t-\r and space), in CLASS only. */
const SPACE = 64;
const LETTERISH = LETTER | DIGIT | WORD;
/** ASCII_CLASS by unit before lower-casing (capitals classed as their small letters), for ASCII. */
const CLASS = (() => {
  const t = new Uint8Array(0x80);
  for (let c = 0; c < 0x80; c++) t[c] = ASCII_CLASS[c >= 0x41 && c <= 0x5a ? c + 32 : c];
  for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]) t[c] |= SPACE;
  return t;
})();
/** Per BMP unit above ASCII: 1 plain (see plainUnit), 2 not, 0 not known yet. */
const PLAIN = new Uint8Array(65536);
/** The same for code points above the BMP (emoji, mostly). */
const plainAstral = new Map<number, boolean>();

/**
 * A plain unit is its own fold, its own lower case, and no look-alike (nor invisible, nor an
 * accent): normalising leaves it where it is, as String.prototype.toLowerCase does.
 */
function plainUnit(c: number): boolean {
  let p = PLAIN[c];
  if (p === 0) {
    let u = 0;
    if (!(c >= 0xd800 && c <= 0xdfff) && !isDiacritic(c) && !isInvisible(c)) {
      u = unitFolds[c];
      if (u === 0) u = unitFold(c);
    }
    p = u === c && LOWER_SELF[c] === 1 && LOOK_ALIKE[c] === 0 ? 1 : 2;
    PLAIN[c] = p;
  }
  return p === 1;
}

function isPlainAstral(cp: number): boolean {
  let p = plainAstral.get(cp);
  if (p === undefined) {
    const s = String.fromCodePoint(cp);
    p = !isInvisible(cp) && !isTag(cp) && foldCluster(s) === s && s.toLowerCase() === s;
    if (plainAstral.size >= FOLD_CACHE) plainAstral.clear();
    plainAstral.set(cp, p);
  }
  return p;
}

/**
 * Set by plainScan unless it finds NOT_PLAIN: the text's runs of white space of two or more units
 * and its white space beyond ASCII, as (start, length) pairs; what the safety lexicon folds.
 */
let spaceList: number[] = [];
/** Whether the last normalize() call's result has the text's offsets and spaceList is about it. */
let spacesKnown = false;

/** What plainScan found: a unit that is not plain, a word the word pass folds, letters the spacing pass joins. */
const NOT_PLAIN = 1;
const FOLDS = 2;
const JOINS = 4;

// quickScan's unit codes: bits 0-2 are what the spacing check reads (a window of them, three bits a
// unit), the rest the other checks. 0: not known yet.
const Q_SPACER = 1;
const Q_SPACEABLE = 2;
const Q_LETTERISH = 4;
const Q_LETTER = 8;
const Q_LEET = 16;
const Q_SPACE = 32;
/** plainScan decides: not plain, a surrogate, or white space beyond ASCII. */
const Q_SLOW = 64;
const Q_KNOWN = 128;
/** Codes by UTF-16 unit (ASCII filled in now, the rest on first sight). */
const CODE = (() => {
  const t = new Uint8Array(65536);
  for (let c = 0; c < 0x80; c++) {
    const cls = CLASS[c];
    t[c] =
      Q_KNOWN |
      (cls & SPACER ? Q_SPACER : 0) |
      (cls & SPACEABLE ? Q_SPACEABLE : 0) |
      (cls & LETTERISH ? Q_LETTERISH : 0) |
      (cls & LETTER ? Q_LETTER : 0) |
      (cls & LEET ? Q_LEET : 0) |
      (cls & SPACE ? Q_SPACE : 0);
  }
  return t;
})();

function codeOf(c: number): number {
  const plain = !(c >= 0xd800 && c <= 0xdfff) && plainUnit(c) && !/\s/.test(String.fromCharCode(c));
  const code = Q_KNOWN | (plain ? (isWordUnit(c) ? Q_LETTERISH : 0) : Q_SLOW);
  CODE[c] = code;
  return code;
}

/**
 * The spacing check's window: seven units, three bits each, the newest lowest. A spacer (4 units
 * back) between single letters or leet digits (5, 3 and 1 back), with nothing letter-like 6 units
 * back and on the newest: what plainScan's JOINS test reads (the spacer's repeat, 2 back, is
 * compared apart).
 */
const JOIN_MASK = (Q_LETTERISH << 18) | (Q_SPACEABLE << 15) | (Q_SPACER << 12) | (Q_SPACEABLE << 9) | (Q_SPACEABLE << 3) | Q_LETTERISH;
const JOIN_PATTERN = (Q_SPACEABLE << 15) | (Q_SPACER << 12) | (Q_SPACEABLE << 9) | (Q_SPACEABLE << 3);
const WHITE_RUNS = /[\t-\r ]{2,}/g;

/** Whether the spacer 4 units before `i` repeats 2 units before it (quickScan's rare case, out of its loop). */
function repeats(text: string, i: number): number {
  return text.charCodeAt(i - 4) === text.charCodeAt(i - 2) ? 1 : 0;
}

/**
 * plainScan for the default options (leet and spacing on), in one pass of table lookups and
 * bitwise arithmetic with no branch on the text's letters, spaces and words (those are not
 * predictable: a mispredicted branch at every word edge cost more than the checks themselves).
 * The same answer, or -1 where plainScan must decide (a unit that is not plain, a surrogate,
 * white space beyond ASCII). Sets spaceList as plainScan does.
 */
function quickScan(text: string): number {
  const n = text.length;
  const codes = CODE;
  let previous = 0;
  let gate = 0;
  let fold = 0;
  let wordLetter = 0;
  let wordLeet = 0;
  let doubles = 0;
  let joins = 0;
  let window = 0;
  // One classless unit past the end closes the last word and the spacing window: no code after
  // the loop (code that runs on few texts deoptimises V8's compiled loop when it first runs).
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0;
    let code = codes[c];
    if ((code & (Q_SLOW | Q_KNOWN)) !== Q_KNOWN) {
      if (code === 0) code = codeOf(c);
      if (code & Q_SLOW) return -1;
    }
    // A leet unit next to a letter.
    gate |= ((code >> 4) & (previous >> 3)) | ((code >> 3) & (previous >> 4));
    // The previous unit's word, now that what follows it is known: letters, digits, other
    // scripts' word units, and a leet symbol when something letter-like follows it.
    const member = ((previous >> 2) | ((previous >> 4) & (code >> 2))) & 1;
    wordLetter = (wordLetter | (previous >> 3)) & member;
    wordLeet = (wordLeet | (previous >> 4)) & member;
    fold |= wordLetter & wordLeet;
    doubles |= previous & code;
    window = ((window << 3) | (code & 7)) & 0x1fffff;
    if ((window & JOIN_MASK) === JOIN_PATTERN) joins |= repeats(text, i);
    previous = code;
  }
  const spaces: number[] = [];
  if (doubles & Q_SPACE) {
    WHITE_RUNS.lastIndex = 0;
    for (let m = WHITE_RUNS.exec(text); m; m = WHITE_RUNS.exec(text)) spaces.push(m.index, m[0].length);
  }
  spaceList = spaces;
  return (gate & fold & 1 ? FOLDS : 0) | (joins ? JOINS : 0);
}

/**
 * Whether normalising `text` is lower-casing it and little more, which is true of most prompts.
 * NOT_PLAIN: some unit is neither ASCII nor plain (the thorough passes must run). Otherwise the
 * text's units, lower-cased, are pass 1's output, and FOLDS and JOINS say whether the word pass and
 * the spacing pass would change anything: 0 means the result is text.toLowerCase(). Exact, not a
 * heuristic: foldWords changes a word only when it holds a Latin letter and a leet unit (and pass
 * 1's gate, a leet unit next to a letter, let it run); joinSpacedLetters joins only runs of three
 * single letters split by one repeated separator, with nothing letter-like on either side (folding
 * leet in words cannot make such a run). One pass of table lookups, no units written.
 */
function plainScan(text: string, leet: boolean, spacing: boolean): number {
  if (leet && spacing) {
    const quick = quickScan(text);
    if (quick >= 0) return quick;
  }
  return slowScan(text, leet, spacing);
}

/** plainScan unit by unit, for any options and any text. */
function slowScan(text: string, leet: boolean, spacing: boolean): number {
  const n = text.length;
  const table = CLASS; // a local: V8 keeps the table out of the loop
  const single = leet ? SPACEABLE : LETTER;
  let found = 0;
  let gate = false;
  let fold = false;
  let wordLetter = false;
  let wordLeet = false;
  let before = 0;
  let cls = 0;
  const spaces: number[] = [];
  // The white-space run being read: where it started (-1: none), and whether it has a unit beyond ASCII.
  let run = -1;
  let wide = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let space = false;
    let pair = false;
    if (c < 0x80) {
      cls = table[c];
      // A letter after a letter (most units): nothing below can change.
      if (cls === before && cls & LETTER) continue;
      space = (cls & SPACE) !== 0;
    } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: both units are word units (isWordUnit) and fold as one.
      if (!isPlainAstral(((c - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000)) return NOT_PLAIN;
      cls = WORD;
      pair = true;
    } else {
      if (!plainUnit(c)) return NOT_PLAIN;
      cls = isWordUnit(c) ? WORD : 0;
      // Rare: most white space beyond ASCII is no plain unit (NFKC makes it a space).
      if (/\s/.test(String.fromCharCode(c))) space = wide = true;
    }
    if (space) {
      if (run < 0) run = i;
    } else if (run >= 0) {
      if (i - run > 1 || wide) spaces.push(run, i - run);
      run = -1;
      wide = false;
    }
    if (pair) i++; // the pair's second unit
    if ((cls & LEET && before & LETTER) || (cls & LETTER && before & LEET)) gate = true;
    // foldWords' words: letters, digits, other scripts' word units, and a leet symbol when
    // something letter-like follows it.
    if (cls & LETTERISH || (cls & LEET && i + 1 < n && unitClass(text.charCodeAt(i + 1)) & LETTERISH)) {
      if (cls & LETTER) wordLetter = true;
      else if (cls & LEET) wordLeet = true;
      if (wordLetter && wordLeet) fold = true;
    } else {
      wordLetter = wordLeet = false;
    }
    if (leet && gate && fold) found |= FOLDS;
    // A separator, the same one two units on, and single letters around them: "x y z".
    if (
      spacing &&
      cls & SPACER &&
      i >= 1 &&
      i + 3 < n &&
      text.charCodeAt(i + 2) === c &&
      unitClass(text.charCodeAt(i - 1)) & single &&
      unitClass(text.charCodeAt(i + 1)) & single &&
      unitClass(text.charCodeAt(i + 3)) & single &&
      (i < 2 || !(unitClass(text.charCodeAt(i - 2)) & LETTERISH)) &&
      (i + 4 >= n || !(unitClass(text.charCodeAt(i + 4)) & LETTERISH))
    ) {
      found |= JOINS;
    }
    before = cls;
  }
  if (run >= 0 && (n - run > 1 || wide)) spaces.push(run, n - run);
  spaceList = spaces;
  return found;
}

/** plainScan's class of one unit (a surrogate counts as a word unit, as isWordUnit has it). */
function unitClass(c: number): number {
  if (c < 0x80) return CLASS[c];
  return isWordUnit(c) ? WORD : 0;
}

/** Builds strings from units natively where it can (several times faster than fromCharCode.apply). */
const utf16 = (() => {
  try {
    return new TextDecoder('utf-16le', { fatal: false, ignoreBOM: true });
  } catch {
    return undefined; // a runtime without it: fromCharCode.apply
  }
})();
/** TextDecoder reads Uint16Array bytes in the platform's order: little-endian is what it decodes. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Scratch buffers reused across calls; results copy out what they keep. */
let units = new Uint16Array(1024);
let starts = new Uint32Array(1024);
let ends = new Uint32Array(1024);

function ensure(size: number): void {
  if (size <= units.length) return;
  let cap = units.length;
  while (cap < size) cap *= 2;
  const u = new Uint16Array(cap);
  const s = new Uint32Array(cap);
  const e = new Uint32Array(cap);
  u.set(units);
  s.set(starts);
  e.set(ends);
  units = u;
  starts = s;
  ends = e;
}

/** Writes the identity map for units [0, n): while output unit k is original unit k, none is kept. */
function identityMap(n: number): void {
  const s32 = starts;
  const e32 = ends;
  for (let k = 0; k < n; k++) {
    s32[k] = k;
    e32[k] = k + 1;
  }
}

export function normalizeText(text: string, options: NormalizeOptions = {}): NormalizedText {
  return normalize(text, options, true);
}

/**
 * normalizeText with the default options, and what its shortcut learnt on the way: the result's
 * runs of two or more white-space units and its white space beyond ASCII, as (start, length)
 * pairs (undefined: not known). The safety lexicon folds those; knowing where they are (mostly:
 * that there are none) spares it a pass. Internal to the scanner.
 */
export function normalizeWithSpaces(text: string): { normalized: NormalizedText; spaces: readonly number[] | undefined } {
  const normalized = normalize(text, {}, true);
  return { normalized, spaces: spacesKnown ? spaceList : undefined };
}

/** The normaliser's code of a UTF-16 unit, as quickScan reads it (the model's copy of the check reads them too). Internal. */
export function unitCode(c: number): number {
  const code = CODE[c];
  return code !== 0 ? code : codeOf(c);
}

/**
 * normalizeWithSpaces for a text already checked by the model's copy of quickScan (modelCheck):
 * `found` as quickScan's (0: the normal form is the text's lower case), `spaces` the text's runs
 * of white space. Internal to the scanner.
 */
export function normalizeChecked(text: string, found: number, spaces: number[]): { normalized: NormalizedText; spaces: readonly number[] | undefined } {
  spaceList = spaces;
  spacesKnown = true;
  if (found === 0) return { normalized: identity(text.toLowerCase()), spaces };
  const normalized = plainFolded(text, found, true, true);
  return { normalized, spaces: spacesKnown ? spaceList : undefined };
}

/**
 * normalizeWithSpaces for a text the model's copy of quickScan handed back at UTF-16 unit `unit`
 * (U+FFFD: a unit it does not judge). A BMP unit that is not plain makes plainScan answer
 * NOT_PLAIN, so the thorough passes run at once. Internal to the scanner.
 */
export function normalizeHandedBack(text: string, unit: number): { normalized: NormalizedText; spaces: readonly number[] | undefined } {
  if (unit === 0xfffd || (unit >= 0xd800 && unit <= 0xdfff) || plainUnit(unit)) return normalizeWithSpaces(text);
  const normalized = normalize(text, {}, false);
  spacesKnown = false;
  return { normalized, spaces: undefined };
}

/** What quickScan and slowScan find in `text` (default options): tests check they agree. Internal. */
export function plainScanReport(text: string, quick: boolean): { found: number; spaces: number[] } {
  const found = quick ? quickScan(text) : slowScan(text, true, true);
  return { found, spaces: spaceList };
}

/** normalizeText without its shortcut for text that only needs lower-casing: tests check both agree. */
export function normalizeTextThorough(text: string, options: NormalizeOptions = {}): NormalizedText {
  return normalize(text, options, false);
}

function normalize(text: string, options: NormalizeOptions, shortcut: boolean): NormalizedText {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  const length = text.length;
  const leet = options.leet !== false;
  const spacing = options.spacing !== false;
  const homoglyphs = options.homoglyphs !== false;
  // Nothing to fold but case (most prompts): native lower-casing is the whole job, once one
  // cheap pass has checked that nothing else is; or, plain text with leet or spaced letters: its
  // lower case is pass 1's output, and only the pass that changes something runs.
  const found = shortcut ? plainScan(text, leet, spacing) : NOT_PLAIN;
  // Offsets stay the text's unless letters are joined (plainFolded says).
  spacesKnown = found !== NOT_PLAIN;
  if (found === 0) return identity(text.toLowerCase());
  if (found !== NOT_PLAIN) return plainFolded(text, found, leet, homoglyphs);
  ensure(length + 16);
  // Pass 1, per character: NFKC, lower case, diacritics, invisibles. `exact` stays true while
  // every output unit is the original unit at the same index; until it turns false no map is
  // written (`mapped`), and an exact result keeps none.
  let n = 0;
  let exact = true;
  let mapped = false;
  // Every unit is its own fold or an ASCII capital: the output is text.toLowerCase() (native).
  let lowerCase = true;
  let surrogates = false;
  // Later passes run only where pass 1 saw what they fold: a leet unit next to a letter, a
  // look-alike letter, two single letters between repeated separators.
  let leetSeen = false;
  let lookAlikeSeen = false;
  let spacedSeen = false;
  // Locals, not the module's buffers: V8 keeps them in registers (re-read after `ensure`).
  let u16 = units;
  let s32 = starts;
  let e32 = ends;
  for (let i = 0; i < length; ) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      const u = c >= 0x41 && c <= 0x5a ? c + 32 : c;
      const cls = ASCII_CLASS[u];
      if (n > 0) {
        const before = ASCII_CLASS[u16[n - 1]];
        if ((cls & LEET && before & LETTER) || (cls & LETTER && before & LEET)) leetSeen = true;
        // Three single letters split by one repeated separator end here ("s e x").
        if (cls & SPACEABLE && before & SPACER && n >= 4 && u16[n - 3] === u16[n - 1] && ASCII_CLASS[u16[n - 2]] & SPACEABLE && ASCII_CLASS[u16[n - 4]] & SPACEABLE) {
          spacedSeen = true;
        }
      }
      u16[n] = u;
      if (mapped) {
        s32[n] = i;
        e32[n] = i + 1;
      }
      n++;
      i++;
      continue;
    }
    // One BMP unit with no accent after it: folded through the table, like ASCII.
    if ((c < 0xd800 || c > 0xdfff) && !isDiacritic(c)) {
      const after = text.charCodeAt(i + 1);
      if (!(after >= 0x300 && isDiacritic(after))) {
        let u = unitFolds[c];
        if (u === 0) u = unitFold(c);
        if (u !== COMPLEX && !(isInvisible(c) || u === DROP)) {
          if (u < 0x80 && ASCII_CLASS[u] & LEET) leetSeen = true;
          if (LOOK_ALIKE[u]) lookAlikeSeen = true;
          if (u !== c || !LOWER_SELF[c]) lowerCase = false;
          u16[n] = u;
          if (mapped) {
            s32[n] = i;
            e32[n] = i + 1;
          }
          n++;
          i++;
          continue;
        }
      }
    }
    // Everything else changes the units or their offsets: from here on the map is kept.
    lowerCase = false;
    if (!mapped) {
      identityMap(n);
      mapped = true;
    }
    let cp = c;
    let size = 1;
    const next = i + 1 < length ? text.charCodeAt(i + 1) : 0;
    if (c >= 0xd800 && c <= 0xdfff) surrogates = true;
    if (c >= 0xd800 && c < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
      cp = ((c - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
      size = 2;
    }
    if (isInvisible(cp) || isTag(cp)) {
      const tag = tagToAscii(cp);
      if (tag >= 0) {
        u16[n] = tag >= 0x41 && tag <= 0x5a ? tag + 32 : tag;
        s32[n] = i;
        e32[n++] = i + size;
      }
      exact = false;
      i += size;
      continue;
    }
    if (isDiacritic(cp) && n > 0 && e32[n - 1] === i) {
      // An accent left over after its letter ("e\u0301", the letter already out): dropped, and
      // the letter's span grows over it so a match ending there still covers the whole character.
      let j = i + 1;
      while (j < length && isDiacritic(text.charCodeAt(j))) j++;
      e32[n - 1] = j;
      exact = false;
      i = j;
      continue;
    }
    let j = i + size;
    while (j < length && isDiacritic(text.charCodeAt(j))) j++;
    const folded = foldCluster(text.slice(i, j));
    if (n + folded.length + 16 > u16.length) {
      ensure(n + folded.length + 16 + (length - j));
      u16 = units;
      s32 = starts;
      e32 = ends;
    }
    const oneToOne = folded.length === j - i;
    if (!oneToOne || n !== i) exact = false;
    for (let k = 0; k < folded.length; k++) {
      const u = folded.charCodeAt(k);
      if (u < 0x80 && ASCII_CLASS[u] & LEET) leetSeen = true;
      if (LOOK_ALIKE[u]) lookAlikeSeen = true;
      if (u >= 0xd800 && u <= 0xdfff) surrogates = true;
      u16[n] = u;
      s32[n] = oneToOne ? i + k : i;
      e32[n++] = oneToOne ? i + k + 1 : j;
    }
    i = j;
  }
  if (n !== length) exact = false;
  let changed = false;
  // Words need folding only when something foldable occurred: most plain text skips this pass.
  // Tag characters decode to ASCII the checks above did not see: they take the thorough path.
  if (!exact) leetSeen = spacedSeen = true;
  if ((leet && leetSeen) || (lookAlikeSeen && homoglyphs)) changed = foldWords(n, homoglyphs, leet);
  if (spacing && (spacedSeen || (leet && leetSeen))) {
    const joined = joinSpacedLetters(n, leet, mapped);
    if (joined !== n) {
      exact = false;
      changed = true;
    }
    n = joined;
  }
  // Units that only changed case: the native lower-casing builds the string fastest.
  const out = lowerCase && !changed ? text.toLowerCase() : unitsToString(n, surrogates);
  return exact ? identity(out) : mappedResult(out, text.length, n);
}

/** Plain text that the word pass (FOLDS) or the spacing pass (JOINS) changes: see plainScan. */
function plainFolded(text: string, found: number, leet: boolean, homoglyphs: boolean): NormalizedText {
  const lower = text.toLowerCase();
  let n = lower.length;
  ensure(n + 16);
  const u16 = units;
  for (let i = 0; i < n; i++) u16[i] = lower.charCodeAt(i);
  let changed = found & FOLDS ? foldWords(n, homoglyphs, leet) : false;
  let exact = true;
  if (found & JOINS) {
    const joined = joinSpacedLetters(n, leet, false);
    if (joined !== n) {
      exact = false;
      changed = true;
      n = joined;
      spacesKnown = false;
    }
  }
  // Plain text has no lone surrogate: the decoder may build the string.
  const out = changed ? unitsToString(n, false) : lower;
  return exact ? identity(out) : mappedResult(out, text.length, n);
}

function unitsToString(n: number, surrogates: boolean): string {
  // The decoder would turn a lone surrogate into U+FFFD: those texts take the slow, exact way.
  if (utf16 && LITTLE_ENDIAN && !surrogates) return utf16.decode(new Uint8Array(units.buffer, 0, n * 2));
  let out = '';
  for (let i = 0; i < n; i += 8192) out += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  return out;
}

/** A normalised text whose units are the original's, one for one. */
function identity(out: string): NormalizedText {
  const n = out.length;
  return { text: out, toOriginal: (start, end) => clampIdentity(start, end, n) };
}

function mappedResult(out: string, originalLength: number, n: number): NormalizedText {
  const s = starts.slice(0, n);
  const e = ends.slice(0, n);
  return {
    text: out,
    toOriginal(start, end) {
      start = Math.max(0, Math.min(n, Math.trunc(start)));
      end = Math.max(start, Math.min(n, Math.trunc(end)));
      if (start === end) {
        const at = start < n ? s[start] : n > 0 ? e[n - 1] : originalLength;
        return [at, at];
      }
      return [s[start], e[end - 1]];
    },
  };
}

function clampIdentity(start: number, end: number, n: number): [number, number] {
  start = Math.max(0, Math.min(n, Math.trunc(start)));
  return [start, Math.max(start, Math.min(n, Math.trunc(end)))];
}

/**
 * Pass 2, per word: look-alike letters become Latin where the word mixes them with Latin letters
 * (or leet digits), and leet digits and symbols become letters in words that have a letter.
 * A symbol (`@`, `$`, `!`) counts as part of a word only when a letter or digit follows it, so
 * `hello!` keeps its `!`. Returns whether anything changed.
 */
function foldWords(n: number, homoglyphs: boolean, leet: boolean): boolean {
  let changed = false;
  for (let i = 0; i < n; ) {
    if (!inWord(i, n)) {
      i++;
      continue;
    }
    let j = i;
    let latin = false;
    let lookAlikes = 0;
    let otherScript = 0;
    let leetUnits = 0;
    for (; j < n && inWord(j, n); j++) {
      const u = units[j];
      if (u >= 0x80) {
        if (LOOK_ALIKE[u]) lookAlikes++;
        else otherScript++;
      } else {
        const cls = ASCII_CLASS[u];
        if (cls & LETTER) latin = true;
        else if (cls & LEET) leetUnits++;
      }
    }
    // A word wholly of look-alikes (Russian `как`) is left alone: folding it would turn honest
    // Cyrillic or Greek into Latin noise; spoofs mix in at least one Latin letter or leet digit.
    const foldLookAlikes = homoglyphs && lookAlikes > 0 && (latin || (leetUnits > 0 && otherScript === 0));
    if (foldLookAlikes) latin = true;
    if (foldLookAlikes || (leet && latin && leetUnits > 0)) {
      for (let k = i; k < j; k++) {
        const u = units[k];
        if (u >= 0x80) {
          if (foldLookAlikes && LOOK_ALIKE[u]) {
            units[k] = LOOK_ALIKE_TO[u];
            changed = true;
          }
        } else if (leet && LEET_LETTER[u] !== 0) {
          units[k] = LEET_LETTER[u];
          changed = true;
        }
      }
    }
    i = j;
  }
  return changed;
}

function inWord(i: number, n: number): boolean {
  const u = units[i];
  if (u >= 0x80) return isWordUnit(u);
  const cls = ASCII_CLASS[u];
  if (cls & (LETTER | DIGIT)) return true;
  if (!(cls & LEET) || i + 1 >= n) return false;
  return isLetterish(units[i + 1]);
}

/**
 * Pass 3: runs of at least three single letters, each pair split by the same one separator
 * ("i g n o r e", "i.g.n.o.r.e", "i-g-n-o-r-e"), lose their separators. With leet on, single leet
 * digits count as letters when at least half of the run are real letters ("1 g n 0 r 3").
 * Returns the new length. `mapped`: whether starts/ends hold the map yet (else it is the identity).
 */
function joinSpacedLetters(n: number, leet: boolean, mapped: boolean): number {
  const u16 = units;
  const s32 = starts;
  const e32 = ends;
  const single = leet ? SPACEABLE : LETTER;
  let w = 0;
  let moved = false; // nothing joined yet: units stay where they are and are not copied
  for (let i = 0; i < n; ) {
    const u = u16[i];
    // Cheapest test first: a separator right after a single letter, another two units on.
    if (
      ASCII_CLASS[u16[i + 1]] & SPACER &&
      ASCII_CLASS[u] & single &&
      i + 4 < n &&
      u16[i + 3] === u16[i + 1] &&
      ASCII_CLASS[u16[i + 2]] & single &&
      (w === 0 || !isLetterish(u16[w - 1]))
    ) {
      const sep = u16[i + 1];
      let k = i;
      let count = 1;
      let letters = ASCII_CLASS[u] & LETTER ? 1 : 0;
      while (k + 2 < n && u16[k + 1] === sep && ASCII_CLASS[u16[k + 2]] & single && (k + 3 >= n || !isLetterish(u16[k + 3]))) {
        k += 2;
        count++;
        if (ASCII_CLASS[u16[k]] & LETTER) letters++;
      }
      if (count >= 3 && letters * 2 >= count) {
        // The first join of an exact text: the map it edits is the identity, not written yet.
        if (!mapped) {
          identityMap(n);
          mapped = true;
        }
        for (let m = i; m <= k; m += 2) {
          const v = u16[m];
          u16[w] = LEET_LETTER[v] || v;
          s32[w] = s32[m];
          e32[w++] = e32[m];
        }
        moved = true;
        i = k + 1;
        continue;
      }
    }
    if (moved) {
      u16[w] = u;
      s32[w] = s32[i];
      e32[w] = e32[i];
    }
    w++;
    i++;
  }
  return w;
}

function isLetterish(u: number): boolean {
  if (u >= 0x80) return isWordUnit(u);
  return (ASCII_CLASS[u] & (LETTER | DIGIT)) !== 0;
}
