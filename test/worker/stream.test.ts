// The inspection stream through the real Worker: tokens in as NDJSON or text, events out, block
// and cap behaviour, malformed input, and resume after a dropped connection.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { eventually } from './observe-helpers.js';
import { ADMIN_KEY, call, createKey } from './api.js';
import { type ParsedEvent, readEvents } from './sse.js';

const config = (overrides: Record<string, unknown> = {}) => ({
  name: 'stream guard',
  filters: [
    { type: 'pii', action: 'redact', entities: ['EMAIL', 'CREDIT_CARD', 'PHONE'], redaction: { mode: 'numbered' } },
    { type: 'secrets', action: 'block', entities: ['AWS_ACCESS_KEY'] },
  ],
  ...overrides,
});

async function createGuardrail(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await call('POST', '/v1/guardrails', { body: config(overrides) });
  expect(res.status).toBe(201);
  return res.body.id;
}

const ndjson = (tokens: string[]) => tokens.map((t) => JSON.stringify({ token: t })).join('\n') + '\n';

function post(id: string, body: string | ReadableStream, opts: { query?: string; type?: string; key?: string } = {}) {
  return SELF.fetch(`http://cordon.test/v1/guardrails/${id}/stream${opts.query ?? ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${opts.key ?? ADMIN_KEY}`, 'content-type': opts.type ?? 'application/x-ndjson' },
    body,
  });
}

async function stream(id: string, tokens: string[], query = ''): Promise<ParsedEvent[]> {
  const res = await post(id, ndjson(tokens), { query });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  return readEvents(res.body!);
}

const shown = (events: ParsedEvent[]) => events.filter((e) => e.event === 'token').map((e) => e.data.text).join('');
/** Events without their resume tokens (sealed with a fresh nonce each time). */
const comparable = (events: ParsedEvent[]) => events.map((e) => ({ ...e, data: e.data && typeof e.data === 'object' ? { ...e.data, resume: e.data.resume ? 'token' : undefined } : e.data }));

