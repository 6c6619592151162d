// One evaluation as every endpoint answers it: the policy's verdict, the model constraints, the
// conversation's escalation state and the guardrail's fail mode, with an id and timings.
import type { AuthContext } from '../auth/identity.js';
import { randomToken } from '../auth/keys.js';
import type { Bindings } from '../env.js';
import { evaluateDepsFor } from '../guardrails.js';
import type { CompiledGuardrail } from '../policy/compile.js';
import { type Message, type PolicyFinding, evaluateMessages, evaluateText, modelFindings, verdictFor } from '../policy/evaluate.js';
import type { Verdict } from '../policy/guardrail-schema.js';
import type { EvaluateRequest } from '../policy/request-schemas.js';
import type { DecisionLayer, FallbackUsage } from '../policy/safety-filters.js';

export interface EvaluationResult {
  evaluationId: string;
  verdict: Verdict;
  findings: PolicyFinding[];
  redactedText?: string;
  redactedMessages?: Message[];
  guardrail: { id: string; version: number };
  /** `fast`: decided in the Worker; `fallback`: a fallback model decided an unsure score; `error`: an internal or fallback error, decided by the fail mode. */
  decisionLayer: DecisionLayer;
  /** Present when the fallback model was asked: requests made (cache hits excluded) and failed. */
  fallback?: FallbackUsage;
  /** Set when the conversation had enough violations that this request is blocked regardless. */
  escalated?: boolean;
  /** Wall time in the Worker. Workers advance clocks only across I/O, so at the edge this is coarse. */
  timings: { totalMs: number };
}

export type EvaluationInput = Pick<EvaluateRequest, 'text' | 'messages' | 'direction' | 'context' | 'reveal'>;

export async function runEvaluation(
  env: Bindings,
  auth: AuthContext,
  g: CompiledGuardrail,
  req: EvaluationInput,
  opts: { escalate: boolean },
): Promise<EvaluationResult> {
  const started = performance.now();
  const deps = evaluateDepsFor(env, g.config.failMode, auth.tenant);
  const base = { evaluationId: `ev_${randomToken(20)}`, guardrail: { id: g.id, version: g.version } };
  let result: Pick<EvaluationResult, 'verdict' | 'findings' | 'redactedText' | 'redactedMessages' | 'decisionLayer' | 'fallback'>;
  try {
    if (!g.config.enabled) {
      result = { verdict: 'ALLOW', findings: [], decisionLayer: 'fast' };
    } else {
      const body = req.text !== undefined
        ? await evaluateText(g, req.text, req.direction, deps, req.reveal)
        : await evaluateMessages(g, req.messages ?? [], req.direction, deps, req.reveal);
      const findings = [...modelFindings(g.config, req.context), ...body.findings];
      const { fallback, ...decided } = body;
      result = { ...decided, findings, verdict: verdictFor(findings), ...(fallback.calls > 0 ? { fallback } : {}) };
    }
  } catch (e) {
    // Never the text or the error's message (it may quote input): only what kind of error it was.
    console.error('evaluation failed', g.id, g.version, e instanceof Error ? e.name : typeof e);
    result = { verdict: g.config.failMode === 'open' ? 'ALLOW' : 'BLOCK', findings: [], decisionLayer: 'error' };
  }
  let escalated = false;
  const esc = g.config.escalation;
  const conversation = req.context.conversationId;
  if (opts.escalate && esc && conversation && g.config.enabled) {
    const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(`${auth.tenant}\u0000${g.id}\u0000${conversation}`));
    try {
      const before = await stub.record(result.verdict !== 'ALLOW', esc.ttlSeconds);
      if (before >= esc.afterViolations) {
        escalated = true;
        result = { ...result, verdict: 'BLOCK' };
      }
    } catch (e) {
      // The conversation's state is part of the decision: without it the fail mode decides.
      console.error('escalation state unavailable', g.id, e instanceof Error ? e.name : typeof e);
      if (g.config.failMode === 'closed') result = { ...result, verdict: 'BLOCK', decisionLayer: 'error' };
    }
  }
  return {
    ...base,
    ...result,
    ...(escalated ? { escalated } : {}),
    timings: { totalMs: Math.round((performance.now() - started) * 1000) / 1000 },
  };
}
