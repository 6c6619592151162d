// Metrics: a guardrail's series and totals (JSON), and the tenant's counters for Prometheus.
import { Hono } from 'hono';
import { requireScope } from '../auth/authenticate.js';
import type { AppEnv } from '../env.js';
import { idParam } from '../http/params.js';
import { seriesPage, timeRange } from '../http/time-range.js';
import { countsView, seriesView } from '../observe/metrics-view.js';
import { renderPrometheus } from '../observe/prometheus.js';
import { readIndex } from '../storage/configs.js';
import { addCounts, emptyCounts } from '../storage/metrics.js';
import type { SeriesRow } from '../storage/metrics-types.js';
import { allMetricsShards } from '../storage/observe-stubs.js';
import { registry, unwrap } from '../storage/registry-client.js';

const read = requireScope('metrics:read');
/** Guardrails one scrape covers (each costs one request per shard). */
const MAX_SCRAPED = 100;
const RECENT_MINUTES = 5;

/** GET /v1/guardrails/:id/metrics */
export const guardrailMetricsRoutes = new Hono<AppEnv>().get('/:id/metrics', read, async (c) => {
  const { tenant } = c.get('auth');
  const id = idParam(c);
  const range = timeRange(c);
  const { after, limit } = seriesPage(c);
  // Unknown, deleted or another tenant's guardrail: 404 (metrics objects are named by tenant anyway).
  unwrap(await registry(c.env, tenant).getGuardrail(id));
  const shards = await Promise.all(allMetricsShards(c.env, tenant, id).map((s) => s.query(range.resolution, range.from, range.to, after, limit)));
  const totals = emptyCounts();
  const byStart = new Map<number, SeriesRow>();
  let more = false;
  for (const shard of shards) {
    addCounts(totals, shard.totals);
    more ||= shard.more;
    for (const row of shard.rows) {
      const cur = byStart.get(row.start);
      if (cur) addCounts(cur, row);
      else byStart.set(row.start, row);
    }
  }
  // Each shard returned its first `limit` buckets, so the first `limit` merged starts are complete.
  const starts = [...byStart.keys()].sort((a, b) => a - b);
  const page = starts.slice(0, limit);
  const nextCursor = starts.length > limit || (more && page.length > 0) ? String(page[page.length - 1]) : null;
  return c.json({
    guardrail: { id },
    interval: range.interval,
    from: new Date(range.from * 1000).toISOString(),
    to: new Date(range.to * 1000).toISOString(),
    series: page.map((s) => seriesView(byStart.get(s)!)),
    totals: countsView(totals),
    nextCursor,
  });
});

/** GET /v1/metrics: Prometheus text for the key's tenant. */
export const prometheusRoutes = new Hono<AppEnv>().get('/', read, async (c) => {
  const { tenant } = c.get('auth');
  const guardrails = (await readIndex(c.env, tenant)).slice(0, MAX_SCRAPED);
  const recentFrom = Math.floor(Date.now() / 1000) - RECENT_MINUTES * 60;
  const snapshots = await Promise.all(
    guardrails.map(async (g) => {
      const parts = await Promise.all(allMetricsShards(c.env, tenant, g.id).map((s) => s.snapshot(recentFrom)));
      const allTime = emptyCounts();
      const recent = emptyCounts();
      for (const p of parts) {
        addCounts(allTime, p.allTime);
        addCounts(recent, p.recent);
      }
      return { id: g.id, allTime, recent };
    }),
  );
  return c.text(renderPrometheus(snapshots, RECENT_MINUTES), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
});