/** Cuts text into pieces of 1..3 characters, the way the mock model streams. */
function pieces(text: string, seed: number): string[] {
  const out: string[] = [];
  let s = seed;
  for (let i = 0; i < text.length; ) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const n = 1 + (s % 3);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

describe('inspection stream', () => {
  it('answers every token with an event carrying an id and a resume token, redacting values split across tokens', async () => {
    const id = await createGuardrail();
    const tokens = ['Write to ', 'ann@exa', 'mple.com', ' or ', 'ann@example.com', ' today.'];
    const events = await stream(id, tokens);
    const tokenEvents = events.filter((e) => e.event === 'token' && !e.data.final);
    expect(tokenEvents.map((e) => e.data.index)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const e of tokenEvents) {
      expect(e.id).toBe(String(e.data.index));
      expect(typeof e.data.resume).toBe('string');
    }
    expect(shown(events)).toBe('Write to [EMAIL_1] or [EMAIL_1] today.');
    expect(JSON.stringify(events)).not.toContain('ann@');
    const verdict = events.at(-1)!;
    expect(verdict).toMatchObject({ id: 'verdict', event: 'verdict', data: { verdict: 'REDACT', counts: { EMAIL: 2 } } });
    expect(verdict.data.findings.map((f: { start: number; end: number }) => [f.start, f.end])).toEqual([[9, 24], [28, 43]]);
    const first = tokenEvents.find((e) => e.data.findings.length > 0)!;
    expect(first.data.index).toBeGreaterThanOrEqual(2); // not before the value was complete
    expect(first.data).toMatchObject({ action: 'redact', findings: [{ entity: 'EMAIL', filter: 'pii-1', start: 9, end: 24 }] });
    // `held` counts what was received and not shown: while `ann@exa` may still grow, all of it.
    expect(tokenEvents[1].data.held).toBeGreaterThanOrEqual('ann@exa'.length);
    const received = tokens.reduce<number[]>((acc, t) => [...acc, (acc.at(-1) ?? 0) + t.length], []);
    for (const e of tokenEvents) expect(e.data.held).toBeLessThanOrEqual(received[e.data.index]);
    // The stream's verdict is counted and audited (with the input's hash, never the text).
    const metrics = await eventually(() => call('GET', `/v1/guardrails/${id}/metrics?interval=PT1M`), (r) => r.body.totals?.requests >= 1);
    expect(metrics.body.totals).toMatchObject({ requests: 1, verdicts: { REDACT: 1 } });
    const audit = await eventually(() => call('GET', `/v1/audit?target=guardrail:${id}`), (r) => r.body.entries?.some((e: { action: string }) => e.action === 'evaluation.redacted'));
    expect(JSON.stringify(audit.body)).not.toContain('ann@');
  });

  it('equals the batch redaction under many chunkings', async () => {
    const id = await createGuardrail();
    const text = 'Card 4111 1111 1111 1111, mail bob@example.org, call +1 415 555 2671 now. Then mail bob@example.org again.';
    const batch = await call('POST', `/v1/guardrails/${id}/evaluate`, { body: { text, direction: 'output' } });
    for (const seed of [1, 2, 3, 4, 5]) {
      const events = await stream(id, pieces(text, seed));
      expect(shown(events)).toBe(batch.body.redactedText);
      for (const raw of ['4111', 'bob@', '555 2671']) expect(JSON.stringify(events)).not.toContain(raw);
    }
  });

  it('ends at once on a blocking value and releases nothing from it on', async () => {
    const id = await createGuardrail();
    const events = await stream(id, ['the key ', 'AKIAZ7Q3', 'X4WMNB2PLHTE', ' and more ', 'text that never shows']);
    expect(shown(events)).toBe('the key ');
    const verdict = events.at(-1)!;
    expect(verdict.data).toMatchObject({ verdict: 'BLOCK', counts: { AWS_ACCESS_KEY: 1 } });
    const blocking = events.find((e) => e.data.action === 'block')!;
    expect(blocking.data.resume).toBeUndefined();
    expect(events.filter((e) => e.event === 'token').length).toBeLessThanOrEqual(4);
    expect(JSON.stringify(events)).not.toContain('never shows');
  });

  it('reads text/plain bodies chunk by chunk as they arrive', async () => {
    const id = await createGuardrail();
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const res = await post(id, readable, { type: 'text/plain; charset=utf-8' });
    const writer = writable.getWriter();
    const encoder = new TextEncoder();
    const reading = readEvents(res.body!);
    for (const t of ['mail carol@', 'example.net ', 'done']) await writer.write(encoder.encode(t));
    await writer.close();
    const events = await reading;
    expect(shown(events)).toBe('mail [EMAIL_1] done');
  });

  it('turns malformed lines into an error event naming the line', async () => {
    const id = await createGuardrail();
    const res = await post(id, '{"token":"fine "}\n{"token": 42}\n{"token":"never"}\n');
    const events = await readEvents(res.body!);
    expect(events.at(-1)).toMatchObject({ event: 'error', data: { code: 'malformed_chunk', message: 'line 2: expected an object with a string "token"' } });
    const bad = await readEvents((await post(id, 'not json at all\n')).body!);
    expect(bad.at(-1)).toMatchObject({ event: 'error', data: { code: 'malformed_chunk' } });
  });

  it('blocks at the holdback cap when failing closed, and flushes with a warning when failing open', async () => {
    const pattern = { type: 'pattern', action: 'redact', name: 'LONG_TAG', pattern: '<<[a-z ]*>>' };
    const long = ['intro <<', 'a'.repeat(9000), 'b'.repeat(9000), ' tail>>'];
    const closed = await createGuardrail({ filters: [pattern], failMode: 'closed' });
    const c = await stream(closed, long);
    expect(c.at(-1)!.data).toMatchObject({ verdict: 'BLOCK', counts: { HOLDBACK_LIMIT_REACHED: 1 } });
    expect(shown(c)).not.toContain('aaaa');
    const open = await createGuardrail({ filters: [pattern], failMode: 'open' });
    const o = await stream(open, long);
    expect(o.at(-1)!.data).toMatchObject({ verdict: 'WARN', counts: { HOLDBACK_LIMIT_REACHED: 1 } });
    expect(shown(o)).toContain('aaaa');
  });

  it('resumes after a dropped connection with exactly the output of an uninterrupted stream', async () => {
    const id = await createGuardrail();
    const text = 'Hi, I am ann@example.com, card 4111 1111 1111 1111; again ann@example.com and dan@example.org. Bye.';
    const tokens = pieces(text, 7);
    const whole = await stream(id, tokens);
    for (const dropAfter of [1, 5, 12, tokens.length - 2]) {
      const res = await post(id, ndjson(tokens));
      const before = await readEvents(res.body!, dropAfter); // the connection drops here
      const last = before.at(-1)!;
      const rest = await stream(id, tokens.slice(last.data.index + 1), `?resume=${last.data.resume}`);
      expect(comparable([...before, ...rest])).toEqual(comparable(whole));
    }
  });

  it('refuses forged, foreign and mismatched resume tokens', async () => {
    const id = await createGuardrail();
    const events = await stream(id, ['hello ', 'there']);
    const token: string = events[0].data.resume;
    const flipped = token.slice(0, 40) + (token[40] === 'A' ? 'B' : 'A') + token.slice(41);
    const forged = await post(id, ndjson(['x']), { query: `?resume=${flipped}` });
    expect(forged.status).toBe(400);
    expect((await forged.json<any>()).error.code).toBe('invalid_resume_token');
    const other = await createGuardrail();
    expect((await post(other, ndjson(['x']), { query: `?resume=${token}` })).status).toBe(400);
    const tenantKey = await createKey('stream-other-tenant', ['evaluate']);
    expect((await post(id, ndjson(['x']), { query: `?resume=${token}`, key: tenantKey })).status).toBe(404);
    expect((await post(id, ndjson(['x']), { query: `?resume=${token}&direction=input` })).status).toBe(400);
  });

  it('needs the evaluate scope and a streamable content type', async () => {
    const id = await createGuardrail();
    const reader = await createKey('default', ['guardrails:read']);
    expect((await post(id, ndjson(['x']), { key: reader })).status).toBe(403);
    expect((await post(id, 'x', { type: 'application/xml' })).status).toBe(415);
  });
});
