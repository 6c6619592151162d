// What evaluation decides: filters and their actions, directions, conversations, model limits,
// response checks, escalation, assignments and guidelines.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEMO_GUARDRAIL, DEMO_ID, seedDemo } from '../../src/demo.js';
import { ALL_SCOPES, call, createKey } from './api.js';
import { baseConfig } from './configs.js';

async function guardrail(config: Record<string, unknown>, key?: string): Promise<string> {
  const res = await call('POST', '/v1/guardrails', { key, body: { name: 'g', ...config } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const evaluate = (id: string, body: unknown, key?: string) => call('POST', `/v1/guardrails/${id}/evaluate`, { key, body });

describe('filters', () => {
  it('applies each filter’s action and redaction, strongest verdict wins', async () => {
    const id = await guardrail({
      filters: [
        { type: 'pii', action: 'redact', entities: ['EMAIL'], redaction: { mode: 'mask', keepLast: 4 } },
        { type: 'pii', id: 'phones', action: 'warn', entities: ['PHONE'] },
        { type: 'pattern', action: 'redact', name: 'TICKET', pattern: 'TCK-\\d{6}', replacement: '<ticket>' },
        { type: 'words', action: 'block', words: ['launch codes'] },
      ],
    });
    const r1 = await evaluate(id, { text: 'Mail ann@example.com about TCK-123456, or call 212-555-0123.' });
    expect(r1.body.verdict).toBe('REDACT');
    expect(r1.body.redactedText).toBe('Mail ***@******e.com about <ticket>, or call 212-555-0123.');
    expect(r1.body.findings.map((f: { filter: string; entity: string; action: string }) => [f.filter, f.entity, f.action])).toEqual([
      ['pii-1', 'EMAIL', 'redact'],
      ['pattern-1', 'TICKET', 'redact'],
      ['phones', 'PHONE', 'warn'],
    ]);
    const r2 = await evaluate(id, { text: 'what are the LAUNCH CODES?' });
    expect(r2.body).toMatchObject({ verdict: 'BLOCK', findings: [{ filter: 'words-1', entity: 'BLOCKED_WORD', action: 'block', start: 13, end: 25 }] });
  });

  it('respects directions, disabled filters and per-filter minScore', async () => {
    const id = await guardrail({
      filters: [
        { type: 'pii', action: 'block', entities: ['EMAIL'], direction: 'output' },
        { type: 'pii', action: 'block', entities: ['CREDIT_CARD'], enabled: false },
        { type: 'pii', action: 'warn', entities: ['PHONE'], minScore: 0.99, direction: 'tool' },
      ],
    });
    const text = 'ann@example.com 4111 1111 1111 1111 call 212-555-0123';
    expect((await evaluate(id, { text })).body.verdict).toBe('ALLOW');
    expect((await evaluate(id, { text, direction: 'output' })).body.verdict).toBe('BLOCK');
    expect((await evaluate(id, { text, direction: 'tool' })).body.verdict).toBe('ALLOW');
    const loose = await guardrail({ filters: [{ type: 'pii', action: 'warn', entities: ['PHONE'], minScore: 0.1, direction: 'tool' }] });
    expect((await evaluate(loose, { text, direction: 'tool' })).body.verdict).toBe('WARN');
  });

  it('evaluates conversations message by message, by role', async () => {
    const id = await guardrail({
      filters: [
        { type: 'pii', action: 'redact', entities: ['EMAIL'], direction: 'input' },
        { type: 'prompt_injection', action: 'block', direction: 'retrieval' },
        { type: 'pii', action: 'block', entities: ['US_SSN'], direction: 'tool' },
      ],
    });
    const messages = [
      { role: 'system', content: 'You are helpful.' },
      { role: 'user', content: 'I am bob@example.com' },
      { role: 'assistant', content: 'Hi bob@example.com' },
    ];
    const res = await evaluate(id, { messages });
    expect(res.body.verdict).toBe('REDACT');
    expect(res.body.findings).toEqual([expect.objectContaining({ entity: 'EMAIL', message: 1, start: 5, end: 20 })]);
    expect(res.body.redactedMessages.map((m: { content: string }) => m.content)).toEqual(['You are helpful.', 'I am [EMAIL]', 'Hi bob@example.com']);
    const real = await evaluate(id, { messages: [{ role: 'tool', content: 'SSN: 536-22-8479' }] });
    expect(real.body).toMatchObject({ verdict: 'BLOCK', findings: [{ entity: 'US_SSN', message: 0 }] });
  });

  it('checks answers against a response schema', async () => {
    const id = await guardrail({ filters: [{ type: 'response_schema', action: 'block', format: 'json', requiredFields: ['answer', 'meta.source'], maxTokens: 50 }] });
    const ok = await evaluate(id, { text: '```json\n{"answer": 42, "meta": {"source": "db"}}\n```', direction: 'output' });
    expect(ok.body.verdict).toBe('ALLOW');
    const missing = await evaluate(id, { text: '{"answer": 42}', direction: 'output' });
    expect(missing.body.findings).toEqual([expect.objectContaining({ entity: 'RESPONSE_MISSING_FIELD', detail: 'missing field "meta.source"' })]);
    const prose = await evaluate(id, { text: 'The answer is 42.', direction: 'output' });
    expect(prose.body.findings.map((f: { entity: string }) => f.entity)).toEqual(['RESPONSE_NOT_JSON']);
    const long = await evaluate(id, { text: JSON.stringify({ answer: 'word '.repeat(80), meta: { source: 'x' } }), direction: 'output' });
    expect(long.body.findings.map((f: { entity: string }) => f.entity)).toEqual(['RESPONSE_TOO_LONG']);
    expect((await evaluate(id, { text: 'not json' })).body.verdict).toBe('ALLOW'); // output-only filter
  });

  it('enforces model constraints from the context', async () => {
    const id = await guardrail({ modelConstraints: { allowedModels: ['gpt-4o-mini'], maxTokens: 1000, temperature: { max: 1 } } });
    expect((await evaluate(id, { text: 'hi', context: { model: 'gpt-4o-mini', maxTokens: 500, temperature: 0.2 } })).body.verdict).toBe('ALLOW');
    const bad = await evaluate(id, { text: 'hi', context: { model: 'o1', maxTokens: 5000, temperature: 1.5 } });
    expect(bad.body.verdict).toBe('BLOCK');
    expect(bad.body.findings.map((f: { entity: string }) => f.entity)).toEqual(['MODEL_NOT_ALLOWED', 'MAX_TOKENS_EXCEEDED', 'TEMPERATURE_OUT_OF_RANGE']);
  });

  it('lets a disabled guardrail allow everything', async () => {
    const id = await guardrail({ enabled: false, filters: [{ type: 'words', action: 'block', words: ['x'] }] });
    expect((await evaluate(id, { text: 'x' })).body).toMatchObject({ verdict: 'ALLOW', findings: [] });
  });
});

describe('escalation', () => {
  it('blocks a conversation after N violations, per conversation, until the TTL passes', async () => {
    const id = await guardrail({ filters: [{ type: 'words', action: 'warn', words: ['darn'] }], escalation: { afterViolations: 2, ttlSeconds: 600 } });
    const say = (text: string, conversationId: string) => evaluate(id, { text, context: { conversationId } });
    expect((await say('darn', 'c1')).body.verdict).toBe('WARN');
    expect((await say('hello', 'c1')).body.verdict).toBe('ALLOW');
    expect((await say('darn', 'c1')).body.verdict).toBe('WARN');
    const after = await say('hello', 'c1');
    expect(after.body).toMatchObject({ verdict: 'BLOCK', escalated: true });
    expect((await say('hello', 'c2')).body.verdict).toBe('ALLOW');
    // Test runs never count.
    const t = await call('POST', `/v1/guardrails/${id}/test`, { body: { text: 'darn', context: { conversationId: 'c3' } } });
    expect(t.body.verdict).toBe('WARN');
    await call('POST', `/v1/guardrails/${id}/test`, { body: { text: 'darn', context: { conversationId: 'c3' } } });
    expect((await say('hello', 'c3')).body.verdict).toBe('ALLOW');
  });
});

describe('assignments', () => {
  it('applies guardrails whose assignments match, honours isException and target direction', async () => {
    const key = await createKey('assignments', ALL_SCOPES);
    const project = await guardrail({ name: 'project', assignments: [{ entityType: 'project', entityId: 'p1' }], filters: [{ type: 'pii', action: 'redact', entities: ['EMAIL'] }] }, key);
    const model = await guardrail({ name: 'model', assignments: [{ entityType: 'model', entityId: 'gpt-x' }], filters: [{ type: 'words', action: 'block', words: ['secret plan'] }] }, key);
    const exceptAgent = await guardrail({ name: 'all but a1', assignments: [{ entityType: 'agent', entityId: 'a1' }], target: { isException: true, direction: 'input' }, filters: [{ type: 'words', action: 'warn', words: ['hello'] }] }, key);
    const ev = (context: Record<string, string>, direction = 'input') =>
      call('POST', '/v1/evaluate', { key, body: { text: 'hello ann@example.com, the secret plan', context, direction } });
    const ids = (r: { body: { results: Array<{ guardrail: { id: string } }> } }) => r.body.results.map((x) => x.guardrail.id).sort();

    const r1 = await ev({ projectId: 'p1', agentId: 'a1' });
    expect(ids(r1)).toEqual([project]);
    expect(r1.body).toMatchObject({ verdict: 'REDACT', redactedText: 'hello [EMAIL], the secret plan' });
    const r2 = await ev({ projectId: 'p1', agentId: 'a2', model: 'gpt-x' });
    expect(ids(r2)).toEqual([project, model, exceptAgent].sort());
    expect(r2.body.verdict).toBe('BLOCK');
    expect(r2.body.findings.every((f: { guardrail: string }) => [project, model, exceptAgent].includes(f.guardrail))).toBe(true);
    const r3 = await ev({ agentId: 'a2' }, 'output');
    expect(ids(r3)).toEqual([]); // the exception guardrail targets input only
    const r4 = await ev({});
    expect(ids(r4)).toEqual([exceptAgent]);
  });

  it('matches tenant assignments against the key’s tenant, not the body', async () => {
    const key = await createKey('tenant-assign', ALL_SCOPES);
    const id = await guardrail({ assignments: [{ entityType: 'tenant', entityId: 'tenant-assign' }], filters: [{ type: 'words', action: 'block', words: ['zap'] }] }, key);
    const res = await call('POST', '/v1/evaluate', { key, body: { text: 'zap' } });
    expect(res.body.results.map((r: { guardrail: { id: string } }) => r.guardrail.id)).toEqual([id]);
    expect(res.body.verdict).toBe('BLOCK');
  });
});

describe('guidelines', () => {
  it('appends the guidelines relevant to the message to the system prompt', async () => {
    const id = await guardrail({
      guidelines: [
        { title: 'Tone', text: 'Be polite.' },
        { title: 'Refunds', text: 'Never promise a refund; link the policy.', keywords: ['refund', 'money back'] },
        { text: 'Do not give medical advice.', keywords: ['diagnosis'] },
      ],
    });
    const res = await call('POST', `/v1/guardrails/${id}/augment`, { body: { systemPrompt: 'You are a support agent.', message: 'Can I get my MONEY BACK?' } });
    expect(res.status).toBe(200);
    expect(res.body.systemPrompt).toBe('You are a support agent.\n\nFollow these guidelines:\n- Tone: Be polite.\n- Refunds: Never promise a refund; link the policy.');
    expect(res.body.guidelines).toEqual([0, 1]);
  });
});

describe('demo guardrail', () => {
  it('seeds once, passes its own tests, and redacts', async () => {
    await seedDemo(env, 'demo-tenant');
    await seedDemo(env, 'demo-tenant');
    const key = await createKey('demo-tenant', ALL_SCOPES);
    const got = await call('GET', `/v1/guardrails/${DEMO_ID}`, { key });
    expect(got.body).toMatchObject({ id: DEMO_ID, activeVersion: 1, latestVersion: 1, name: DEMO_GUARDRAIL.name });
    const tests = await call('POST', `/v1/guardrails/${DEMO_ID}/test`, { key, body: {} });
    expect(tests.body).toMatchObject({ passed: DEMO_GUARDRAIL.tests!.length, failed: 0 });
    const ev = await evaluate(DEMO_ID, { text: 'I am jane@example.com' }, key);
    expect(ev.body.redactedText).toBe('I am [EMAIL_1]');
  });
});

describe('base config', () => {
  it('is valid and evaluates', async () => {
    const id = await guardrail(baseConfig());
    expect((await evaluate(id, { text: 'ann@example.com' })).body.verdict).toBe('REDACT');
  });
});
