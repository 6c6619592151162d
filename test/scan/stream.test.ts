import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScanner } from '../../src/scan/node.js';
import { cut } from './helpers.js';

const fragments = [
  'Contact alice.smith@example.com today. ',
  'card 4111 1111 1111 1111 exp 12/29 ',
  'SSN: 536-22-8746\n',
  '电话 +44 20 7946 0958 请回电 ',
  'ip 192.168.10.24, ',
  'key AKIAZ7Q3X4WMNB2PLHTE here ',
  '{"iban": "GB82 WEST 1234 5698 7654 32"} ',
  '😀😀 ',
  'order #1700000000 shipped ',
  'plain words and more plain words ',
  'token=ghp_a8F3kLm9Qz2Xw7Rt5Yv1Bn4Cd6Ef0Gh2Ij3K ',
  '```js\nconst x = 1;\n```\n',
];

const textArb = fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 8 }).map((f) => f.join(''));

function streamed(scanner: ReturnType<typeof createScanner>, parts: string[], mode: 'placeholder' | 'numbered' | 'mask') {
  const s = scanner.stream({ mode, keepLast: 2 });
  let text = '';
  const findings = [];
  for (const p of parts) {
    const r = s.push(p);
    text += r.text;
    findings.push(...r.findings);
  }
  const r = s.end();
  return { text: text + r.text, findings: [...findings, ...r.findings] };
}

describe('stream inspector', () => {
  const scanner = createScanner();

  it('equals the batch redaction for every random chunking', () => {
    fc.assert(
      fc.property(
        textArb,
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.constantFrom('placeholder' as const, 'numbered' as const, 'mask' as const),
        (text, points, mode) => {
          const parts = cut(text, points.map((p) => p % (text.length + 1)));
          const batch = scanner.redact(text, { mode, keepLast: 2 });
          const got = streamed(scanner, parts, mode);
          expect(got.text).toBe(batch.text);
          expect(got.findings).toEqual(batch.findings);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps interleaved streams and batch calls of one scanner apart', () => {
    const texts = [fragments.slice(0, 6).join(''), fragments.slice(6).join(''), fragments.join('')];
    const streams = texts.map(() => scanner.stream());
    const outs = texts.map(() => '');
    const longest = Math.max(...texts.map((t) => t.length));
    for (let i = 0; i < longest; i += 3) {
      streams.forEach((s, k) => {
        if (i < texts[k].length) outs[k] += s.push(texts[k].slice(i, i + 3)).text;
      });
      if (i % 30 === 0) expect(scanner.redact('mail x@example.com').text).toBe('mail [EMAIL]');
    }
    streams.forEach((s, k) => (outs[k] += s.end().text));
    outs.forEach((out, k) => expect(out).toBe(scanner.redact(texts[k]).text));
  });

  it('never releases a raw value, even one character per chunk', () => {
    const text = fragments.join('');
    const batch = scanner.scan(text);
    const s = scanner.stream();
    let out = '';
    for (const ch of text) {
      out += s.push(ch).text;
      for (const f of batch) {
        // whatever was released so far must not contain any detected value in the clear
        expect(out.includes(text.slice(f.start, f.end))).toBe(false);
      }
    }
    out += s.end().text;
    expect(out).toBe(scanner.redact(text).text);
  });

  it('holds back only a few characters before a possible match, and the match itself', () => {
    const s = scanner.stream();
    const first = s.push('Hello there, my address is ');
    // Sound but not exact: the automaton bounds how far back a match in progress may reach by the
    // longest prefix its states allow, so a word or so can wait.
    expect('Hello there, my address is '.startsWith(first.text)).toBe(true);
    expect(first.text.length).toBeGreaterThanOrEqual('Hello there, my address is '.length - 8);
    const partial = s.push('bob@exa');
    expect(partial.text).not.toContain('bob');
    const rest = s.push('mple.com and more');
    const end = s.end();
    expect(first.text + partial.text + rest.text + end.text).toBe('Hello there, my address is [EMAIL] and more');
    expect(rest.findings.map((f) => f.entity)).toEqual(['EMAIL']);
  });

  it('cuts and flushes at the holdback cap instead of growing without bound', () => {
    const s = createScanner({ entities: [], patterns: [{ name: 'LONG', pattern: 'x[a-z ]*y' }] }).stream({ holdbackLimit: 64 });
    const first = s.push('x' + 'a'.repeat(100));
    expect(first.cut).toBe(true);
    expect(first.text).toBe('x' + 'a'.repeat(100));
    expect(s.push('y').text).toBe('y');
  });

  it('keeps offsets right when a chunk ends between the two halves of an emoji', () => {
    const text = 'hi 😀 mail bob@example.com';
    const cutAt = text.indexOf('😀') + 1; // inside the surrogate pair
    const s = scanner.stream();
    const first = s.push(text.slice(0, cutAt));
    const second = s.push(text.slice(cutAt));
    const last = s.end();
    expect(first.text + second.text + last.text).toBe(scanner.redact(text).text);
    const [email] = [...first.findings, ...second.findings, ...last.findings];
    expect(text.slice(email.start, email.end)).toBe('bob@example.com');
  });

  it('rejects pushes after end and bad chunks', () => {
    const s = scanner.stream();
    s.end();
    expect(() => s.push('x')).toThrow(/ended/);
    expect(() => scanner.stream().push(42 as unknown as string)).toThrow(/string/);
  });
});
