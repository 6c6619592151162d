// cordon/client against the real Worker: evaluate, the inspection stream with a connection that
// drops mid-stream (resumed by the client), retries on 429, and the openai SDK helper.
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { CordonClient, type InspectionEvent } from '../../src/client/index.js';
import { ADMIN_KEY, call } from './api.js';
import { proxyGuardrail, workerFetch } from './proxy-helpers.js';

async function guardrail(): Promise<string> {
  const res = await call('POST', '/v1/guardrails', {
    body: { name: 'client guard', filters: [{ type: 'pii', action: 'redact', entities: ['EMAIL', 'CREDIT_CARD'], redaction: { mode: 'numbered' } }] },
  });
  return res.body.id;
}

/** A fetch whose first stream response breaks after `bytes` bytes, like a dropped connection. */
function droppingFetch(bytes: number): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  const f: typeof fetch = async (input, init) => {
    calls.push(String(input));
    const res = await workerFetch(input, init);
    if (calls.length > 1 || !res.body) return res;
    let seen = 0;
    const cut = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (seen + chunk.length >= bytes) {
          controller.enqueue(chunk.slice(0, bytes - seen));
          controller.error(new TypeError('network connection lost'));
          return;
        }
        seen += chunk.length;
        controller.enqueue(chunk);
      },
    });
    return new Response(res.body.pipeThrough(cut), { status: res.status, headers: res.headers });
  };
  return { fetch: f, calls };
}

const tokens = ['Pay with ', '4111 11', '11 1111 1111', ', mail ', 'eve@exa', 'mple.com', ' or eve@example.com', ' soon.'];
const collect = async (it: AsyncIterable<InspectionEvent>) => {
  const out: InspectionEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
};

describe('cordon/client', () => {
  it('evaluates', async () => {
    const id = await guardrail();
    const client = new CordonClient({ baseUrl: 'http://cordon.test', apiKey: ADMIN_KEY, fetch: workerFetch });
    const r = await client.evaluate(id, { text: 'mail eve@example.com' });
    expect(r).toMatchObject({ verdict: 'REDACT', redactedText: 'mail [EMAIL_1]' });
  });

  it('resumes an inspection stream that dropped, with the same events as an unbroken one', async () => {
    const id = await guardrail();
    const whole = await collect(new CordonClient({ baseUrl: 'http://cordon.test', apiKey: ADMIN_KEY, fetch: workerFetch }).inspect(id, tokens));
    expect(whole.filter((e) => e.type === 'token').map((e) => (e as { text: string }).text).join('')).toBe('Pay with [CREDIT_CARD_1], mail [EMAIL_1] or [EMAIL_1] soon.');
    for (const bytes of [1500, 4000, 7000]) {
      const dropping = droppingFetch(bytes);
      const client = new CordonClient({ baseUrl: 'http://cordon.test', apiKey: ADMIN_KEY, fetch: dropping.fetch, retry: { baseDelayMs: 1 } });
      const events = await collect(client.inspect(id, (async function* () { yield* tokens; })()));
      expect(dropping.calls.length).toBe(2);
      expect(dropping.calls[1]).toContain('resume=');
      expect(events).toEqual(whole);
    }
    // Dropped before any token was answered: there is nothing to resume, so it starts over.
    const early = droppingFetch(10);
    const again = await collect(new CordonClient({ baseUrl: 'http://cordon.test', apiKey: ADMIN_KEY, fetch: early.fetch, retry: { baseDelayMs: 1 } }).inspect(id, tokens));
    expect(early.calls[1]).not.toContain('resume=');
    expect(again).toEqual(whole);
  });

  it('retries 429 answers after Retry-After', async () => {
    const id = await guardrail();
    let calls = 0;
    const limited: typeof fetch = async (input, init) => {
      calls++;
      if (calls === 1) return Response.json({ error: { code: 'rate_limited', message: 'slow down' } }, { status: 429, headers: { 'retry-after': '0' } });
      return workerFetch(input, init);
    };
    const client = new CordonClient({ baseUrl: 'http://cordon.test', apiKey: ADMIN_KEY, fetch: limited });
    expect((await client.evaluate(id, { text: 'hi' })).verdict).toBe('ALLOW');
    expect(calls).toBe(2);
    const events = await collect(client.inspect(id, ['hello']));
    expect(events.at(-1)).toMatchObject({ type: 'verdict', verdict: 'ALLOW' });
    const failing = new CordonClient({ baseUrl: 'http://cordon.test', apiKey: 'wrong', fetch: workerFetch });
    await expect(failing.evaluate(id, { text: 'x' })).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('points the openai SDK at the proxy', async () => {
    const id = await proxyGuardrail({ filters: [{ type: 'pii', action: 'redact', direction: 'output', entities: ['EMAIL'] }] });
    const cordon = new CordonClient({ baseUrl: 'http://cordon.test', apiKey: ADMIN_KEY, fetch: workerFetch });
    const openai = new OpenAI({ ...cordon.openAIOptions({ guardrail: id }), maxRetries: 0 });
    const out = await openai.chat.completions.create({ model: 'mock-1', messages: [{ role: 'user', content: 'ECHO: hi eve@example.com' }] });
    expect(out.choices[0].message.content).toBe('hi [EMAIL]');
  });
});
