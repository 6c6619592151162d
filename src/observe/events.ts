// What the observability path carries: one observation per counted evaluation, the audit
// actions, and the webhook event types subscribers choose from.
import type { Action } from '../policy/filter-schema.js';
import type { Verdict } from '../policy/guardrail-schema.js';

export interface ObservedFinding {
  filter: string;
  entity: string;
  action: Action;
  start: number;
  end: number;
  score: number;
}

/** One counted evaluation (never /test), as the hot path hands it to the batcher. */
export interface EvaluationObservation {
  tenant: string;
  actor: string;
  guardrail: { id: string; version: number };
  evaluationId: string;
  /** Unix ms when it was decided. */
  at: number;
  verdict: Verdict;
  /** `error`: the fail mode decided (with verdict ALLOW, a fail-open event). */
  decisionLayer: 'fast' | 'fallback' | 'error';
  findings: ObservedFinding[];
  /** Requests to the fallback model this evaluation made, and how many failed. */
  fallbackCalls: number;
  fallbackFailures: number;
  /** performance.now() around the evaluation, in µs (see docs/scaling.md on Workers clocks). */
  evaluationUs: number;
  /** From the request's arrival to the verdict, in µs. */
  requestUs: number;
  /** Hex SHA-256 of the input, for BLOCK and REDACT only (what the audit trail keeps instead of the text). */
  inputSha256?: string;
}

export const WEBHOOK_EVENTS = [
  'guardrail.created',
  'guardrail.updated',
  'guardrail.promoted',
  'guardrail.rolled_back',
  'evaluation.blocked',
  'evaluation.redacted',
  'threshold.adjusted',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** Audit actions: the webhook events, plus changes no webhook announces. */
export type AuditAction =
  | WebhookEventType
  | 'guardrail.deleted'
  | 'key.created'
  | 'key.revoked'
  | 'webhook.created'
  | 'webhook.deleted'
  | 'threshold.adjustment_rejected';

export interface AuditInput {
  /** Unix ms. */
  at: number;
  /** Key id (`admin` for the bootstrap key, `autotune` for automatic threshold changes). */
  actor: string;
  action: AuditAction;
  /** What changed: `guardrail:<id>`, `key:<id>`, `webhook:<id>`. */
  target: string;
  details: Record<string, unknown>;
}

export interface WebhookEvent {
  id: string;
  type: WebhookEventType | 'ping';
  createdAt: string;
  data: Record<string, unknown>;
}

export const newEventId = (random: string) => `evt_${random}`;
