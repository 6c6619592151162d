// The proxy read by the Vercel AI SDK, a corpus of real PII and secrets streamed under many
// chunkings, and pseudonymisation across turns and concurrent requests.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import gitleaksRaw from '../fixtures/gitleaks_secrets.jsonl?raw';
import presidioRaw from '../fixtures/presidio_pii.jsonl?raw';
import { ADMIN_KEY, call } from './api.js';
import { modelRecord, openai, proxyGuardrail, tag, workerFetch } from './proxy-helpers.js';

function provider(guardrail: string, headers: Record<string, string> = {}) {
  return createOpenAICompatible({ name: 'cordon', baseURL: 'http://cordon.test/v1', apiKey: ADMIN_KEY, fetch: workerFetch, headers: { 'x-cordon-guardrail': guardrail, ...headers } });
}

/** A few rows of the shared fixtures: PII from Presidio's tests, secrets from gitleaks'. */
function corpus(): string[] {
  const pii = presidioRaw
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((r) => ['EMAIL', 'PHONE', 'CREDIT_CARD', 'IP_ADDRESS', 'IBAN'].includes(r.entity_under_test) && r.expect_count > 0 && r.text.length > 20 && r.text.length < 300);
  const byEntity = new Map<string, string[]>();
  for (const r of pii) byEntity.set(r.entity_under_test, [...(byEntity.get(r.entity_under_test) ?? []), r.text]);
  const secrets = gitleaksRaw
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((r) => r.label === 'tp' && ['github-pat', 'aws-access-token', 'slack-bot-token', 'stripe-access-token'].includes(r.rule) && r.text.length < 300)
    .map((r) => r.text);
  return [...[...byEntity.values()].flatMap((texts) => texts.slice(0, 3)), ...secrets.slice(0, 4)];
}

describe('chat proxy with the Vercel AI SDK', () => {
  it('streams the redacted answer through streamText and generateText', async () => {
    const id = await proxyGuardrail({ filters: [{ type: 'pii', action: 'redact', direction: 'output', entities: ['EMAIL'] }] });
    const model = provider(id).chatModel('mock-1');
    const result = streamText({ model, prompt: 'ECHO: reach me at dana.lee@example.com please', providerOptions: { cordon: { seed: 9 } } });
    let text = '';
    for await (const part of result.textStream) text += part;
    expect(text).toBe('reach me at [EMAIL] please');
    expect(await result.finishReason).toBe('stop');
    const whole = await generateText({ model, prompt: 'ECHO: or dana.lee@example.com' });
    expect(whole.text).toBe('or [EMAIL]');
  });

  it('surfaces a blocked answer as finish reason content-filter and a blocked prompt as an API error', async () => {
    const id = await proxyGuardrail({ filters: [{ type: 'secrets', action: 'block', entities: ['AWS_ACCESS_KEY'] }] });
    const model = provider(id).chatModel('mock-1');
    const answer = streamText({ model, prompt: 'ECHO: ok AKIAZ7Q3X4WMNB2PLHTE', maxRetries: 0 });
    let text = '';
    for await (const part of answer.textStream) text += part;
    // The prompt carries the key too, so the prompt is what is blocked here.
    const err = await generateText({ model, prompt: 'use AKIAZ7Q3X4WMNB2PLHTE', maxRetries: 0 }).catch((e) => e);
    expect(err.statusCode).toBe(400);
    expect(String(err.responseBody)).toContain('content_filter');
    const outputOnly = await proxyGuardrail({ filters: [{ type: 'secrets', action: 'block', direction: 'output', entities: ['AWS_ACCESS_KEY'] }] });
    const blocked = streamText({ model: provider(outputOnly).chatModel('mock-1'), prompt: 'ECHO: ok AKIAZ7Q3X4WMNB2PLHTE then more', maxRetries: 0 });
    let shown = '';
    for await (const part of blocked.textStream) shown += part;
    expect(shown).toBe('ok ');
    expect(await blocked.finishReason).toBe('content-filter');
    expect(text).toBe('');
  });
});

