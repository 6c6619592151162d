// The tenant's webhooks: subscriptions and a durable outbox of deliveries, sent by alarms with
// exponential backoff and jitter, dead-lettered after the last attempt. An event is frozen into
// one delivery per subscribed webhook when published; retries resend the same bytes and event id.
import { DurableObject } from 'cloudflare:workers';
import { randomToken } from '../auth/keys.js';
import type { Bindings } from '../env.js';
import { targetPolicy } from '../http/network-policy.js';
import { backoffMs } from '../observe/backoff.js';
import { type WebhookEvent, newEventId } from '../observe/events.js';
import type { Page, Result } from './types.js';
import { type AttemptOutcome, attemptDelivery } from './webhook-delivery.js';
import { WEBHOOK_SCHEMA, WEBHOOK_SCHEMA_VERSION } from './webhook-schema.js';
import { applySchema } from './sql-schema.js';
import { writeInSlices } from './write-in-slices.js';

export const MAX_WEBHOOKS = 20;
const DEFAULT_BACKOFF_MS = 5000;
const DEFAULT_MAX_ATTEMPTS = 8;
/** Deliveries sent per alarm run; the rest wait for the next run, scheduled at once. */
const SEND_PER_RUN = 25;
/**
 * Deliveries in flight at once. A run's deliveries go out a few at a time rather than all
 * together: the receiver is not hit by a burst, and the isolate (which, running locally, is the
 * gateway's own thread) never has a long stretch of signing and sending to do in one go.
 */
const SEND_CONCURRENCY = 4;
const KEEP_FINISHED_MS = 30 * 86400 * 1000;
/**
 * How often finished deliveries past KEEP_FINISHED_MS are removed. Not on every run: a busy hub
 * runs several times a second and keeps a month of deliveries; the sweep reads them by age
 * (deliveries_by_age), so it touches only the rows it removes.
 */
const SWEEP_EVERY_MS = 3600 * 1000;
/**
 * Ids of finished deliveries created before the bound (`?`). `+status`: the rows are found by age
 * (deliveries_by_age), not by status: there may be a month of delivered ones.
 */
export const FINISHED_BEFORE = `SELECT id FROM deliveries WHERE created_at < ? AND +status IN ('delivered', 'dead', 'cancelled')`;

export interface WebhookFilters {
  /** Only events about these guardrails (events about no guardrail always pass). */
  guardrails?: string[];
}

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  filters: WebhookFilters;
  createdAt: string;
  createdBy: string;
}

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'sending' | 'delivered' | 'dead' | 'cancelled';
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  history: Array<{ n: number; at: string; statusCode: number | null; error: string | null; durationMs: number }>;
}

interface WebhookRow {
  id: string;
  url: string;
  events: string;
  filters: string;
  secret: string;
  created_at: string;
  created_by: string;
  [k: string]: SqlStorageValue;
}

interface DeliveryRow {
  seq: number;
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  status: DeliveryView['status'];
  attempts: number;
  round_attempts: number;
  next_at: number;
  created_at: number;
  delivered_at: number | null;
  [k: string]: SqlStorageValue;
}

const notFound = (what: string) => ({ refused: { status: 404 as const, code: 'not_found', message: `no such ${what}` } });

