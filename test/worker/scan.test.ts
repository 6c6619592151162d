import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY } from './api.js';

const post = (body: unknown, headers: Record<string, string> = {}) =>
  SELF.fetch('http://cordon.test/v1/scan', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('GET /v1/entities', () => {
  it('lists the catalog with descriptions, examples and checksum flags', async () => {
    const res = await SELF.fetch('http://cordon.test/v1/entities', { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { entities: Array<Record<string, unknown>>; groups: Record<string, string[]> };
    const names = body.entities.map((e) => e.name);
    for (const n of ['EMAIL', 'PHONE', 'CREDIT_CARD', 'US_SSN', 'IBAN', 'AWS_ACCESS_KEY', 'JWT', 'PRIVATE_KEY']) {
      expect(names).toContain(n);
    }
    const card = body.entities.find((e) => e.name === 'CREDIT_CARD')!;
    expect(card.checksum).toBe(true);
    expect(typeof card.description).toBe('string');
    expect(typeof card.example).toBe('string');
    expect(body.groups.pci).toContain('CREDIT_CARD');
  });
});

describe('POST /v1/scan', () => {
  it('finds entities with UTF-16 offsets and redacts on request', async () => {
    const text = '😀 mail bob@example.com, card 4111 1111 1111 1111';
    const res = await post({ text, redact: true });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { findings: Array<{ entity: string; start: number; end: number }>; redacted: string };
    expect(body.findings.map((f) => [f.entity, text.slice(f.start, f.end)])).toEqual([
      ['EMAIL', 'bob@example.com'],
      ['CREDIT_CARD', '4111 1111 1111 1111'],
    ]);
    expect(body.redacted).toBe('😀 mail [EMAIL], card [CREDIT_CARD]');
  });

  it('takes entity groups, custom patterns, words and redaction options', async () => {
    const res = await post({
      text: 'ticket PROJ-1234 from bob@example.com says darn',
      entities: ['pii'],
      patterns: [{ name: 'TICKET', pattern: '\\bPROJ-\\d{4}\\b' }],
      words: ['darn'],
      redact: { mode: 'numbered' },
    });
    const body = (await res.json()) as { redacted: string };
    expect(body.redacted).toBe('ticket [TICKET_1] from [EMAIL_1] says [WORD_1]');
  });

  it.each([
    [{}, 'text'],
    [{ text: 42 }, 'text'],
    [{ text: 'x', entities: ['EMAIL', 'NOPE'] }, 'entities[1]'],
    [{ text: 'x', patterns: [{ name: 'BAD', pattern: '(a)\\1' }] }, 'patterns[0].pattern'],
    [{ text: 'x', patterns: [{ name: 'lower', pattern: 'a' }] }, 'patterns[0].name'],
    [{ text: 'x', redact: { mode: 'shout' } }, 'redact.mode'],
    [{ text: 'x', extra: 1 }, ''],
  ])('rejects %j with 400 naming %s', async (body, path) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const err = (await res.json()) as { error: { code: string; message: string; details: { path: string } } };
    expect(err.error.code).toBe('invalid_request');
    expect(err.error.details.path).toBe(path);
  });

  it('reports the construct and position of a bad pattern', async () => {
    const res = await post({ text: 'x', patterns: [{ name: 'LOOK', pattern: 'foo(?=bar)' }] });
    const err = (await res.json()) as { error: { message: string; details: { reason: string; position: number } } };
    expect(err.error.details).toMatchObject({ reason: 'lookahead is not supported', position: 3 });
  });

  it('bounds what a request may make the Worker compile', async () => {
    // Each pattern needs a few hundred states to know the last letters it saw; fifty together
    // exceed the per-request budget, and the error names the pattern that tipped it.
    const patterns = Array.from({ length: 50 }, (_, i) => ({ name: `P${i}`, pattern: `q${i}[ab]*a[ab]{7}` }));
    const res = await post({ text: 'x', patterns });
    expect(res.status).toBe(400);
    const err = (await res.json()) as { error: { message: string; details: { path: string; reason: string } } };
    expect(err.error.details.reason).toMatch(/^pattern set too complex/);
    expect(err.error.details.path).toMatch(/^patterns\[\d+\]\.pattern$/);
  });

  it('rejects malformed JSON, wrong content type and oversized text', async () => {
    expect((await post('{"text": ')).status).toBe(400);
    expect((await post({ text: 'x' }, { 'content-type': 'text/plain' })).status).toBe(415);
    const big = await post({ text: 'a'.repeat(256 * 1024 + 1) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('never echoes the submitted text in errors', async () => {
    const secret = 'AKIAZ7Q3X4WMNB2PLHTE';
    const res = await post({ text: secret, entities: [secret] });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('Z7Q3X4WMNB2PLHTE');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await SELF.fetch('http://cordon.test/v1/nope', { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
