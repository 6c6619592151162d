// POST /v1/evaluations/:evaluationId/feedback: was this evaluation a false positive? Checked
// against the tenant's ledger of recent evaluations, counted once, and handed to auto-tuning.
import { Hono } from 'hono';
import { z } from 'zod';
import { requireScope } from '../auth/authenticate.js';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';
import { readJsonBody } from '../http/json-body.js';
import { idParam } from '../http/params.js';
import { parseOr400 } from '../http/validate.js';
import { LIMITS } from '../limits.js';
import { ledger, metricsShard, shardOf } from '../storage/observe-stubs.js';
import { unwrap } from '../storage/registry-client.js';
import { type TuneOutcome, autoTune } from './auto-tune.js';

export const feedbackSchema = z.strictObject({
  falsePositive: z.boolean(),
  filter: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'a filter id as findings show it').optional(),
  note: z.string().max(1000).optional(),
});

export const feedbackRoutes = new Hono<AppEnv>().post('/:evaluationId/feedback', requireScope('evaluate'), async (c) => {
  const { tenant, keyId } = c.get('auth');
  const evaluationId = idParam(c, 'evaluationId', 'evaluation');
  const req = parseOr400(feedbackSchema, await readJsonBody(c, LIMITS.smallBodyBytes));
  const now = Date.now();
  const accepted = unwrap(await ledger(c.env, tenant, evaluationId).feedback({ evaluationId, ...req, actor: keyId, now }));
  // Counted in the evaluation's own time bucket; idempotent per (evaluation, filter), so a retry
  // after a failure here counts once.
  let counted: boolean;
  try {
    ({ counted } = await metricsShard(c.env, tenant, accepted.guardrail, shardOf(evaluationId)).recordFeedback({
      evaluationId,
      at: accepted.evaluatedAt,
      version: accepted.version,
      falsePositive: req.falsePositive,
      filters: accepted.filters,
    }));
  } catch (e) {
    console.error('feedback: metrics unavailable', e instanceof Error ? e.name : typeof e);
    throw new ApiError(503, 'unavailable', 'the feedback was stored but not counted yet; send the same request again', { retryAfter: 1 });
  }
  let tuning: TuneOutcome[] = [];
  if (req.falsePositive) {
    try {
      tuning = await autoTune(c.env, tenant, accepted.guardrail, accepted.version, accepted.filters);
    } catch (e) {
      // Feedback is recorded either way; the next false positive tries again.
      console.error('auto-tune failed', accepted.guardrail, e instanceof Error ? e.name : typeof e);
    }
  }
  return c.json({
    evaluationId,
    guardrail: { id: accepted.guardrail, version: accepted.version },
    falsePositive: req.falsePositive,
    filters: accepted.filters,
    counted,
    autoTune: tuning,
  });
});
