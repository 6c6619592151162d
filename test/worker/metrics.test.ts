// Metrics: counters and percentiles from a known sequence, merged over shards, paged, exposed
// for Prometheus, never counting /test runs, and private to the tenant.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Bindings } from '../../src/env.js';
import { type EvaluationObservation } from '../../src/observe/events.js';
import { aggregate } from '../../src/observe/metrics-delta.js';
import { metricsShard } from '../../src/storage/observe-stubs.js';
import { call, createKey } from './api.js';
import { baseConfig } from './configs.js';
import { eventually } from './observe-helpers.js';

const bindings = env as unknown as Bindings;
const AWS_KEY = 'my key is AKIAZ3MHALN4SXQ6WD7B';

async function tenantWithGuardrail(tenant: string) {
  const key = await createKey(tenant, ['guardrails:write', 'guardrails:read', 'evaluate', 'metrics:read']);
  const created = await call('POST', '/v1/guardrails', { key, body: baseConfig() });
  expect(created.status).toBe(201);
  return { key, id: created.body.id as string };
}

const metrics = (key: string, id: string, query = 'interval=PT1M') => call('GET', `/v1/guardrails/${id}/metrics?${query}`, { key });

/** Observations with chosen latencies, as the hot path would hand them to the batcher. */
function observations(tenant: string, id: string, latenciesMs: number[], at = Date.now()): EvaluationObservation[] {
  return latenciesMs.map((ms, i) => ({
    tenant,
    actor: 'test',
    guardrail: { id, version: 1 },
    evaluationId: `ev_synthetic${i}`,
    at,
    verdict: 'ALLOW',
    decisionLayer: 'fast',
    findings: [],
    fallbackCalls: 0,
    fallbackFailures: 0,
    evaluationUs: ms * 1000,
    requestUs: ms * 1000 + 500,
  }));
}

