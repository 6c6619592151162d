// The hot path's only contact with observability: `observeEvaluation` takes a finished result,
// hands it to the isolate's batcher through waitUntil and returns at once. Hashing the input,
// counting, auditing and webhooks all happen after the response, and nothing here can throw into
// the caller or change the verdict.
import { randomToken, sha256, toHex } from '../auth/keys.js';
import type { Bindings } from '../env.js';
import type { Message } from '../policy/evaluate.js';
import type { EvaluationResult } from '../routes/evaluation.js';
import { auditLog, ledger, metricsShard, shardOf, webhookHub } from '../storage/observe-stubs.js';
import type { LedgerRecord } from '../storage/ledger.js';
import { Batcher } from './batcher.js';
import type { AuditInput, EvaluationObservation, WebhookEvent } from './events.js';
import { newEventId } from './events.js';
import { aggregate } from './metrics-delta.js';
import { yieldThread } from '../yield-thread.js';

const MAX_BATCH = 200;
const MAX_QUEUED = 5000;
const DEFAULT_FLUSH_MS = 1000;
/** Findings carried into an audit entry or webhook payload; the rest are counted, not listed. */
const MAX_LISTED_FINDINGS = 100;

export interface ObservedRequest {
  env: Bindings;
  waitUntil: (p: Promise<unknown>) => void;
  tenant: string;
  actor: string;
  /** performance.now() when the request arrived. */
  receivedAt: number;
  input: { text?: string; messages?: Message[] };
}

let batcher: Batcher<EvaluationObservation> | undefined;
let batcherEnv: Bindings | undefined;
/** Observations started in this isolate and not yet queued, or queued and not yet sent. */
const pending = new Set<Promise<unknown>>();

function tracked<T>(p: Promise<T>): Promise<T> {
  pending.add(p);
  p.then(() => pending.delete(p), () => pending.delete(p));
  return p;
}

/**
 * Resolves when every observation this isolate started has been sent (not delivered: webhook
 * deliveries go on in their object). The worker tests wait on it before their environment closes.
 */
export async function observationsSettled(): Promise<void> {
  while (pending.size > 0 || (batcher?.waiting ?? 0) > 0) {
    if (batcher && batcher.waiting > 0) await batcher.flush();
    await Promise.allSettled([...pending]);
  }
}

function batcherFor(env: Bindings): Batcher<EvaluationObservation> {
  batcherEnv = env;
  if (!batcher) {
    const flushMs = Number(env.CORDON_OBSERVE_FLUSH_MS);
    batcher = new Batcher<EvaluationObservation>({
      maxItems: MAX_BATCH,
      maxAgeMs: Number.isFinite(flushMs) && flushMs >= 0 ? flushMs : DEFAULT_FLUSH_MS,
      maxQueued: MAX_QUEUED,
      send: (items) => sendObservations(batcherEnv!, items),
    });
  }
  return batcher;
}

export function observeEvaluation(req: ObservedRequest, result: EvaluationResult): void {
  try {
    if (req.env.CORDON_OBSERVE_EVALUATIONS === 'false') return;
    const answered = { at: Date.now(), requestUs: Math.round((performance.now() - req.receivedAt) * 1000) };
    // Nothing else runs before the response: the caller returns it in this turn, and the work
    // below starts in a later one (building the observation, hashing the input, and for the
    // request that fills a batch, sending it). The request is held until its item is queued, and
    // on until the batch is sent when it started or filled the batch (see Batcher).
    const queued = tracked(yieldThread().then(() => enqueue(req, result, answered)));
    req.waitUntil(queued.catch((e) => console.error('observe: could not queue', e instanceof Error ? e.name : typeof e)));
  } catch (e) {
    console.error('observe: skipped an evaluation', e instanceof Error ? e.name : typeof e);
  }
}

