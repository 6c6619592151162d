// Keys, scopes and tenants: every route checks the key, its scopes and whose resource it is.
import { describe, expect, it } from 'vitest';
import { ALL_SCOPES, call, createKey } from './api.js';
import { baseConfig } from './configs.js';

/** Every authenticated route, with the scope it needs and a request that would succeed. */
const routes = (id: string): Array<{ method: string; path: string; scope: string; body?: unknown; headers?: Record<string, string> }> => [
  { method: 'GET', path: '/v1/guardrails', scope: 'guardrails:read' },
  { method: 'POST', path: '/v1/guardrails', scope: 'guardrails:write', body: baseConfig() },
  { method: 'GET', path: `/v1/guardrails/${id}`, scope: 'guardrails:read' },
  { method: 'PUT', path: `/v1/guardrails/${id}`, scope: 'guardrails:write', body: baseConfig(), headers: { 'if-match': '"1"' } },
  { method: 'GET', path: `/v1/guardrails/${id}/versions`, scope: 'guardrails:read' },
  { method: 'GET', path: `/v1/guardrails/${id}/versions/1`, scope: 'guardrails:read' },
  { method: 'POST', path: `/v1/guardrails/${id}/versions/1/promote`, scope: 'guardrails:write' },
  { method: 'POST', path: `/v1/guardrails/${id}/rollback`, scope: 'guardrails:write', body: { toVersion: 1 } },
  { method: 'POST', path: `/v1/guardrails/${id}/evaluate`, scope: 'evaluate', body: { text: 'hi' } },
  { method: 'POST', path: `/v1/guardrails/${id}/test`, scope: 'evaluate', body: {} },
  { method: 'POST', path: `/v1/guardrails/${id}/augment`, scope: 'evaluate', body: { systemPrompt: '', message: 'hi' } },
  { method: 'POST', path: '/v1/evaluate', scope: 'evaluate', body: { text: 'hi' } },
  { method: 'POST', path: '/v1/scan', scope: 'evaluate', body: { text: 'hi' } },
  { method: 'GET', path: '/v1/keys', scope: 'keys:admin' },
  { method: 'DELETE', path: `/v1/guardrails/${id}`, scope: 'guardrails:write' },
];

