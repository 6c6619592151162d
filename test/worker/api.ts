// Calls the Worker under test (SELF: the real app with miniflare KV and Durable Objects).
import { SELF } from 'cloudflare:test';

/** Set for the test pool in vitest.config.ts, as `wrangler secret put` would in production. */
export const ADMIN_KEY = 'test-admin-key';

export interface CallOptions {
  key?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function call(method: string, path: string, opts: CallOptions = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...opts.headers };
  const key = opts.key === undefined ? ADMIN_KEY : opts.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await SELF.fetch(`http://cordon.test${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (e.g. /docs): the raw text is the body
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** A key of `tenant` holding `scopes`, created through the API with the admin key. */
export async function createKey(tenant: string, scopes: string[]): Promise<string> {
  const res = await call('POST', '/v1/keys', { body: { name: `${tenant} test key`, tenant, scopes } });
  if (res.status !== 201) throw new Error(`key creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.key as string;
}

export const ALL_SCOPES = ['guardrails:read', 'guardrails:write', 'evaluate', 'evaluate:reveal', 'metrics:read', 'audit:read', 'webhooks:write', 'keys:admin'];
