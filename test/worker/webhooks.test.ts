// Webhooks against a real receiver on 127.0.0.1 (test/worker/receiver-setup.ts): signed,
// retried with backoff until delivered exactly once per event, dead-lettered when it never works.
import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import type { Bindings } from '../../src/env.js';
import { verifySignature } from '../../src/observe/signature.js';
import { webhookHub } from '../../src/storage/observe-stubs.js';
import { FINISHED_BEFORE, type WebhookHub } from '../../src/storage/webhooks.js';
import { call, createKey } from './api.js';
import { baseConfig } from './configs.js';
import { eventually } from './observe-helpers.js';

const receiver = `http://127.0.0.1:${inject('receiverPort')}`;
const SCOPES = ['guardrails:write', 'guardrails:read', 'evaluate', 'webhooks:write', 'audit:read'];

interface Received {
  n: number;
  eventId: string;
  eventType: string;
  signature: string;
  body: string;
  answered: number;
}

const received = async (name: string): Promise<Received[]> => (await fetch(`${receiver}/received/${name}`)).json();

interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  history: Array<{ statusCode: number | null; error: string | null }>;
}

async function deliveries(key: string, webhook: string): Promise<Delivery[]> {
  const res = await call('GET', `/v1/webhooks/${webhook}/deliveries?limit=100`, { key });
  expect(res.status).toBe(200);
  return res.body.deliveries;
}

