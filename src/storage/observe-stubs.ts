// How the Worker reaches the observability Durable Objects, and how they are sharded.
import type { Bindings } from '../env.js';

/**
 * Shards per (tenant, guardrail) for metrics and per tenant for the evaluation ledger. Fixed:
 * the ledger shard of an evaluation id must not move while its feedback window is open.
 */
export const SHARDS = 4;

/** This isolate's metrics shard: each isolate writes to one, so a flush is one request per guardrail. */
const isolateShard = Math.floor(Math.random() * SHARDS);

/** FNV-1a: a stable, cheap spread of evaluation ids over ledger shards. */
export function shardOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % SHARDS;
}

export function metricsShard(env: Bindings, tenant: string, guardrail: string, shard = isolateShard) {
  return env.METRICS.get(env.METRICS.idFromName(`${tenant}\u0000${guardrail}\u0000${shard}`));
}

export function allMetricsShards(env: Bindings, tenant: string, guardrail: string) {
  return Array.from({ length: SHARDS }, (_, s) => metricsShard(env, tenant, guardrail, s));
}

export function ledger(env: Bindings, tenant: string, evaluationId: string) {
  return env.LEDGER.get(env.LEDGER.idFromName(`${tenant}\u0000${shardOf(evaluationId)}`));
}

export function auditLog(env: Bindings, tenant: string) {
  return env.AUDIT.get(env.AUDIT.idFromName(tenant));
}

export function webhookHub(env: Bindings, tenant: string) {
  return env.WEBHOOKS.get(env.WEBHOOKS.idFromName(tenant));
}
