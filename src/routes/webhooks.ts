// Webhooks: subscribe a URL to events (the signing secret is shown once), list, delete, ping,
// and inspect or redeliver deliveries.
import { Hono } from 'hono';
import { z } from 'zod';
import { requireScope } from '../auth/authenticate.js';
import type { AppEnv } from '../env.js';
import { badRequest } from '../errors.js';
import { readJsonBody } from '../http/json-body.js';
import { checkTarget, targetPolicy } from '../http/network-policy.js';
import { idParam, pageParams } from '../http/params.js';
import { parseOr400 } from '../http/validate.js';
import { LIMITS } from '../limits.js';
import { WEBHOOK_EVENTS } from '../observe/events.js';
import { recordChange } from '../observe/record-change.js';
import { webhookHub } from '../storage/observe-stubs.js';
import { unwrap } from '../storage/registry-client.js';

export const createWebhookSchema = z.strictObject({
  url: z.string().min(1).max(2048),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length),
  filters: z
    .strictObject({ guardrails: z.array(z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'a guardrail id')).min(1).max(100).optional() })
    .default({}),
});

const write = requireScope('webhooks:write');

/** Scheme, host and path only: a query string may carry the receiver's own token. */
const redactedUrl = (url: string) => {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
};

export const webhookRoutes = new Hono<AppEnv>()
  .post('/', write, async (c) => {
    const { tenant, keyId } = c.get('auth');
    const req = parseOr400(createWebhookSchema, await readJsonBody(c, LIMITS.smallBodyBytes));
    // Without resolution here: the name is resolved and checked again at every delivery.
    const target = await checkTarget(req.url, { ...targetPolicy(c.env), resolve: undefined });
    if (!target.ok) throw badRequest(`url: ${target.reason}`, 'url');
    const events = [...new Set(req.events)];
    const created = unwrap(await webhookHub(c.env, tenant).create({ url: target.url.href, events, filters: req.filters, actor: keyId }));
    await recordChange(c.env, {
      tenant,
      actor: keyId,
      action: 'webhook.created',
      target: `webhook:${created.webhook.id}`,
      details: { url: redactedUrl(created.webhook.url), events, filters: req.filters },
    });
    return c.json({ ...created.webhook, secret: created.secret }, 201);
  })
  .get('/', write, async (c) => {
    const { cursor, limit } = pageParams(c);
    const page = await webhookHub(c.env, c.get('auth').tenant).list(cursor, limit);
    return c.json({ webhooks: page.items, nextCursor: page.nextCursor });
  })
  .get('/:id', write, async (c) => c.json(unwrap(await webhookHub(c.env, c.get('auth').tenant).get(idParam(c, 'id', 'webhook')))))
  .delete('/:id', write, async (c) => {
    const { tenant, keyId } = c.get('auth');
    const removed = unwrap(await webhookHub(c.env, tenant).remove(idParam(c, 'id', 'webhook')));
    await recordChange(c.env, { tenant, actor: keyId, action: 'webhook.deleted', target: `webhook:${removed.id}`, details: { url: redactedUrl(removed.url), events: removed.events } });
    return c.body(null, 204);
  })
  .post('/:id/ping', write, async (c) => c.json(unwrap(await webhookHub(c.env, c.get('auth').tenant).ping(idParam(c, 'id', 'webhook')))))
  .get('/:id/deliveries', write, async (c) => {
    const { cursor, limit } = pageParams(c);
    const page = unwrap(await webhookHub(c.env, c.get('auth').tenant).deliveries(idParam(c, 'id', 'webhook'), cursor, limit));
    return c.json({ deliveries: page.items, nextCursor: page.nextCursor });
  })
  .post('/:id/deliveries/:deliveryId/redeliver', write, async (c) => {
    const hub = webhookHub(c.env, c.get('auth').tenant);
    return c.json(unwrap(await hub.redeliver(idParam(c, 'id', 'webhook'), idParam(c, 'deliveryId', 'delivery'))), 202);
  });
