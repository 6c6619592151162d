// Control-plane changes (guardrail lifecycle, keys, webhooks, auto-tuning): one audit entry and,
// for the announced kinds, one webhook event. Awaited by the route (not the hot path), so the
// audit trail reads back at once; a failure is logged and never fails the change itself, which
// has already been committed by the registry.
import { randomToken } from '../auth/keys.js';
import type { Bindings } from '../env.js';
import { auditLog, webhookHub } from '../storage/observe-stubs.js';
import { type AuditAction, WEBHOOK_EVENTS, type WebhookEventType, newEventId } from './events.js';

export interface Change {
  tenant: string;
  actor: string;
  action: AuditAction;
  target: string;
  details: Record<string, unknown>;
}

const announced = new Set<string>(WEBHOOK_EVENTS);

export async function recordChange(env: Bindings, change: Change): Promise<void> {
  const at = Date.now();
  const audit = auditLog(env, change.tenant)
    .append([{ at, actor: change.actor, action: change.action, target: change.target, details: change.details }])
    .catch((e) => console.error('audit append failed', change.action, e instanceof Error ? e.name : typeof e));
  const hook = announced.has(change.action)
    ? webhookHub(env, change.tenant)
        .publish([{ id: newEventId(randomToken(20)), type: change.action as WebhookEventType, createdAt: new Date(at).toISOString(), data: { ...change.details, actor: change.actor } }])
        .catch((e) => console.error('webhook publish failed', change.action, e instanceof Error ? e.name : typeof e))
    : undefined;
  await Promise.all([audit, hook]);
}
