// A stream continued from its snapshot, in a scanner of its own (as another isolate would),
// gives exactly the output the uninterrupted stream gives; stopping entities and the cap policy.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Scanner, type StreamResult, decodeStreamSnapshot, encodeStreamSnapshot } from '../../src/scan/index.js';
import { createScanner } from '../../src/scan/node.js';
import { cut } from './helpers.js';

const fragments = [
  'Contact alice.smith@example.com today. ',
  'card 4111 1111 1111 1111 exp 12/29 ',
  'SSN: 536-22-8746\n',
  '电话 +44 20 7946 0958 请回电 ',
  'again alice.smith@example.com and bob@example.org ',
  'key AKIAZ7Q3X4WMNB2PLHTE here ',
  '{"iban": "GB82 WEST 1234 5698 7654 32"} ',
  '😀😀 ',
  'token=ghp_a8F3kLm9Qz2Xw7Rt5Yv1Bn4Cd6Ef0Gh2Ij3K ',
];
const textArb = fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 8 }).map((f) => f.join(''));

function collect(results: StreamResult[]): { text: string; findings: StreamResult['findings'] } {
  return { text: results.map((r) => r.text).join(''), findings: results.flatMap((r) => r.findings) };
}

describe('stream snapshots', () => {
  const options = { mode: 'numbered' as const, byEntity: { CREDIT_CARD: { mode: 'hash' as const }, IBAN: false as const } };
  const here: Scanner = createScanner();
  // Its own WASM instance, random key and lazily built automata (a cache size of its own gets
  // its own): what a different isolate would have.
  const elsewhere: Scanner = createScanner({ maxCachedStates: 4096 });

  it('resumes in another scanner with exactly the uninterrupted output, at every cut', () => {
    fc.assert(
      fc.property(textArb, fc.array(fc.nat(), { maxLength: 25 }), fc.nat(), (text, points, at) => {
        const parts = cut(text, points.map((p) => p % (text.length + 1)));
        const whole = here.stream(options);
        const expected = collect([...parts.map((p) => whole.push(p)), whole.end()]);

        const k = at % (parts.length + 1);
        const first = here.stream(options);
        const before = parts.slice(0, k).map((p) => first.push(p));
        const bytes = encodeStreamSnapshot(first.snapshot());
        const resumed = elsewhere.resumeStream(decodeStreamSnapshot(bytes), options);
        const after = [...parts.slice(k).map((p) => resumed.push(p)), resumed.end()];
        expect(collect([...before, ...after])).toEqual(expected);
      }),
      { numRuns: Number(process.env.RESUME_RUNS ?? 150) },
    );
  });

  it('carries numbering without carrying the values', () => {
    const s = here.stream({ mode: 'numbered' });
    const released = s.push('a alice.smith@example.com b bob@example.org c. More plain words follow here.\n').text;
    expect(released).toContain('[EMAIL_2]'); // both values released, so not held back in the snapshot
    const snap = s.snapshot();
    const bytes = new TextDecoder().decode(encodeStreamSnapshot(snap));
    expect(bytes).not.toContain('alice.smith');
    expect(bytes).not.toContain('bob@example');
    const resumed = elsewhere.resumeStream(snap, { mode: 'numbered' });
    const out = resumed.push('again bob@example.org, new carol@example.net ').text + resumed.end().text;
    expect(out).toContain('again [EMAIL_2], new [EMAIL_3]');
  });

  it('holds raw text only of the held-back bytes', () => {
    const s = here.stream();
    const released = s.push('plain words here and then bob@exa').text;
    expect(released).not.toContain('bob');
    const snap = s.snapshot();
    expect(snap.held.length).toBeLessThanOrEqual('and then bob@exa'.length);
    expect(new TextDecoder().decode(snap.engine.context.window)).not.toContain('plain words');
  });

  it('refuses a snapshot of another pattern set or a corrupted one', () => {
    const snap = here.stream().snapshot();
    const other = createScanner({ entities: ['EMAIL'] });
    expect(() => other.resumeStream(snap)).toThrow(/another pattern set/);
    const bytes = encodeStreamSnapshot(snap);
    expect(() => decodeStreamSnapshot(bytes.slice(0, bytes.length - 3))).toThrow(/malformed/);
    expect(() => decodeStreamSnapshot(new Uint8Array([...bytes, 0]))).toThrow(/malformed/);
  });

  it('keeps lone surrogates of a chunk that ends inside a pair', () => {
    const text = 'hi 😀 mail bob@example.com';
    const k = text.indexOf('😀') + 1;
    const s = here.stream();
    const first = s.push(text.slice(0, k));
    const resumed = elsewhere.resumeStream(decodeStreamSnapshot(encodeStreamSnapshot(s.snapshot())));
    const out = first.text + resumed.push(text.slice(k)).text + resumed.end().text;
    expect(out).toBe(here.redact(text).text);
  });
});

describe('stopping a stream', () => {
  const scanner = createScanner();

  it('releases nothing from the start of a stopping value on, under any chunking', () => {
    const text = 'hello ann@example.com, the key is AKIAZ7Q3X4WMNB2PLHTE and more text after';
    const keyAt = text.indexOf('AKIA');
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), (points) => {
        const s = scanner.stream({ stopOn: ['AWS_ACCESS_KEY'] });
        let out = '';
        let last: StreamResult | undefined;
        for (const p of cut(text, points.map((x) => x % (text.length + 1)))) {
          last = s.push(p);
          out += last.text;
          if (last.stopped) break;
        }
        if (!last?.stopped) {
          last = s.end();
          out += last.text;
        }
        expect(last.stopped).toBe('finding');
        expect(last.findings.at(-1)).toMatchObject({ entity: 'AWS_ACCESS_KEY', start: keyAt });
        expect(out).toBe(scanner.redact(text.slice(0, keyAt)).text);
        expect(s.done).toBe(true);
        expect(() => s.push('x')).toThrow(/ended/);
      }),
      { numRuns: 100 },
    );
  });

  it('stops at the cap instead of flushing when asked to', () => {
    const s = createScanner({ entities: [], patterns: [{ name: 'LONG', pattern: 'x[a-z ]*y' }] }).stream({ holdbackLimit: 64, atLimit: 'stop' });
    const first = s.push('before x' + 'a'.repeat(100));
    expect(first).toMatchObject({ cut: true, stopped: 'limit' });
    expect(first.text).not.toContain('a');
    expect(s.done).toBe(true);
  });
});