describe('a corpus of PII and secrets under random chunkings', () => {
  it('never shows a raw value and always equals the batch redaction', async () => {
    const id = await proxyGuardrail({
      filters: [
        { type: 'pii', action: 'redact', direction: 'output', redaction: { mode: 'numbered' } },
        { type: 'secrets', action: 'redact', direction: 'output' },
      ],
    });
    const client = openai(id);
    const texts = corpus();
    expect(texts.length).toBeGreaterThanOrEqual(12);
    let checked = 0;
    for (const text of texts) {
      const batch = await call('POST', `/v1/guardrails/${id}/evaluate`, { body: { text, direction: 'output', reveal: true } });
      const expected = batch.body.redactedText ?? text;
      const values: string[] = batch.body.findings.map((f: { value: string }) => f.value);
      for (const seed of [11, 12, 13, 14, 15, 16]) {
        const stream = await client.chat.completions.create({ model: 'mock-1', stream: true, seed, messages: [{ role: 'user', content: `ECHO: ${text}` }] });
        let shown = '';
        for await (const c of stream) {
          shown += c.choices[0]?.delta?.content ?? '';
          for (const v of values) expect(shown.includes(v)).toBe(false);
        }
        expect(shown).toBe(expected);
        checked++;
      }
    }
    expect(checked).toBe(texts.length * 6);
  });
});

describe('pseudonymisation', () => {
  const filters = [{ type: 'pii', action: 'redact', entities: ['EMAIL', 'PHONE'] }];

  it('shows the model numbered placeholders and the user the values, within one request', async () => {
    const id = await proxyGuardrail({ filters, pseudonymize: {} });
    const user = tag('pseudo');
    const out = await openai(id).chat.completions.create({ model: 'mock-1', user, messages: [{ role: 'user', content: 'REPEAT: write ann@example.com, cc bob@example.org, again ann@example.com' }] });
    const seen = (await modelRecord(user)).requests[0].messages[0].content;
    expect(seen).toBe('REPEAT: write [EMAIL_1], cc [EMAIL_2], again [EMAIL_1]');
    expect(out.choices[0].message.content).toBe('write ann@example.com, cc bob@example.org, again ann@example.com');
  });

  it('keeps numbers across turns and concurrent requests of one conversation, and restores mid-stream', async () => {
    const id = await proxyGuardrail({ filters, pseudonymize: { ttlSeconds: 600 } });
    const conversation = tag('conv');
    const client = openai(id, { 'x-cordon-conversation': conversation });
    const users = Array.from({ length: 6 }, (_, i) => tag(`conc${i}`));
    await Promise.all(
      users.map((user, i) =>
        client.chat.completions.create({ model: 'mock-1', user, messages: [{ role: 'user', content: `REPEAT: shared@example.com and own${i}@example.com` }] }),
      ),
    );
    const numberOf = new Map<string, string>();
    for (const [i, user] of users.entries()) {
      const seen = (await modelRecord(user)).requests[0].messages[0].content;
      const m = /^REPEAT: (\[EMAIL_\d+\]) and (\[EMAIL_\d+\])$/.exec(seen)!;
      expect(m).not.toBeNull();
      numberOf.set('shared', numberOf.get('shared') ?? m[1]);
      expect(m[1]).toBe(numberOf.get('shared'));
      numberOf.set(`own${i}`, m[2]);
    }
    expect(new Set(numberOf.values()).size).toBe(7); // every value its own number, none shared by two
    const later = tag('later');
    const stream = await client.chat.completions.create({ model: 'mock-1', user: later, stream: true, seed: 2, messages: [{ role: 'user', content: 'REPEAT: again own3@example.com and shared@example.com' }] });
    let shown = '';
    for await (const c of stream) shown += c.choices[0]?.delta?.content ?? '';
    expect((await modelRecord(later)).requests[0].messages[0].content).toBe(`REPEAT: again ${numberOf.get('own3')} and ${numberOf.get('shared')}`);
    expect(shown).toBe('again own3@example.com and shared@example.com');
  });
});
