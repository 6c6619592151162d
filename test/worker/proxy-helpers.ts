// Shared by the chat proxy tests: guardrails pointed at the mock model, SDK clients that reach
// the Worker through SELF, and the mock model's records.
import { SELF } from 'cloudflare:test';
import OpenAI from 'openai';
import { inject } from 'vitest';
import { ADMIN_KEY, call } from './api.js';

export const modelUrl = () => `http://127.0.0.1:${inject('mockModelPort')}`;

/** Creates a guardrail whose upstream is the mock model; returns its id. */
export async function proxyGuardrail(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await call('POST', '/v1/guardrails', {
    body: { name: 'proxy guard', upstream: { baseUrl: `${modelUrl()}/v1`, apiKeySecret: 'UPSTREAM_KEY_DEFAULT_TEST' }, filters: [], ...overrides },
  });
  if (res.status !== 201) throw new Error(`guardrail creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** The Worker's own fetch: the SDKs talk to the real app in workerd. */
export const workerFetch: typeof fetch = (input, init) => SELF.fetch(input as RequestInfo, init);

export function openai(guardrail: string | null, headers: Record<string, string> = {}, key = ADMIN_KEY): OpenAI {
  return new OpenAI({
    baseURL: 'http://cordon.test/v1',
    apiKey: key,
    fetch: workerFetch,
    maxRetries: 0,
    defaultHeaders: { ...(guardrail ? { 'x-cordon-guardrail': guardrail } : {}), ...headers },
  });
}

export interface ModelRecord {
  requests: Array<{ messages: Array<{ role: string; content: string }>; authorization: string | null; [k: string]: unknown }>;
  completed: number;
  aborted: number;
}

/** What the mock model saw for requests tagged with `user`. */
export async function modelRecord(user: string): Promise<ModelRecord> {
  const res = await fetch(`${modelUrl()}/__record?user=${encodeURIComponent(user)}`);
  return res.json();
}

let tags = 0;
export const tag = (name: string) => `${name}-${Date.now().toString(36)}-${++tags}`;
