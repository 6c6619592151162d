// `from`, `to` and `interval` of the metrics endpoint.
import type { Context } from 'hono';
import { badRequest } from '../errors.js';
import { INTERVALS, type Interval, RETENTION, type Resolution } from '../observe/time-buckets.js';

/** Span shown when `from` is not given. */
const DEFAULT_SPAN: Record<Resolution, number> = { 60: 3600, 3600: 86400, 86400: 30 * 86400 };

/** ISO 8601 date-time or unix seconds -> unix seconds. */
function instant(c: Context, name: string): number | undefined {
  const v = c.req.query(name);
  if (v === undefined) return undefined;
  if (/^\d{1,11}$/.test(v)) return Number(v);
  const ms = v.length <= 40 && /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : NaN;
  if (Number.isNaN(ms)) throw badRequest(`${name}: must be an ISO 8601 date-time or unix seconds`, name);
  return Math.floor(ms / 1000);
}

export function timeRange(c: Context): { interval: Interval; resolution: Resolution; from: number; to: number } {
  const interval = (c.req.query('interval') ?? 'PT1H') as Interval;
  if (!(interval in INTERVALS)) throw badRequest('interval: must be PT1M, PT1H or P1D', 'interval');
  const resolution = INTERVALS[interval];
  const to = instant(c, 'to') ?? Math.floor(Date.now() / 1000) + 1;
  const from = instant(c, 'from') ?? to - DEFAULT_SPAN[resolution];
  if (from >= to) throw badRequest('from: must be before to', 'from');
  if (to - from > RETENTION[resolution]) throw badRequest(`to: at most ${RETENTION[resolution] / 86400} days of ${interval} buckets are kept; ask a coarser interval`, 'to');
  // Whole buckets: the one holding `from` is included.
  return { interval, resolution, from: from - (from % resolution), to };
}

/** `cursor` (a bucket start returned as nextCursor) and `limit` (1..1000 buckets). */
export function seriesPage(c: Context): { after: number | null; limit: number } {
  const cursor = c.req.query('cursor');
  const limit = c.req.query('limit') ?? '100';
  if (cursor !== undefined && !/^\d{1,11}$/.test(cursor)) throw badRequest('cursor: must be a cursor returned as nextCursor', 'cursor');
  if (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > 1000) throw badRequest('limit: must be an integer from 1 to 1000', 'limit');
  return { after: cursor === undefined ? null : Number(cursor), limit: Number(limit) };
}