describe('webhooks', () => {
  it('creates a webhook with its secret shown once; lists, reads and deletes it; checks input', async () => {
    const key = await createKey('hooks-crud', SCOPES);
    const created = await call('POST', '/v1/webhooks', { key, body: { url: `${receiver}/hooks/crud`, events: ['guardrail.created', 'evaluation.blocked'] } });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[a-zA-Z0-9]{32}$/);
    expect(created.body).toMatchObject({ url: `${receiver}/hooks/crud`, events: ['guardrail.created', 'evaluation.blocked'], filters: {} });
    const id = created.body.id;
    const got = await call('GET', `/v1/webhooks/${id}`, { key });
    expect(got.body.secret).toBeUndefined();
    const list = await call('GET', '/v1/webhooks', { key });
    expect(list.body.webhooks.map((w: { id: string }) => w.id)).toEqual([id]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
    const audit = await call('GET', '/v1/audit?action=webhook.created', { key });
    expect(audit.body.entries[0]).toMatchObject({ target: `webhook:${id}`, details: { url: `${receiver}/hooks/crud` } });
    expect(JSON.stringify(audit.body)).not.toContain(created.body.secret);

    for (const body of [
      { url: 'not a url', events: ['guardrail.created'] },
      { url: 'ftp://example.com/x', events: ['guardrail.created'] },
      { url: 'https://user:pw@example.com/x', events: ['guardrail.created'] },
      { url: `${receiver}/x`, events: ['guardrail.exploded'] },
      { url: `${receiver}/x`, events: [] },
      { url: `https://example.com/${'a'.repeat(2100)}`, events: ['guardrail.created'] },
    ]) {
      const res = await call('POST', '/v1/webhooks', { key, body });
      expect(res.status).toBe(400);
    }
    const other = await createKey('hooks-other', ['webhooks:write']);
    for (const [method, path] of [['GET', `/v1/webhooks/${id}`], ['DELETE', `/v1/webhooks/${id}`], ['POST', `/v1/webhooks/${id}/ping`], ['GET', `/v1/webhooks/${id}/deliveries`]]) {
      expect((await call(method, path, { key: other })).status).toBe(404);
    }
    expect((await call('DELETE', `/v1/webhooks/${id}`, { key })).status).toBe(204);
    expect((await call('GET', `/v1/webhooks/${id}`, { key })).status).toBe(404);
    expect((await call('GET', '/v1/audit?action=webhook.deleted', { key })).body.entries).toHaveLength(1);
  });

  it('delivers every event exactly once with valid signatures to a receiver that fails three times, then recovers', async () => {
    const key = await createKey('hooks-retry', SCOPES);
    const hook = await call('POST', '/v1/webhooks', {
      key,
      body: { url: `${receiver}/hooks/retry?fail=3`, events: ['guardrail.created', 'guardrail.updated', 'evaluation.blocked', 'evaluation.redacted'] },
    });
    const { id: webhook, secret } = hook.body;
    const g = await call('POST', '/v1/guardrails', { key, body: baseConfig() });
    await call('PUT', `/v1/guardrails/${g.body.id}`, { key, body: baseConfig({ name: 'v2' }), headers: { 'if-match': '"1"' } });
    const blocked = await call('POST', `/v1/guardrails/${g.body.id}/evaluate`, { key, body: { text: 'my key is AKIAZ3MHALN4SXQ6WD7B' } });
    await call('POST', `/v1/guardrails/${g.body.id}/evaluate`, { key, body: { text: 'mail ann@example.com' } });
    await call('POST', `/v1/guardrails/${g.body.id}/evaluate`, { key, body: { text: 'hello' } }); // ALLOW: no event

    const done = await eventually(() => deliveries(key, webhook), (d) => d.length === 4 && d.every((x) => x.status === 'delivered'), 15_000);
    const got = await received('retry');
    expect(got.filter((r) => r.answered !== 200)).toHaveLength(3);
    const successes = got.filter((r) => r.answered === 200);
    const ids = successes.map((r) => r.eventId);
    expect(new Set(ids).size).toBe(ids.length); // exactly once each
    expect(ids.sort()).toEqual(done.map((d) => d.eventId).sort());
    expect(successes.map((r) => r.eventType).sort()).toEqual(['evaluation.blocked', 'evaluation.redacted', 'guardrail.created', 'guardrail.updated']);
    // Failed attempts carried the same event ids as the successes that followed.
    for (const r of got.filter((x) => x.answered !== 200)) expect(ids).toContain(r.eventId);
    const now = Math.floor(Date.now() / 1000);
    for (const r of got) {
      expect(await verifySignature(secret, r.body, r.signature, now)).toBe(true);
      expect(await verifySignature('whsec_wrong', r.body, r.signature, now)).toBe(false);
      expect(await verifySignature(secret, `${r.body} `, r.signature, now)).toBe(false);
      expect(JSON.parse(r.body).id).toBe(r.eventId);
    }
    const blockedEvent = JSON.parse(successes.find((r) => r.eventType === 'evaluation.blocked')!.body);
    expect(blockedEvent.data).toMatchObject({ evaluationId: blocked.body.evaluationId, verdict: 'BLOCK', guardrail: { id: g.body.id } });
    expect(JSON.stringify(got)).not.toContain('AKIAZ3MHALN4SXQ6WD7B');
    const retried = done.filter((d) => d.attempts > 1);
    expect(retried.reduce((n, d) => n + d.attempts - 1, 0)).toBe(3);
    expect(retried[0].history[0]).toMatchObject({ statusCode: 500, error: 'HTTP 500' });
  });

  it('dead-letters deliveries to a receiver that never recovers, and redelivers on request', async () => {
    const key = await createKey('hooks-dead', SCOPES);
    const broken = (await call('POST', '/v1/webhooks', { key, body: { url: `${receiver}/hooks/dead?fail=always`, events: ['guardrail.created'] } })).body.id;
    const bouncing = (await call('POST', '/v1/webhooks', { key, body: { url: `${receiver}/hooks/bounce?fail=always&status=302`, events: ['guardrail.created'] } })).body.id;
    await call('POST', '/v1/guardrails', { key, body: baseConfig() });
    const [dead] = await eventually(() => deliveries(key, broken), (d) => d.length === 1 && d[0].status === 'dead', 15_000);
    expect(dead.attempts).toBe(5); // CORDON_WEBHOOK_MAX_ATTEMPTS in vitest.config.ts
    expect(dead.history.map((h) => h.statusCode)).toEqual([500, 500, 500, 500, 500]);
    expect((await received('dead')).length).toBe(5);
    const [bounced] = await eventually(() => deliveries(key, bouncing), (d) => d[0]?.status === 'dead', 15_000);
    expect(bounced.history[0]).toMatchObject({ statusCode: 302, error: 'redirects are not followed' });

    const again = await call('POST', `/v1/webhooks/${broken}/deliveries/${dead.id}/redeliver`, { key });
    expect(again.status).toBe(202);
    expect(again.body.status).toBe('pending');
    const [redead] = await eventually(() => deliveries(key, broken), (d) => d[0].status === 'dead' && d[0].attempts === 10, 15_000);
    expect(redead.eventId).toBe(dead.eventId);
    expect(new Set((await received('dead')).map((r) => r.eventId))).toEqual(new Set([dead.eventId]));
    expect((await call('POST', `/v1/webhooks/${broken}/deliveries/dlv_nope/redeliver`, { key })).status).toBe(404);
  });

  it('keeps a delivery cancelled when its webhook is deleted while the attempt is in flight', async () => {
    const key = await createKey('hooks-inflight', SCOPES);
    const hook = (await call('POST', '/v1/webhooks', { key, body: { url: `${receiver}/hooks/inflight?hold=1500`, events: ['guardrail.created'] } })).body.id;
    await call('POST', '/v1/guardrails', { key, body: baseConfig() });
    await eventually(() => received('inflight'), (r) => r.length === 1); // arrived, not yet answered
    expect((await call('DELETE', `/v1/webhooks/${hook}`, { key })).status).toBe(204);
    const row = () =>
      runInDurableObject(webhookHub(env as unknown as Bindings, 'hooks-inflight'), (_hub: WebhookHub, state) =>
        state.storage.sql.exec<{ status: string; attempts: number }>(`SELECT status, attempts FROM deliveries WHERE webhook_id = ?`, hook).one());
    // The receiver answers 200 after the delete: the attempt is counted, the delivery stays cancelled.
    const done = await eventually(row, (r) => r.attempts === 1, 5_000);
    expect(done).toEqual({ status: 'cancelled', attempts: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(await row()).toEqual({ status: 'cancelled', attempts: 1 });
    expect((await received('inflight')).length).toBe(1);
  });

  it('pings a webhook at once, and only sends subscribed events about the filtered guardrails', async () => {
    const key = await createKey('hooks-ping', SCOPES);
    const g1 = (await call('POST', '/v1/guardrails', { key, body: baseConfig() })).body.id;
    const g2 = (await call('POST', '/v1/guardrails', { key, body: baseConfig() })).body.id;
    const hook = await call('POST', '/v1/webhooks', { key, body: { url: `${receiver}/hooks/filtered`, events: ['evaluation.blocked'], filters: { guardrails: [g2] } } });
    const ping = await call('POST', `/v1/webhooks/${hook.body.id}/ping`, { key });
    expect(ping.body).toMatchObject({ delivered: true, statusCode: 200, error: null });
    for (const g of [g1, g2]) {
      await call('POST', `/v1/guardrails/${g}/evaluate`, { key, body: { text: 'my key is AKIAZ3MHALN4SXQ6WD7B' } });
      await call('POST', `/v1/guardrails/${g}/evaluate`, { key, body: { text: 'mail ann@example.com' } }); // not subscribed
    }
    const got = await eventually(() => received('filtered'), (r) => r.length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    expect((await received('filtered')).map((r) => r.eventType)).toEqual(['ping', 'evaluation.blocked']);
    expect(JSON.parse(got[1].body).data.guardrail.id).toBe(g2);
  });
});

describe('webhook delivery retention', () => {
  it('removes finished deliveries past 30 days with their attempts, by age, and keeps the rest', async () => {
    const hub = webhookHub(env as unknown as Bindings, `retention-${crypto.randomUUID()}`);
    const day = 86400 * 1000;
    await runInDurableObject(hub, async (instance: WebhookHub, state) => {
      const sql = state.storage.sql;
      const row = (id: string, status: string, ageDays: number) => {
        // A pending one waits a day for its next attempt, so this run does not touch it.
        sql.exec(`INSERT INTO deliveries (id, webhook_id, event_id, event_type, payload, status, next_at, created_at) VALUES (?, 'wh_x', ?, 'ping', '{}', ?, ?, ?)`, id, `evt_${id}`, status, Date.now() + day, Date.now() - ageDays * day);
        sql.exec(`INSERT INTO attempts (delivery_id, n, at, duration_ms) VALUES (?, 1, 0, 1)`, id);
      };
      row('old-delivered', 'delivered', 31);
      row('old-dead', 'dead', 40);
      row('old-pending', 'pending', 31); // not finished: kept, whatever its age
      row('recent-delivered', 'delivered', 29);
      await instance.alarm();
      const left = sql.exec<{ id: string; status: string }>(`SELECT id, status FROM deliveries ORDER BY id`).toArray();
      expect(left).toEqual([{ id: 'old-pending', status: 'pending' }, { id: 'recent-delivered', status: 'delivered' }]);
      const attempts = sql.exec<{ delivery_id: string }>(`SELECT delivery_id FROM attempts ORDER BY delivery_id`).toArray().map((r) => r.delivery_id);
      expect(attempts).toEqual(['old-pending', 'recent-delivered']);
      const plan = sql.exec<{ detail: string }>(`EXPLAIN QUERY PLAN ${FINISHED_BEFORE}`, 0).toArray();
      expect(plan.map((p) => p.detail).join(' ')).toContain('deliveries_by_age');
    });
  });
});
