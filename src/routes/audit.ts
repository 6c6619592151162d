// The audit trail: filtered pages, NDJSON export, and verification of the hash chain.
import { type Context, Hono } from 'hono';
import { requireScope } from '../auth/authenticate.js';
import type { AppEnv } from '../env.js';
import { badRequest } from '../errors.js';
import { pageParams } from '../http/params.js';
import type { AuditFilter } from '../storage/audit.js';
import { auditLog } from '../storage/observe-stubs.js';

const read = requireScope('audit:read');
const EXPORT_PAGE = 500;

function auditFilter(c: Context): AuditFilter {
  const out: AuditFilter = {};
  for (const name of ['action', 'target', 'actor'] as const) {
    const v = c.req.query(name);
    if (v === undefined) continue;
    if (!/^[A-Za-z0-9_.:-]{1,140}$/.test(v)) throw badRequest(`${name}: at most 140 letters, digits and _ . : -`, name);
    out[name] = v;
  }
  for (const name of ['from', 'to'] as const) {
    const v = c.req.query(name);
    if (v === undefined) continue;
    const ms = v.length <= 40 ? Date.parse(v) : NaN;
    if (Number.isNaN(ms)) throw badRequest(`${name}: must be an ISO 8601 date-time`, name);
    out[name] = new Date(ms).toISOString();
  }
  return out;
}

export const auditRoutes = new Hono<AppEnv>()
  .get('/', read, async (c) => {
    const filter = auditFilter(c);
    const { cursor, limit } = pageParams(c);
    return c.json(await auditLog(c.env, c.get('auth').tenant).list(filter, cursor, limit));
  })
  .get('/verify', read, async (c) => c.json(await auditLog(c.env, c.get('auth').tenant).verify()))
  .get('/export', read, async (c) => {
    const filter = auditFilter(c);
    const log = auditLog(c.env, c.get('auth').tenant);
    const encoder = new TextEncoder();
    let cursor = 0;
    // Pulled page by page as the client reads, so an export of any size holds one page in memory.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const page = await log.list(filter, cursor, EXPORT_PAGE);
          if (page.entries.length > 0) controller.enqueue(encoder.encode(page.entries.map((e) => `${JSON.stringify(e)}\n`).join('')));
          if (page.nextCursor === null) controller.close();
          else cursor = Number(page.nextCursor);
        } catch (e) {
          console.error('audit export failed', e instanceof Error ? e.name : typeof e);
          controller.error(new Error('audit export failed'));
        }
      },
    });
    return new Response(body, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-disposition': 'attachment; filename="audit.ndjson"' } });
  });