export class WebhookHub extends DurableObject<Bindings> {
  private readonly sql: SqlStorage;
  /** When this instance last swept; a fresh instance sweeps at its first run. */
  private sweptAt = 0;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => {
      applySchema(this.sql, WEBHOOK_SCHEMA, WEBHOOK_SCHEMA_VERSION);
      // A send in flight when the object stopped never finished: it goes out again (same event id).
      this.sql.exec(`UPDATE deliveries SET status = 'pending' WHERE status = 'sending'`);
    });
  }

  create(req: { url: string; events: string[]; filters: WebhookFilters; actor: string }): Result<{ webhook: Webhook; secret: string }> {
    const active = this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM webhooks WHERE deleted_at IS NULL`).one().n;
    if (active >= MAX_WEBHOOKS) return { refused: { status: 409, code: 'too_many_webhooks', message: `at most ${MAX_WEBHOOKS} webhooks per tenant` } };
    const id = `wh_${randomToken(16)}`;
    const secret = `whsec_${randomToken(32)}`;
    const createdAt = new Date().toISOString();
    this.sql.exec(`INSERT INTO webhooks (id, url, events, filters, secret, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      id, req.url, JSON.stringify(req.events), JSON.stringify(req.filters), secret, createdAt, req.actor);
    return { ok: { webhook: toWebhook(this.webhookRow(id)!), secret } };
  }

  list(cursor: number, limit: number): Page<Webhook> {
    const rows = this.sql.exec<WebhookRow & { seq: number }>(`SELECT * FROM webhooks WHERE deleted_at IS NULL AND seq > ? ORDER BY seq LIMIT ?`, cursor, limit + 1).toArray();
    const items = rows.slice(0, limit);
    return { items: items.map(toWebhook), nextCursor: rows.length > limit ? String(items[items.length - 1].seq) : null };
  }

  get(id: string): Result<Webhook> {
    const row = this.webhookRow(id);
    return row ? { ok: toWebhook(row) } : notFound('webhook');
  }

  remove(id: string): Result<Webhook> {
    const row = this.webhookRow(id);
    if (!row) return notFound('webhook');
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(`UPDATE webhooks SET deleted_at = ? WHERE id = ?`, new Date().toISOString(), id);
      this.sql.exec(`UPDATE deliveries SET status = 'cancelled' WHERE webhook_id = ? AND status IN ('pending', 'sending')`, id);
    });
    return { ok: toWebhook(row) };
  }

  /** Queues one delivery per webhook subscribed to each event; returns how many were queued. */
  async publish(events: WebhookEvent[]): Promise<number> {
    const hooks = this.sql.exec<WebhookRow>(`SELECT * FROM webhooks WHERE deleted_at IS NULL`).toArray().map((h) => ({
      id: h.id,
      events: new Set(JSON.parse(h.events) as string[]),
      guardrails: (JSON.parse(h.filters) as WebhookFilters).guardrails,
    }));
    if (hooks.length === 0) return 0;
    const queue: Array<{ hookId: string; event: WebhookEvent }> = [];
    for (const event of events) {
      const guardrail = (event.data.guardrail as { id?: string } | undefined)?.id;
      for (const h of hooks) {
        const matches = !h.guardrails || guardrail === undefined || h.guardrails.includes(guardrail);
        if (h.events.has(event.type) && matches) queue.push({ hookId: h.id, event });
      }
    }
    const now = Date.now();
    await writeInSlices(this.ctx.storage, queue, (q) => this.insertDelivery(q.hookId, q.event, 'pending', now));
    if (queue.length > 0) await this.scheduleAlarm();
    return queue.length;
  }

  /** Sends a `ping` event to one webhook now; a failure stays in the outbox and is retried. */
  async ping(id: string): Promise<Result<{ eventId: string; deliveryId: string; delivered: boolean; statusCode: number | null; error: string | null }>> {
    const hook = this.webhookRow(id);
    if (!hook) return notFound('webhook');
    const event: WebhookEvent = { id: newEventId(randomToken(20)), type: 'ping', createdAt: new Date().toISOString(), data: { webhook: { id } } };
    const deliveryId = this.insertDelivery(id, event, 'sending', Date.now());
    const outcome = await this.send(this.deliveryRow(id, deliveryId)!, hook);
    await this.scheduleAlarm();
    return { ok: { eventId: event.id, deliveryId, delivered: outcome.ok, statusCode: outcome.statusCode ?? null, error: outcome.error ?? null } };
  }

  deliveries(id: string, cursor: number, limit: number): Result<Page<DeliveryView>> {
    if (!this.webhookRow(id)) return notFound('webhook');
    const rows = this.sql.exec<DeliveryRow>(`SELECT * FROM deliveries WHERE webhook_id = ? AND seq > ? ORDER BY seq LIMIT ?`, id, cursor, limit + 1).toArray();
    const items = rows.slice(0, limit);
    return { ok: { items: items.map((r) => this.view(r)), nextCursor: rows.length > limit ? String(items[items.length - 1].seq) : null } };
  }

  /** Sends a delivery again (a dead-lettered one, or any other) with a fresh round of attempts. */
  async redeliver(id: string, deliveryId: string): Promise<Result<DeliveryView>> {
    if (!this.webhookRow(id)) return notFound('webhook');
    const row = this.deliveryRow(id, deliveryId);
    if (!row) return notFound('delivery');
    if (row.status === 'sending') return { refused: { status: 409, code: 'delivery_in_flight', message: 'this delivery is being sent right now' } };
    this.sql.exec(`UPDATE deliveries SET status = 'pending', round_attempts = 0, next_at = ? WHERE id = ?`, Date.now(), deliveryId);
    await this.scheduleAlarm();
    return { ok: this.view(this.deliveryRow(id, deliveryId)!) };
  }

  override async alarm(): Promise<void> {
    const due = this.sql
      .exec<DeliveryRow>(`SELECT * FROM deliveries WHERE status = 'pending' AND next_at <= ? ORDER BY next_at LIMIT ?`, Date.now(), SEND_PER_RUN)
      .toArray();
    if (due.length > 0) {
      this.sql.exec(`UPDATE deliveries SET status = 'sending' WHERE id IN (${due.map(() => '?').join(',')})`, ...due.map((d) => d.id));
      let next = 0;
      const worker = async () => {
        while (next < due.length) {
          const d = due[next++];
          const hook = this.webhookRow(d.webhook_id);
          if (!hook) this.sql.exec(`UPDATE deliveries SET status = 'cancelled' WHERE id = ?`, d.id);
          else await this.send(d, hook);
        }
      };
      await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, due.length) }, worker));
    }
    if (Date.now() - this.sweptAt >= SWEEP_EVERY_MS) this.sweep();
    await this.scheduleAlarm();
  }

  /** Removes finished deliveries (and their attempts) older than KEEP_FINISHED_MS. */
  private sweep(): void {
    this.sweptAt = Date.now();
    const cutoff = this.sweptAt - KEEP_FINISHED_MS;
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(`DELETE FROM attempts WHERE delivery_id IN (${FINISHED_BEFORE})`, cutoff);
      this.sql.exec(`DELETE FROM deliveries WHERE id IN (${FINISHED_BEFORE})`, cutoff);
    });
  }

  /** One attempt and its bookkeeping: delivered, or retried after a backoff, or dead. */
  private async send(d: DeliveryRow, hook: WebhookRow): Promise<AttemptOutcome> {
    const outcome = await attemptDelivery(
      { url: hook.url, secret: hook.secret, eventId: d.event_id, eventType: d.event_type, deliveryId: d.id, body: d.payload },
      targetPolicy(this.env),
    );
    const now = Date.now();
    const attempts = d.attempts + 1;
    const round = d.round_attempts + 1;
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(`INSERT INTO attempts (delivery_id, n, at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?)`,
        d.id, attempts, now, outcome.statusCode ?? null, outcome.error ?? null, outcome.durationMs);
      // Delivered, dead after the last attempt, or pending until the backoff has passed.
      const [outcomeSet, outcomeArgs]: [string, SqlStorageValue[]] = outcome.ok
        ? [`status = 'delivered', delivered_at = ?`, [now]]
        : round >= this.maxAttempts()
          ? [`status = 'dead'`, []]
          : [`status = 'pending', next_at = ?`, [now + backoffMs(this.backoffBaseMs(), round)]];
      // A webhook deleted while this attempt was in flight stays cancelled: the outcome is written
      // only to a delivery that is not, and a cancelled one just counts the attempt.
      const written = this.sql.exec(`UPDATE deliveries SET ${outcomeSet}, attempts = ?, round_attempts = ? WHERE id = ? AND status != 'cancelled'`, ...outcomeArgs, attempts, round, d.id).rowsWritten;
      if (written === 0) this.sql.exec(`UPDATE deliveries SET attempts = ? WHERE id = ?`, attempts, d.id);
    });
    return outcome;
  }

  private async scheduleAlarm(): Promise<void> {
    const next = this.sql.exec<{ at: number | null }>(`SELECT MIN(next_at) AS at FROM deliveries WHERE status = 'pending'`).one().at;
    if (next === null) return;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > next) await this.ctx.storage.setAlarm(Math.max(next, Date.now()));
  }

  private insertDelivery(webhookId: string, event: WebhookEvent, status: 'pending' | 'sending', now: number): string {
    const id = `dlv_${randomToken(20)}`;
    this.sql.exec(`INSERT OR IGNORE INTO deliveries (id, webhook_id, event_id, event_type, payload, status, next_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      id, webhookId, event.id, event.type, JSON.stringify(event), status, now, now);
    return id;
  }

  private maxAttempts(): number {
    const n = Number(this.env.CORDON_WEBHOOK_MAX_ATTEMPTS);
    return Number.isInteger(n) && n >= 1 && n <= 50 ? n : DEFAULT_MAX_ATTEMPTS;
  }

  private backoffBaseMs(): number {
    const n = Number(this.env.CORDON_WEBHOOK_BACKOFF_MS);
    return Number.isFinite(n) && n >= 1 ? n : DEFAULT_BACKOFF_MS;
  }

  private webhookRow(id: string, includeDeleted = false): WebhookRow | undefined {
    return this.sql.exec<WebhookRow>(`SELECT * FROM webhooks WHERE id = ?${includeDeleted ? '' : ' AND deleted_at IS NULL'}`, id).toArray()[0];
  }

  private deliveryRow(webhookId: string, id: string): DeliveryRow | undefined {
    return this.sql.exec<DeliveryRow>(`SELECT * FROM deliveries WHERE id = ? AND webhook_id = ?`, id, webhookId).toArray()[0];
  }

  private view(r: DeliveryRow): DeliveryView {
    const history = this.sql
      .exec<{ n: number; at: number; status_code: number | null; error: string | null; duration_ms: number }>(`SELECT * FROM attempts WHERE delivery_id = ? ORDER BY n`, r.id)
      .toArray()
      .map((a) => ({ n: a.n, at: new Date(a.at).toISOString(), statusCode: a.status_code, error: a.error, durationMs: a.duration_ms }));
    return {
      id: r.id,
      eventId: r.event_id,
      eventType: r.event_type,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? new Date(r.next_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
      deliveredAt: r.delivered_at === null ? null : new Date(r.delivered_at).toISOString(),
      history,
    };
  }
}

function toWebhook(r: WebhookRow): Webhook {
  return { id: r.id, url: r.url, events: JSON.parse(r.events), filters: JSON.parse(r.filters), createdAt: r.created_at, createdBy: r.created_by };
}