describe('metrics', () => {
  it('counts a known sequence of evaluations exactly, at every interval, and never /test runs', async () => {
    const { key, id } = await tenantWithGuardrail('metrics-seq');
    const texts = ['hello', 'hi there', 'good morning', 'mail ann@example.com', 'write to bob@example.org', AWS_KEY];
    for (const text of texts) expect((await call('POST', `/v1/guardrails/${id}/evaluate`, { key, body: { text } })).status).toBe(200);
    for (const text of texts) expect((await call('POST', `/v1/guardrails/${id}/test`, { key, body: { text } })).status).toBe(200);
    const res = await eventually(() => metrics(key, id), (r) => r.body.totals?.requests === 6);
    expect(res.status).toBe(200);
    const totals = res.body.totals;
    expect(totals.verdicts).toEqual({ ALLOW: 3, WARN: 0, REDACT: 2, BLOCK: 1 });
    expect(totals.findings).toEqual({ total: 3, byFilter: { 'pii-1': 2, 'secrets-1': 1 }, byEntity: { EMAIL: 2, AWS_ACCESS_KEY: 1 } });
    expect(totals).toMatchObject({ redactions: 2, blocks: 1, errors: 0, failOpen: 0, falsePositiveRate: null });
    expect(totals.latency.p50).toBeGreaterThanOrEqual(0);
    expect(totals.requestLatency.p99).toBeGreaterThanOrEqual(totals.requestLatency.p50);
    for (const interval of ['PT1H', 'P1D']) {
      const coarse = await metrics(key, id, `interval=${interval}`);
      expect(coarse.body.totals.verdicts).toEqual(totals.verdicts);
      expect(coarse.body.totals.findings).toEqual(totals.findings);
    }
    // Let any late batch land, then check again that /test added nothing.
    await new Promise((r) => setTimeout(r, 100));
    expect((await metrics(key, id)).body.totals.requests).toBe(6);
  });

  it('gives p50/p95/p99 of a known latency sequence within the histogram error, merged over shards', async () => {
    const { key, id } = await tenantWithGuardrail('metrics-latency');
    const latencies = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100 ms, shuffled over two shards
    const evens = latencies.filter((ms) => ms % 2 === 0);
    const odds = latencies.filter((ms) => ms % 2 === 1);
    await metricsShard(bindings, 'metrics-latency', id, 0).ingest(aggregate(observations('metrics-latency', id, evens)).get(`metrics-latency\u0000${id}`)!);
    await metricsShard(bindings, 'metrics-latency', id, 3).ingest(aggregate(observations('metrics-latency', id, odds)).get(`metrics-latency\u0000${id}`)!);
    const res = await metrics(key, id);
    expect(res.body.totals.requests).toBe(100);
    // Nearest rank over 1..100: p50 = 50, p95 = 95, p99 = 99; a bucket's midpoint is within 1/32.
    const exact = { p50: 50, p95: 95, p99: 99 };
    for (const [q, want] of Object.entries(exact)) {
      const got = res.body.totals.latency[q];
      expect(Math.abs(got - want) / want).toBeLessThanOrEqual(1 / 32);
    }
    expect(Math.abs(res.body.totals.requestLatency.p50 - 50.5) / 50.5).toBeLessThanOrEqual(1 / 32);
  });

  it('pages the series with a cursor and keeps totals over the whole range', async () => {
    const { key, id } = await tenantWithGuardrail('metrics-pages');
    const minute = 60_000;
    const base = Math.floor(Date.now() / minute) * minute - 10 * minute;
    for (const [offset, n] of [[0, 1], [3, 2], [7, 3]] as const) {
      const obs = observations('metrics-pages', id, Array(n).fill(1), base + offset * minute);
      await metricsShard(bindings, 'metrics-pages', id, offset % 4).ingest(aggregate(obs).get(`metrics-pages\u0000${id}`)!);
    }
    const first = await metrics(key, id, 'interval=PT1M&limit=2');
    expect(first.body.series.map((s: { requests: number }) => s.requests)).toEqual([1, 2]);
    expect(first.body.totals.requests).toBe(6);
    expect(first.body.nextCursor).toBe(String((base + 3 * minute) / 1000));
    const second = await metrics(key, id, `interval=PT1M&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.series.map((s: { requests: number }) => s.requests)).toEqual([3]);
    expect(second.body.series[0].start).toBe(new Date(base + 7 * minute).toISOString());
    expect(second.body.nextCursor).toBeNull();
  });

  it('exposes the tenant\'s counters in Prometheus text format', async () => {
    const { key, id } = await tenantWithGuardrail('metrics-prom');
    await call('POST', `/v1/guardrails/${id}/evaluate`, { key, body: { text: AWS_KEY } });
    await call('POST', `/v1/guardrails/${id}/evaluate`, { key, body: { text: 'hello' } });
    const res = await eventually(() => call('GET', '/v1/metrics', { key }), (r) => String(r.body).includes(`cordon_evaluations_total{guardrail="${id}",verdict="BLOCK"} 1`));
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = String(res.body);
    expect(text).toContain(`cordon_evaluations_total{guardrail="${id}",verdict="ALLOW"} 1`);
    expect(text).toContain(`cordon_findings_total{guardrail="${id}",filter="secrets-1",entity="AWS_ACCESS_KEY"} 1`);
    expect(text).toContain('# TYPE cordon_evaluations_total counter');
    expect(text).toMatch(new RegExp(`cordon_evaluation_latency_ms\\{guardrail="${id}",quantile="0.99"\\} \\d`));
  });

  it('is private to the tenant and checks its parameters', async () => {
    const { key, id } = await tenantWithGuardrail('metrics-own');
    const other = await createKey('metrics-other', ['metrics:read']);
    expect((await metrics(other, id)).status).toBe(404);
    expect(String((await call('GET', '/v1/metrics', { key: other })).body)).not.toContain(id);
    expect((await metrics(key, id, 'interval=PT5M')).status).toBe(400);
    expect((await metrics(key, id, 'from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z')).status).toBe(400);
    expect((await metrics(key, id, 'interval=PT1M&from=0&to=9999999')).body.error.details.path).toBe('to');
    expect((await metrics(key, id, 'limit=0')).status).toBe(400);
    const noScope = await createKey('metrics-own', ['evaluate']);
    expect((await metrics(noScope, id)).status).toBe(403);
  });
});
