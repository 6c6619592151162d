// The contract every catalog entity must honour, run for each entity by catalog.test.ts (in the style
// of hono's common.case.test.ts: one shared suite, called per implementation with describe.each).
//
// The examples come from the catalog itself (detector.examples), so a new detector is covered the
// moment it is added. Cases listed in KNOWN_CATALOG_BUGS run as `it.fails`: they document a catalog
// defect, keep the suite green, and turn red once the defect is fixed, so the entry gets removed.
import { expect, it } from 'vitest';
import { DETECTORS } from '../../src/scan/catalog/index.js';
import type { Detector } from '../../src/scan/catalog/index.js';
import type { Finding } from '../../src/scan/index.js';
import { createScanner } from '../../src/scan/node.js';

type Scanner = ReturnType<typeof createScanner>;

/**
 * Non-ASCII text put before every positive example: CJK (3 UTF-8 bytes, 1 UTF-16 unit), an emoji
 * (4 bytes, 2 units), Latin-1 letters (2 bytes, 1 unit), an em dash, and a 4-byte emoji right
 * before the example. Byte offsets and UTF-16 offsets differ by a different amount for each.
 */
export const UNICODE_PREFIX = '日本語テキスト 😀 Ünïcödé — 🎉';

/**
 * Contract cases that fail because of a catalog defect, keyed `ENTITY|case|example text`, where
 * case is `positive`, `negative` or `checksum`. Each entry says what is wrong; the case runs as
 * `it.fails`, so fixing the defect makes the suite fail until the entry is removed.
 */
export const KNOWN_CATALOG_BUGS: Record<string, string> = {
  // Empty for now. It held 'US_DEA|positive|处方 DEA A93827168' (validateUsDea rejects the '9' in
  // position 2 that the pattern allows); the catalog swapped that example for CH9135725, and the
  // validator defect is tracked in accuracy.test.ts (KNOWN_GAPS, Presidio's "K92993548").
};

/**
 * Checksum cases that cannot work by construction (not defects), keyed like KNOWN_CATALOG_BUGS.
 */
export const CHECKSUM_NOT_APPLICABLE: Record<string, string> = {
  'CRYPTO_WALLET|checksum|ETH 0x52908400098527886E0F7030069857D2E4169EE7':
    'EIP-55: an address whose letters are all one case carries no checksum, so every altered digit is still valid',
};

let allScanner: Scanner | undefined;
/** One scanner with every entity, shared by all contract runs in a file. */
export function allEntitiesScanner(): Scanner {
  allScanner ??= createScanner();
  return allScanner;
}

const detectorsOf = (entity: string): Detector[] => DETECTORS.filter((d) => d.entity === entity);

const ofEntity = (findings: Finding[], entity: string): Finding[] => findings.filter((f) => f.entity === entity);

/** The finding of `entity` that covers exactly `match`, or undefined. */
function exactFinding(findings: Finding[], entity: string, text: string, match: string): Finding | undefined {
  return findings.find((f) => f.entity === entity && text.slice(f.start, f.end) === match);
}

/** Describes the findings for assertion messages: entity and matched text. */
const show = (findings: Finding[], text: string): string =>
  JSON.stringify(findings.map((f) => [f.entity, text.slice(f.start, f.end), f.score]));

/** Streams `text` one code point per chunk and returns the released text and findings. */
function streamByChar(scanner: Scanner, text: string): { text: string; findings: Finding[] } {
  const stream = scanner.stream();
  let out = '';
  const findings: Finding[] = [];
  for (const ch of text) {
    const r = stream.push(ch);
    out += r.text;
    findings.push(...r.findings);
  }
  const r = stream.end();
  return { text: out + r.text, findings: [...findings, ...r.findings] };
}

/** Offsets in bounds, sorted by start, no two findings overlapping. */
export function expectWellFormed(findings: Finding[], text: string): void {
  let previousEnd = 0;
  for (const f of findings) {
    expect(Number.isInteger(f.start) && Number.isInteger(f.end), show([f], text)).toBe(true);
    expect(f.start, `${show([f], text)} starts before the previous finding ends`).toBeGreaterThanOrEqual(previousEnd);
    expect(f.end, show([f], text)).toBeGreaterThan(f.start);
    expect(f.end, show([f], text)).toBeLessThanOrEqual(text.length);
    previousEnd = f.end;
  }
}

/**
 * The position altered by the checksum case: the last character of the value when it is a digit
 * (the check digit), otherwise the value's last digit (ES NIF, IT codice fiscale, SG NRIC and
 * bech32 addresses end in a check letter; every digit of theirs enters the checksum). -1: no digit.
 */
function alteredPosition(value: string): number {
  for (let i = value.length - 1; i >= 0; i--) if (value[i]! >= '0' && value[i]! <= '9') return i;
  return -1;
}

