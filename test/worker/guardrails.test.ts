// The guardrail lifecycle through the real Worker, KV and Durable Objects.
import { describe, expect, it } from 'vitest';
import { call } from './api.js';
import { baseConfig } from './configs.js';

async function create(config: unknown = baseConfig(), query = '') {
  const res = await call('POST', `/v1/guardrails${query}`, { body: config });
  return res;
}

describe('guardrail lifecycle', () => {
  it('creates version 1 active, reads it back, evaluates with it', async () => {
    const res = await create();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, activeVersion: 1, latestVersion: 1, name: 'support bot', tests: { passed: 2, failed: 0 } });
    expect(res.headers.get('etag')).toBe('"1"');
    const id = res.body.id;
    const got = await call('GET', `/v1/guardrails/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id, activeVersion: 1, latestVersion: 1, config: { name: 'support bot', failMode: 'closed' } });

    const ev = await call('POST', `/v1/guardrails/${id}/evaluate`, { body: { text: 'card 4111 1111 1111 1111 please' } });
    expect(ev.status).toBe(200);
    expect(ev.body).toMatchObject({ verdict: 'REDACT', redactedText: 'card [CREDIT_CARD] please', guardrail: { id, version: 1 }, decisionLayer: 'fast' });
    expect(ev.body.findings).toEqual([{ filter: 'pii-1', entity: 'CREDIT_CARD', start: 5, end: 24, score: 1, action: 'redact' }]);
    expect(ev.body.evaluationId).toMatch(/^ev_/);
    expect(JSON.stringify(ev.body)).not.toContain('4111 1111');
  });

  it('updates with If-Match, keeps versions immutable, and rejects stale or missing preconditions', async () => {
    const id = (await create()).body.id;
    const missing = await call('PUT', `/v1/guardrails/${id}`, { body: baseConfig({ name: 'v2' }) });
    expect(missing.status).toBe(428);
    const v2 = await call('PUT', `/v1/guardrails/${id}`, { body: baseConfig({ name: 'v2' }), headers: { 'if-match': '"1"' } });
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ version: 2, activeVersion: 2, latestVersion: 2, name: 'v2' });
    const stale = await call('PUT', `/v1/guardrails/${id}`, { body: baseConfig({ name: 'v3' }), headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'version_conflict', details: { latestVersion: 2 } });
    const v1 = await call('GET', `/v1/guardrails/${id}/versions/1`);
    expect(v1.body).toMatchObject({ version: 1, status: 'inactive', config: { name: 'support bot' } });
    const list = await call('GET', `/v1/guardrails/${id}/versions`);
    expect(list.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[1, 'inactive'], [2, 'active']]);
  });

  it('lets exactly one of two concurrent updates with the same If-Match win', async () => {
    const id = (await create()).body.id;
    const put = (name: string) => call('PUT', `/v1/guardrails/${id}`, { body: baseConfig({ name }), headers: { 'if-match': '"1"' } });
    const results = await Promise.all([put('left'), put('right')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body.name;
    const got = await call('GET', `/v1/guardrails/${id}`);
    expect(got.body).toMatchObject({ latestVersion: 2, activeVersion: 2, config: { name: winner } });
  });

  it('keeps the old version active when the new one fails a test case, and reports each failure', async () => {
    const id = (await create()).body.id;
    const failing = baseConfig({
      name: 'broken',
      filters: [{ type: 'pii', action: 'warn', entities: ['EMAIL'] }],
    });
    const res = await call('PUT', `/v1/guardrails/${id}`, { body: failing, headers: { 'if-match': '"1"' } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('tests_failed');
    expect(res.body.error.details).toMatchObject({ id, version: 2, activeVersion: 1 });
    expect(res.body.error.details.failures).toEqual([
      expect.objectContaining({ index: 0, input: 'mail me at ann@example.com', expected: 'REDACT', got: 'WARN' }),
    ]);
    const got = await call('GET', `/v1/guardrails/${id}`);
    expect(got.body).toMatchObject({ activeVersion: 1, latestVersion: 2, config: { name: 'support bot' } });
    const ev = await call('POST', `/v1/guardrails/${id}/evaluate`, { body: { text: 'ann@example.com' } });
    expect(ev.body).toMatchObject({ verdict: 'REDACT', guardrail: { version: 1 } });
    // The draft can be tried on /test, and promoting it is refused for the same reason.
    const tried = await call('POST', `/v1/guardrails/${id}/test`, { body: { version: 2 } });
    expect(tried.body).toMatchObject({ passed: 1, failed: 1, guardrail: { id, version: 2 } });
    const promote = await call('POST', `/v1/guardrails/${id}/versions/2/promote`);
    expect(promote.status).toBe(422);
  });

  it('saves drafts without promotion, promotes them, and rolls back', async () => {
    const id = (await create()).body.id;
    const draft = await call('PUT', `/v1/guardrails/${id}?draft=true`, { body: baseConfig({ name: 'draft' }), headers: { 'if-match': '"1"' } });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ version: 2, activeVersion: 1 });
    expect((await call('GET', `/v1/guardrails/${id}/versions/2`)).body.status).toBe('draft');
    const neverActive = await call('POST', `/v1/guardrails/${id}/rollback`, { body: { toVersion: 2 } });
    expect(neverActive.status).toBe(409);
    const promoted = await call('POST', `/v1/guardrails/${id}/versions/2/promote`);
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ activeVersion: 2, tests: { passed: 2, failed: 0 } });
    const back = await call('POST', `/v1/guardrails/${id}/rollback`);
    expect(back.status).toBe(200);
    expect(back.body.activeVersion).toBe(1);
    const ev = await call('POST', `/v1/guardrails/${id}/evaluate`, { body: { text: 'hi' } });
    expect(ev.body.guardrail.version).toBe(1);
    const forward = await call('POST', `/v1/guardrails/${id}/rollback`, { body: { toVersion: 2 } });
    expect(forward.body.activeVersion).toBe(2);
  });

  it('creates a failing guardrail as a draft that serves nothing', async () => {
    const res = await create(baseConfig({ tests: [{ input: 'hello', expect: 'BLOCK' }] }));
    expect(res.status).toBe(422);
    const id = res.body.error.details.id;
    expect((await call('GET', `/v1/guardrails/${id}`)).body).toMatchObject({ activeVersion: null, latestVersion: 1 });
    expect((await call('POST', `/v1/guardrails/${id}/evaluate`, { body: { text: 'x' } })).status).toBe(404);
  });

  it('deletes: gone from reads, lists and evaluation', async () => {
    const id = (await create()).body.id;
    expect((await call('DELETE', `/v1/guardrails/${id}`)).status).toBe(204);
    expect((await call('GET', `/v1/guardrails/${id}`)).status).toBe(404);
    expect((await call('POST', `/v1/guardrails/${id}/evaluate`, { body: { text: 'x' } })).status).toBe(404);
    expect((await call('DELETE', `/v1/guardrails/${id}`)).status).toBe(404);
  });

  it('paginates the list with a cursor', async () => {
    const key = (await call('POST', '/v1/keys', { body: { name: 'pager', tenant: 'pager', scopes: ['guardrails:read', 'guardrails:write'] } })).body.key;
    for (let i = 0; i < 5; i++) await call('POST', '/v1/guardrails', { key, body: baseConfig({ name: `g${i}` }) });
    const seen: string[] = [];
    let cursor = '';
    for (let pages = 0; pages < 10; pages++) {
      const page = await call('GET', `/v1/guardrails?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { key });
      expect(page.status).toBe(200);
      expect(page.body.guardrails.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.guardrails.map((g: { name: string }) => g.name));
      if (!page.body.nextCursor) break;
      cursor = page.body.nextCursor;
    }
    expect(seen).toEqual(['g0', 'g1', 'g2', 'g3', 'g4']);
  });
});
