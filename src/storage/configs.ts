// Edge reads of published configs: one KV read per evaluation, never a Durable Object.
import type { Bindings } from '../env.js';
import { activeKey, indexKey } from './kv-keys.js';
import type { ActiveRecord, IndexEntry } from './types.js';

export function readActive(env: Bindings, tenant: string, id: string): Promise<ActiveRecord | null> {
  return env.CONFIGS.get<ActiveRecord>(activeKey(tenant, id), 'json');
}

export async function readIndex(env: Bindings, tenant: string): Promise<IndexEntry[]> {
  return (await env.CONFIGS.get<{ guardrails: IndexEntry[] }>(indexKey(tenant), 'json'))?.guardrails ?? [];
}