/** Registers the contract's tests for `entity`; call inside a describe block. */
export function runDetectorContract(entity: string, scanner: Scanner, all: () => Scanner = allEntitiesScanner): void {
  const detectors = detectorsOf(entity);
  const positives = detectors.flatMap((d) => d.examples.positive);
  const negatives = detectors.flatMap((d) => d.examples.negative);

  /** `it`, or `it.fails` with the reason in the name when the case is a known catalog bug. */
  const test = (kind: 'positive' | 'negative' | 'checksum', text: string, name: string, body: () => void): void => {
    const bug = KNOWN_CATALOG_BUGS[`${entity}|${kind}|${text}`];
    if (bug) it.fails(`${name} [known catalog bug: ${bug}]`, body);
    else it(name, body);
  };

  it('has examples to run', () => {
    expect(detectors.length).toBeGreaterThan(0);
    expect(positives.length).toBeGreaterThan(0);
    expect(negatives.length).toBeGreaterThan(0);
  });

  it('reports nothing in empty or whitespace-only input', () => {
    for (const text of ['', ' ', '   ', '\n', '\t \r\n \u00a0 \u3000 ', ' '.repeat(300)]) {
      expect(scanner.scan(text), JSON.stringify(text)).toEqual([]);
    }
  });

  for (const example of positives) {
    const { text } = example;
    const match = example.match ?? '';

    test('positive', text, `finds ${JSON.stringify(match)} in ${JSON.stringify(text)}`, () => {
      expect(match, 'a positive example needs its match').not.toBe('');
      const findings = scanner.scan(text);
      const hit = exactFinding(findings, entity, text, match);
      expect(hit, `findings: ${show(findings, text)}`).toBeDefined();
      // Positive examples put context before the value, so the match never starts at offset 0.
      expect(hit!.start).toBeGreaterThan(0);
      expect(hit!.start).toBeLessThanOrEqual(hit!.end);
      expect(hit!.end).toBeLessThanOrEqual(text.length);
      expect(hit!.score).toBeGreaterThanOrEqual(0.5);
      expect(hit!.score).toBeLessThanOrEqual(1);
      expectWellFormed(findings, text);
    });

    test('positive', text, `finds the same substring after a non-ASCII prefix: ${JSON.stringify(text)}`, () => {
      const plain = exactFinding(scanner.scan(text), entity, text, match);
      expect(plain, 'the unprefixed example must be found first').toBeDefined();
      const prefixed = UNICODE_PREFIX + text;
      const findings = scanner.scan(prefixed);
      const shift = UNICODE_PREFIX.length;
      const hit = findings.find((f) => f.entity === entity && f.start === plain!.start + shift);
      expect(hit, `findings: ${show(findings, prefixed)}`).toBeDefined();
      expect(hit!.end).toBe(plain!.end + shift);
      expect(prefixed.slice(hit!.start, hit!.end)).toBe(match);
      expect(hit!.score).toBe(plain!.score);
      expectWellFormed(findings, prefixed);
    });

    test('positive', text, `streams one character at a time to the batch redaction: ${JSON.stringify(text)}`, () => {
      const batch = scanner.redact(text);
      const streamed = streamByChar(scanner, text);
      expect(streamed.text).toBe(batch.text);
      expect(streamed.findings).toEqual(batch.findings);
      expect(batch.text).not.toContain(match);
    });
  }

  for (const { text } of negatives) {
    test('negative', text, `reports no ${entity} in ${JSON.stringify(text)}`, () => {
      const own = scanner.scan(text);
      expect(ofEntity(own, entity), `own scanner: ${show(own, text)}`).toEqual([]);
      const everything = all().scan(text);
      expect(ofEntity(everything, entity), `all-entities scanner: ${show(everything, text)}`).toEqual([]);
      expectWellFormed(everything, text);
    });
  }

  it('keeps all-entities findings in bounds, sorted and disjoint on every positive example joined', () => {
    const joined = positives.map((p) => p.text).join('\n');
    const findings = all().scan(joined);
    expect(findings.length).toBeGreaterThan(0);
    expectWellFormed(findings, joined);
  });

  for (const detector of detectors.filter((d) => d.checksum === true)) {
    for (const { text, match = '' } of detector.examples.positive) {
      const key = `${entity}|checksum|${text}`;
      const at = alteredPosition(match);
      if (CHECKSUM_NOT_APPLICABLE[key] || at < 0) {
        it.skip(`checksum of ${JSON.stringify(match)}: ${CHECKSUM_NOT_APPLICABLE[key] ?? 'no digit to alter'}`, () => {});
        continue;
      }
      test('checksum', text, `rejects ${JSON.stringify(match)} with digit ${at + 1} altered (checksum is checked)`, () => {
        const valueStart = text.indexOf(match);
        expect(valueStart).toBeGreaterThanOrEqual(0);
        const accepted: string[] = [];
        for (let digit = 0; digit <= 9; digit++) {
          if (String(digit) === match[at]) continue;
          const altered = match.slice(0, at) + digit + match.slice(at + 1);
          const alteredText = text.slice(0, valueStart) + altered + text.slice(valueStart + match.length);
          const valueEnd = valueStart + altered.length;
          const kept = ofEntity(scanner.scan(alteredText), entity).filter((f) => f.start < valueEnd && valueStart < f.end);
          if (kept.length > 0) accepted.push(altered);
        }
        // A check digit catches every single-digit change for these schemes; allow one coincidence.
        expect(accepted.length, `still accepted: ${JSON.stringify(accepted)}`).toBeLessThanOrEqual(1);
      });
    }
  }
}