async function guardrailOf(key: string): Promise<string> {
  const res = await call('POST', '/v1/guardrails', { key, body: baseConfig() });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('authentication', () => {
  it('answers 401 without a key, with a malformed one, or with an unknown one', async () => {
    for (const key of [null, 'nope', 'cdn_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'test-admin-key2']) {
      const res = await call('GET', '/v1/guardrails', { key });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it('creates a key shown once, lists it without its secret, revokes it', async () => {
    const created = await call('POST', '/v1/keys', { body: { name: 'ci', tenant: 'acme', scopes: ['evaluate'] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ tenant: 'acme', scopes: ['evaluate'], name: 'ci' });
    expect(created.body.key).toMatch(/^cdn_[a-zA-Z0-9]{12}_[a-zA-Z0-9]{32}$/);
    const list = await call('GET', '/v1/keys?tenant=acme');
    const listed = list.body.keys.find((k: { id: string }) => k.id === created.body.id);
    expect(listed).toMatchObject({ name: 'ci', tenant: 'acme', scopes: ['evaluate'] });
    expect(JSON.stringify(list.body)).not.toContain(created.body.key.slice(-32));
    expect(listed.hash).toBeUndefined();
    expect((await call('POST', '/v1/scan', { key: created.body.key, body: { text: 'x' } })).status).toBe(200);
    expect((await call('DELETE', `/v1/keys/${created.body.id}`)).status).toBe(204);
    expect((await call('POST', '/v1/scan', { key: created.body.key, body: { text: 'x' } })).status).toBe(401);
  });

  it('does not let a tenant admin reach other tenants or grant scopes it lacks', async () => {
    const admin = await createKey('tenant-a', ['keys:admin', 'evaluate']);
    expect((await call('POST', '/v1/keys', { key: admin, body: { name: 'x', tenant: 'tenant-b', scopes: ['evaluate'] } })).status).toBe(403);
    expect((await call('POST', '/v1/keys', { key: admin, body: { name: 'x', scopes: ['guardrails:write'] } })).status).toBe(403);
    expect((await call('GET', '/v1/keys?tenant=tenant-b', { key: admin })).status).toBe(403);
    const own = await call('POST', '/v1/keys', { key: admin, body: { name: 'x', scopes: ['evaluate'] } });
    expect(own.status).toBe(201);
    expect(own.body.tenant).toBe('tenant-a');
    const other = await call('POST', '/v1/keys', { body: { name: 'y', tenant: 'tenant-b', scopes: ['evaluate'] } });
    expect((await call('DELETE', `/v1/keys/${other.body.id}`, { key: admin })).status).toBe(404);
  });
});

describe('scopes', () => {
  it('answers 403 naming the scope on every route when the key lacks it, and lets it through with it', async () => {
    const owner = await createKey('scoped', ALL_SCOPES);
    for (const r of routes('placeholder')) {
      const id = await guardrailOf(owner);
      const route = routes(id).find((x) => x.method === r.method && x.path.replace(id, 'placeholder') === r.path)!;
      const others = ALL_SCOPES.filter((s) => s !== route.scope);
      const without = await createKey('scoped', others);
      const denied = await call(route.method, route.path, { key: without, body: route.body, headers: route.headers });
      expect(denied.status, `${route.method} ${route.path}`).toBe(403);
      expect(denied.body.error.details.required).toEqual([route.scope]);
      const only = await createKey('scoped', [route.scope]);
      const allowed = await call(route.method, route.path, { key: only, body: route.body, headers: route.headers });
      expect(allowed.status, `${route.method} ${route.path}`).toBeLessThan(300);
    }
  });

  it('reveals matched values only to keys with evaluate:reveal that ask', async () => {
    const owner = await createKey('reveal', ALL_SCOPES);
    const id = await guardrailOf(owner);
    const plain = await createKey('reveal', ['evaluate']);
    const body = { text: 'ann@example.com', reveal: true };
    expect((await call('POST', `/v1/guardrails/${id}/evaluate`, { key: plain, body })).status).toBe(403);
    const hidden = await call('POST', `/v1/guardrails/${id}/evaluate`, { key: owner, body: { text: 'ann@example.com' } });
    expect(hidden.body.findings[0].value).toBeUndefined();
    const shown = await call('POST', `/v1/guardrails/${id}/evaluate`, { key: owner, body });
    expect(shown.body.findings[0].value).toBe('ann@example.com');
  });
});

describe('tenant isolation', () => {
  it('answers 404 on every route for another tenant’s guardrail, and lists none of them', async () => {
    const a = await createKey('iso-a', ALL_SCOPES);
    const b = await createKey('iso-b', ALL_SCOPES);
    const id = await guardrailOf(a);
    for (const r of routes(id)) {
      if (!r.path.includes(id)) continue;
      const res = await call(r.method, r.path, { key: b, body: r.body, headers: r.headers });
      expect(res.status, `${r.method} ${r.path}`).toBe(404);
    }
    const list = await call('GET', '/v1/guardrails', { key: b });
    expect(list.body.guardrails).toEqual([]);
    // Still intact for its owner.
    expect((await call('GET', `/v1/guardrails/${id}`, { key: a })).status).toBe(200);
  });

  it('never applies another tenant’s guardrails by assignment', async () => {
    const a = await createKey('assign-a', ALL_SCOPES);
    const b = await createKey('assign-b', ALL_SCOPES);
    await call('POST', '/v1/guardrails', { key: a, body: baseConfig({ target: { isException: true } }) });
    const res = await call('POST', '/v1/evaluate', { key: b, body: { text: 'ann@example.com' } });
    expect(res.body).toMatchObject({ verdict: 'ALLOW', results: [] });
  });
});

describe('limits', () => {
  it('rate limits per key with 429 and Retry-After, other keys unaffected', async () => {
    const created = await call('POST', '/v1/keys', { body: { name: 'slow', tenant: 'limited', scopes: ['evaluate'], rateLimitPerMinute: 3 } });
    const key = created.body.key;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call('POST', '/v1/scan', { key, body: { text: 'x' } })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await call('POST', '/v1/scan', { key, body: { text: 'x' } });
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await call('POST', '/v1/scan', { body: { text: 'x' } })).status).toBe(200);
  });
});
