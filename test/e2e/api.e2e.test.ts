// The API over real HTTP against `wrangler dev`: the bundle as deployed, workerd, local KV and
// Durable Objects, the demo seed.
import { describe, expect, inject, it } from 'vitest';

const base = inject('cordonUrl');
const ADMIN = 'e2e-admin-key';

async function http(method: string, path: string, body?: unknown, key: string | null = ADMIN, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

describe('Cordon over HTTP (wrangler dev)', () => {
  it('serves the OpenAPI document and the docs page without a key', async () => {
    const doc = await http('GET', '/openapi.json', undefined, null);
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/v1/guardrails/{id}/evaluate');
    expect(doc.body.components.schemas.GuardrailConfig.properties.filters).toBeDefined();
    const page = await http('GET', '/docs', undefined, null);
    expect(page.status).toBe(200);
    expect(page.body).toContain('/openapi.json');
    expect((await http('GET', '/v1/guardrails', undefined, null)).status).toBe(401);
  });

  it('has the demo guardrail ready and evaluates with it', async () => {
    const demo = await http('POST', '/v1/guardrails/demo/evaluate', { text: 'Reach me at jane@example.com or 212-555-0123' });
    expect(demo.status).toBe(200);
    expect(demo.body).toMatchObject({ verdict: 'REDACT', redactedText: 'Reach me at [EMAIL_1] or [PHONE_1]', guardrail: { id: 'demo', version: 1 } });
    const blocked = await http('POST', '/v1/guardrails/demo/evaluate', { text: 'aws_access_key_id = AKIAZ3MHALN4SXQ6WD7B' });
    expect(blocked.body.verdict).toBe('BLOCK');
  });

  it('runs the whole lifecycle with a tenant key', async () => {
    const key = (await http('POST', '/v1/keys', { name: 'e2e', tenant: 'e2e', scopes: ['guardrails:read', 'guardrails:write', 'evaluate'] })).body.key;
    const config = {
      name: 'e2e',
      filters: [{ type: 'pii', action: 'redact', entities: ['EMAIL'] }],
      tests: [{ input: 'a@example.com', expect: 'REDACT' }],
    };
    const created = await http('POST', '/v1/guardrails', config, key);
    expect(created.status).toBe(201);
    const id = created.body.id;
    const failing = await http('PUT', `/v1/guardrails/${id}`, { ...config, tests: [{ input: 'a@example.com', expect: 'BLOCK' }] }, key, { 'if-match': '"1"' });
    expect(failing.status).toBe(422);
    const v3 = await http('PUT', `/v1/guardrails/${id}`, { ...config, filters: [{ type: 'pii', action: 'block', entities: ['EMAIL'] }], tests: [] }, key, { 'if-match': '"2"' });
    expect(v3.body).toMatchObject({ version: 3, activeVersion: 3 });
    expect((await http('POST', `/v1/guardrails/${id}/evaluate`, { text: 'a@example.com' }, key)).body.verdict).toBe('BLOCK');
    expect((await http('POST', `/v1/guardrails/${id}/rollback`, {}, key)).body.activeVersion).toBe(1);
    expect((await http('POST', `/v1/guardrails/${id}/evaluate`, { text: 'a@example.com' }, key)).body.verdict).toBe('REDACT');
    expect((await http('GET', `/v1/guardrails/${id}`, undefined, ADMIN)).status).toBe(404); // the admin acts in its own tenant
    expect((await http('DELETE', `/v1/guardrails/${id}`, undefined, key)).status).toBe(204);
  });
});