async function enqueue(req: ObservedRequest, result: EvaluationResult, answered: { at: number; requestUs: number }): Promise<void> {
  const observation: EvaluationObservation = {
    tenant: req.tenant,
    actor: req.actor,
    guardrail: result.guardrail,
    evaluationId: result.evaluationId,
    at: answered.at,
    verdict: result.verdict,
    decisionLayer: result.decisionLayer,
    fallbackCalls: result.fallback?.calls ?? 0,
    fallbackFailures: result.fallback?.failures ?? 0,
    findings: result.findings.map((f) => ({ filter: f.filter, entity: f.entity, action: f.action, start: f.start, end: f.end, score: f.score })),
    evaluationUs: Math.round(result.timings.totalMs * 1000),
    requestUs: answered.requestUs,
  };
  // Only BLOCK and REDACT verdicts are audited, and the audit keeps the input's hash.
  if (result.verdict === 'BLOCK' || result.verdict === 'REDACT') observation.inputSha256 = await inputSha256(req.input);
  await batcherFor(req.env).add(observation);
}

/** SHA-256 of the text, or of the messages as JSON (role and content only). */
async function inputSha256(input: ObservedRequest['input']): Promise<string> {
  const canonical = input.text ?? JSON.stringify((input.messages ?? []).map((m) => ({ role: m.role, content: m.content })));
  return toHex(await sha256(canonical));
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * One batch: metrics per guardrail, ledger per shard, audit and webhooks per tenant, in parallel.
 * Each send starts in a turn of its own: serialising a batch for four objects at once would be one
 * long stretch of the thread.
 */
export async function sendObservations(env: Bindings, items: EvaluationObservation[]): Promise<void> {
  const starts: Array<() => Promise<unknown>> = [];
  for (const [key, deltas] of aggregate(items)) {
    const [tenant, guardrail] = key.split('\u0000');
    starts.push(() => metricsShard(env, tenant, guardrail).ingest(deltas));
  }
  const withFindings = items.filter((o) => o.findings.length > 0);
  for (const group of groupBy(withFindings, (o) => `${o.tenant}\u0000${shardOf(o.evaluationId)}`).values()) {
    const records: LedgerRecord[] = group.map((o) => ({
      evaluationId: o.evaluationId,
      guardrail: o.guardrail.id,
      version: o.guardrail.version,
      filters: [...new Set(o.findings.map((f) => f.filter))],
      at: o.at,
    }));
    starts.push(() => ledger(env, group[0].tenant, group[0].evaluationId).remember(records));
  }
  const notable = items.filter((o) => o.verdict === 'BLOCK' || o.verdict === 'REDACT');
  for (const [tenant, group] of groupBy(notable, (o) => o.tenant)) {
    starts.push(() => auditLog(env, tenant).append(group.map(auditEntry)));
    starts.push(() => webhookHub(env, tenant).publish(group.map(webhookEvent)));
  }
  const sends: Array<Promise<unknown>> = [];
  for (const start of starts) {
    await yieldThread();
    sends.push(Promise.resolve().then(start));
  }
  const results = await Promise.allSettled(sends);
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) {
    const first = (failed[0] as PromiseRejectedResult).reason;
    console.error('observe: sends failed', failed.length, 'of', results.length, first instanceof Error ? first.name : typeof first);
  }
}

function summary(o: EvaluationObservation) {
  return {
    evaluationId: o.evaluationId,
    guardrail: o.guardrail,
    verdict: o.verdict,
    decisionLayer: o.decisionLayer,
    inputSha256: o.inputSha256,
    findingCount: o.findings.length,
    findings: o.findings.slice(0, MAX_LISTED_FINDINGS),
  };
}

function auditEntry(o: EvaluationObservation): AuditInput {
  return { at: o.at, actor: o.actor, action: o.verdict === 'BLOCK' ? 'evaluation.blocked' : 'evaluation.redacted', target: `guardrail:${o.guardrail.id}`, details: summary(o) };
}

function webhookEvent(o: EvaluationObservation): WebhookEvent {
  return {
    id: newEventId(randomToken(20)),
    type: o.verdict === 'BLOCK' ? 'evaluation.blocked' : 'evaluation.redacted',
    createdAt: new Date(o.at).toISOString(),
    data: summary(o),
  };
}
