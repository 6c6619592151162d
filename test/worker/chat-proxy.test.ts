// The OpenAI-compatible proxy through the real Worker, with the official openai client against a
// mock model on 127.0.0.1 that streams one to three characters per chunk.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { ADMIN_KEY, call, createKey } from './api.js';
import { eventually } from './observe-helpers.js';
import { modelRecord, openai, proxyGuardrail, tag, workerFetch } from './proxy-helpers.js';

const redactEmail = { type: 'pii', action: 'redact', entities: ['EMAIL'] };

async function streamed(client: OpenAI, params: Record<string, unknown>) {
  const stream = await client.chat.completions.create({ model: 'mock-1', stream: true, ...params } as OpenAI.ChatCompletionCreateParamsStreaming);
  let text = '';
  let finish: string | null = null;
  const chunks: any[] = [];
  for await (const c of stream) {
    chunks.push(c);
    text += c.choices[0]?.delta?.content ?? '';
    finish = c.choices[0]?.finish_reason ?? finish;
  }
  return { text, finish, chunks };
}

describe('chat proxy with the openai client', () => {
  it('redacts the prompt before the model sees it, and the answer as it streams', async () => {
    const id = await proxyGuardrail({ filters: [redactEmail] });
    const user = tag('redact');
    const client = openai(id);
    const out = await streamed(client, { user, seed: 3, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'REPEAT: mail ann@example.com' }] });
    const seen = (await modelRecord(user)).requests[0];
    expect(seen.messages[1].content).toBe('REPEAT: mail [EMAIL]');
    expect(seen.authorization).toBe('Bearer sk-test-provider-key');
    expect(out.text).toBe('mail [EMAIL]');
    expect(out.finish).toBe('stop');
    expect(out.chunks.at(-1).cordon).toMatchObject({ guardrails: [{ id }], input: { verdict: 'REDACT' }, verdict: 'ALLOW' });
    // The prompt's evaluation and the answer's verdict are counted and audited like any other.
    const metrics = await eventually(
      () => call('GET', `/v1/guardrails/${id}/metrics?interval=PT1M`),
      (r) => r.body.totals?.requests >= 2,
    );
    expect(metrics.body.totals).toMatchObject({ requests: 2, verdicts: { REDACT: 1, ALLOW: 1 } });
    const audit = await eventually(() => call('GET', `/v1/audit?target=guardrail:${id}`), (r) => r.body.entries?.some((e: { action: string }) => e.action === 'evaluation.redacted'));
    expect(JSON.stringify(audit.body)).not.toContain('ann@example.com');
  });

  it('redacts values the model writes, split across its 1-3 character chunks', async () => {
    const id = await proxyGuardrail({ filters: [{ ...redactEmail, direction: 'output' }] });
    const client = openai(id);
    for (const seed of [1, 2, 3, 4]) {
      const out = await streamed(client, { user: tag('split'), seed, messages: [{ role: 'user', content: 'ECHO: write to bob.smith@example.org or bob.smith@example.org now' }] });
      expect(out.text).toBe('write to [EMAIL] or [EMAIL] now');
    }
    const whole = await client.chat.completions.create({ model: 'mock-1', messages: [{ role: 'user', content: 'ECHO: write to bob.smith@example.org' }] });
    expect(whole.choices[0].message.content).toBe('write to [EMAIL]');
    expect((whole as any).cordon.output[0]).toMatchObject({ verdict: 'REDACT', counts: { EMAIL: 1 } });
    // Each answer's verdict is counted (4 streamed, 1 whole; the prompts had nothing to find) and audited.
    const metrics = await eventually(() => call('GET', `/v1/guardrails/${id}/metrics?interval=PT1M`), (r) => r.body.totals?.verdicts?.REDACT >= 5);
    expect(metrics.body.totals.findings.byEntity).toMatchObject({ EMAIL: 9 });
    const audit = await eventually(() => call('GET', `/v1/audit?target=guardrail:${id}`), (r) => (r.body.entries ?? []).filter((e: { action: string }) => e.action === 'evaluation.redacted').length >= 5);
    expect(JSON.stringify(audit.body)).not.toContain('bob.smith');
  });

  it('refuses a blocked prompt with 400 content_filter naming the filter', async () => {
    const id = await proxyGuardrail({ filters: [{ type: 'secrets', id: 'no-keys', action: 'block', entities: ['AWS_ACCESS_KEY'] }] });
    const user = tag('blocked');
    const err = await openai(id).chat.completions.create({ model: 'mock-1', user, messages: [{ role: 'user', content: 'use AKIAZ7Q3X4WMNB2PLHTE' }] }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.status).toBe(400);
    expect(err.code).toBe('content_filter');
    expect(err.message).toContain('no-keys');
    expect(JSON.stringify(err.error)).not.toContain('AKIAZ7Q3');
    expect((await modelRecord(user)).requests).toHaveLength(0);
  });

  it('answers a blocked prompt with the blocked message when onBlock is "message"', async () => {
    const id = await proxyGuardrail({ onBlock: 'message', blockedMessage: 'I cannot help with that.', filters: [{ type: 'words', action: 'block', name: 'FORBIDDEN', words: ['launch codes'] }] });
    const client = openai(id);
    const whole = await client.chat.completions.create({ model: 'mock-1', messages: [{ role: 'user', content: 'tell me the launch codes' }] });
    expect(whole.choices[0]).toMatchObject({ message: { content: 'I cannot help with that.' }, finish_reason: 'content_filter' });
    const out = await streamed(client, { messages: [{ role: 'user', content: 'tell me the launch codes' }] });
    expect(out).toMatchObject({ text: 'I cannot help with that.', finish: 'content_filter' });
  });

  it('ends a blocked answer with finish_reason content_filter and shows nothing from the violation on', async () => {
    const id = await proxyGuardrail({ filters: [{ type: 'secrets', action: 'block', direction: 'output', entities: ['AWS_ACCESS_KEY'] }] });
    const user = tag('answer-block');
    const out = await streamed(openai(id), { user, seed: 5, messages: [{ role: 'user', content: 'ECHO: here it is: AKIAZ7Q3X4WMNB2PLHTE and the rest of a long answer' }] });
    expect(out.finish).toBe('content_filter');
    expect(out.text).toBe('here it is: ');
    expect(out.chunks.at(-1).cordon).toMatchObject({ verdict: 'BLOCK', counts: { AWS_ACCESS_KEY: 1 } });
    const whole = await openai(id).chat.completions.create({ model: 'mock-1', messages: [{ role: 'user', content: 'ECHO: here it is: AKIAZ7Q3X4WMNB2PLHTE and more' }] });
    expect(whole.choices[0]).toMatchObject({ message: { content: 'here it is: ' }, finish_reason: 'content_filter' });
  });

  it('enforces model constraints', async () => {
    const id = await proxyGuardrail({ modelConstraints: { allowedModels: ['mock-1'], maxTokens: 100 } });
    const err = await openai(id).chat.completions.create({ model: 'other-model', messages: [{ role: 'user', content: 'hi' }] }).catch((e) => e);
    expect(err.status).toBe(400);
    expect(err.code).toBe('content_filter');
    expect(err.message).toContain('modelConstraints');
    const tooMany = await openai(id).chat.completions.create({ model: 'mock-1', max_tokens: 500, messages: [{ role: 'user', content: 'hi' }] }).catch((e) => e);
    expect(tooMany.code).toBe('content_filter');
    const ok = await openai(id).chat.completions.create({ model: 'mock-1', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    expect(ok.choices[0].message.content).toBe('Hello! How can I help?');
  });

  it('finds the guardrail by assignment when no header names it, and refuses when none applies', async () => {
    const project = tag('project');
    const id = await proxyGuardrail({ filters: [redactEmail], assignments: [{ entityType: 'project', entityId: project }] });
    const out = await openai(null, { 'x-cordon-project': project }).chat.completions.create({ model: 'mock-1', messages: [{ role: 'user', content: 'ECHO: x ann@example.com' }] });
    expect(out.choices[0].message.content).toBe('x [EMAIL]');
    expect((out as any).cordon.guardrails).toEqual([{ id, version: 1 }]);
    const none = await openai(null, { 'x-cordon-project': tag('nobody') }).chat.completions.create({ model: 'mock-1', messages: [{ role: 'user', content: 'hi' }] }).catch((e) => e);
    expect(none.status).toBe(400);
    expect(none.code).toBe('guardrail_required');
  });

  it('turns upstream failures and silences into clean errors', async () => {
    const id = await proxyGuardrail();
    const failed = await openai(id).chat.completions.create({ model: 'mock-1', messages: [{ role: 'user', content: 'FAIL' }] }).catch((e) => e);
    expect(failed.status).toBe(502);
    expect(failed.code).toBe('upstream_error');
    const hung = await openai(id).chat.completions.create({ model: 'mock-1', stream: true, messages: [{ role: 'user', content: 'HANG' }] }).catch((e) => e);
    expect(hung.status).toBe(504);
    expect(hung.code).toBe('upstream_timeout');
  });

  it('times out only on silence: an answer that takes longer than the timeout but keeps coming is streamed whole', async () => {
    const id = await proxyGuardrail({ filters: [redactEmail] });
    // One chunk every 30 ms for longer than CORDON_UPSTREAM_TIMEOUT_MS (2 s) in all.
    const text = 'a long slow answer '.repeat(10).trim();
    const started = Date.now();
    const out = await streamed(openai(id), { user: tag('slow'), messages: [{ role: 'user', content: `SLOW: ${text}` }] });
    expect(Date.now() - started).toBeGreaterThan(2000);
    expect(out.text).toBe(text);
    expect(out.finish).toBe('stop');
  });

  it('cancels the upstream request when the client disconnects', async () => {
    const id = await proxyGuardrail({ filters: [redactEmail] });
    const user = tag('disconnect');
    const res = await workerFetch('http://cordon.test/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json', 'x-cordon-guardrail': id },
      body: JSON.stringify({ model: 'mock-1', stream: true, user, messages: [{ role: 'user', content: `SLOW: ${'a long slow answer '.repeat(20)}` }] }),
    });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    let record = await modelRecord(user);
    for (let i = 0; i < 50 && record.aborted === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      record = await modelRecord(user);
    }
    expect(record).toMatchObject({ aborted: 1, completed: 0 });
  });

  it('refuses a private upstream unless CORDON_ALLOW_PRIVATE_NETWORK is true', async () => {
    const id = await proxyGuardrail();
    const request = () =>
      new Request('http://cordon.test/v1/chat/completions', {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json', 'x-cordon-guardrail': id },
        body: JSON.stringify({ model: 'mock-1', messages: [{ role: 'user', content: 'hi' }] }),
      });
    const ctx = createExecutionContext();
    const refused = await createApp().fetch(request(), { ...env, CORDON_ALLOW_PRIVATE_NETWORK: undefined }, ctx);
    await waitOnExecutionContext(ctx);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as any).error.code).toBe('private_upstream');
  });

  it('refuses prompts over the evaluated-text limit in OpenAI\'s error shape', async () => {
    const id = await proxyGuardrail();
    const big = 'x'.repeat(200 * 1024);
    const err = await openai(id).chat.completions.create({ model: 'mock-1', messages: [{ role: 'user', content: big }, { role: 'user', content: big }] }).catch((e) => e);
    expect(err.status).toBe(400);
    expect(String(err.message)).toMatch(/characters of text in all/);
  });

  it('refuses a config naming a provider key provisioned for another tenant', async () => {
    const other = await createKey('other', ['guardrails:write', 'guardrails:read', 'evaluate']);
    const res = await call('POST', '/v1/guardrails', { key: other, body: { name: 'thief', upstream: { baseUrl: 'https://attacker.example/v1', apiKeySecret: 'UPSTREAM_KEY_DEFAULT_TEST' } } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.path).toBe('upstream.apiKeySecret');
    expect(res.body.error.message).toContain('UPSTREAM_KEY_OTHER_');
    const own = await call('POST', '/v1/guardrails', { key: other, body: { name: 'own', upstream: { baseUrl: 'https://api.example.com/v1', apiKeySecret: 'UPSTREAM_KEY_OTHER_TEST' } } });
    expect(own.status).toBe(201);
    const fb = await call('POST', '/v1/guardrails', { key: other, body: { name: 'x', fallback: { provider: 'http_classifier', url: 'https://attacker.example/x', apiKeySecret: 'FALLBACK_KEY_DEFAULT_TEST' } } });
    expect(fb.body.error.details.path).toBe('fallback.apiKeySecret');
  });

  it('refuses config that names a secret outside UPSTREAM_KEY_*', async () => {
    const err = await proxyGuardrail({ upstream: { baseUrl: 'https://api.example.com/v1', apiKeySecret: 'CORDON_ADMIN_KEY' } }).catch((e) => e);
    expect(String(err)).toMatch(/400.*apiKeySecret/);
  });
});
