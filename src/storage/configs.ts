// Edge reads of published configs: one KV read per evaluation, never a Durable Object.
import type { Bindings } from '../env.js';
import { activeKey, indexKey } from './kv-keys.js';
import type { ActiveRecord, IndexEntry } from './types.js';

/** The last parse of each active record: most reads return the same text, so skip the parse. */
const parsed = new Map<string, { text: string; record: ActiveRecord }>();
const MAX_PARSED = 256;

export async function readActive(env: Bindings, tenant: string, id: string): Promise<ActiveRecord | null> {
  const key = activeKey(tenant, id);
  const text = await env.CONFIGS.get(key, 'text');
  if (text === null) return null;
  const hit = parsed.get(key);
  if (hit && hit.text === text) return hit.record;
  const record = JSON.parse(text) as ActiveRecord;
  parsed.delete(key);
  parsed.set(key, { text, record });
  if (parsed.size > MAX_PARSED) parsed.delete(parsed.keys().next().value!);
  return record;
}

export async function readIndex(env: Bindings, tenant: string): Promise<IndexEntry[]> {
  return (await env.CONFIGS.get<{ guardrails: IndexEntry[] }>(indexKey(tenant), 'json'))?.guardrails ?? [];
}
