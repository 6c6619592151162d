// The prompt side of the proxy: every guardrail that applies evaluates the messages in turn
// (each sees the previous one's redactions), with model constraints, escalation and fail mode
// as /evaluate has them. Redacted values become placeholders, numbered through the vault when
// the first guardrail pseudonymises.
import type { AuthContext } from '../auth/identity.js';
import type { Bindings } from '../env.js';
import type { CompiledGuardrail } from '../policy/compile.js';
import type { PolicyFinding } from '../policy/evaluate.js';
import type { Verdict } from '../policy/guardrail-schema.js';
import type { EvaluationContextInput } from '../policy/request-schemas.js';
import { strongest } from '../policy/verdict.js';
import { type EvaluationResult, runEvaluation } from '../routes/evaluation.js';
import type { Message } from '../policy/evaluate.js';
import { type ChatRequest, requestTexts, withTexts } from './openai-request.js';
import { pseudonymize } from './pseudonyms.js';

export interface InputOutcome {
  request: ChatRequest;
  /** Placeholder -> value, for the answer. Empty without pseudonymisation. */
  restore: Map<string, string>;
  verdict: Verdict;
  findings: Array<Omit<PolicyFinding, 'value'> & { guardrail: string }>;
  blocked: { guardrail: CompiledGuardrail; filters: string[] } | null;
}

export async function checkInput(
  env: Bindings,
  auth: AuthContext,
  guardrails: CompiledGuardrail[],
  req: ChatRequest,
  context: EvaluationContextInput,
  /** Told of each guardrail's evaluation of the prompt (metrics, audit, webhooks). */
  onEvaluated: (messages: Message[], result: EvaluationResult) => void = () => undefined,
): Promise<InputOutcome> {
  const { messages, slots } = requestTexts(req);
  let texts = messages.map((m) => m.content);
  let verdict: Verdict = 'ALLOW';
  let restore = new Map<string, string>();
  const findings: InputOutcome['findings'] = [];
  for (const [i, g] of guardrails.entries()) {
    const pseudo = i === 0 && g.config.enabled && g.config.pseudonymize?.enabled === true;
    const current = messages.map((m, k) => ({ ...m, content: texts[k] }));
    const r = await runEvaluation(env, auth, g, { messages: current, direction: 'input', context, reveal: pseudo }, { escalate: true });
    onEvaluated(current, r);
    verdict = strongest(verdict, r.verdict);
    // Values were asked for only to pseudonymise: they never leave this function.
    for (const { value: _value, ...f } of r.findings) findings.push({ ...f, guardrail: g.id });
    if (r.verdict === 'BLOCK') {
      const filters = [...new Set(r.findings.filter((f) => f.action === 'block').map((f) => f.filter))];
      const why = filters.length > 0 ? filters : [r.escalated ? 'escalation' : 'failMode'];
      return { request: req, restore, verdict, findings, blocked: { guardrail: g, filters: why } };
    }
    if (pseudo) {
      const out = await placeholders(env, auth, g, context.conversationId, current.map((m) => m.content), r.findings);
      texts = out.texts;
      restore = out.restore;
    } else if (r.redactedMessages) {
      texts = r.redactedMessages.map((m) => m.content);
    }
  }
  return { request: slots.length > 0 ? withTexts(req, slots, texts) : req, restore, verdict, findings, blocked: null };
}

async function placeholders(env: Bindings, auth: AuthContext, g: CompiledGuardrail, conversation: string | undefined, texts: string[], found: PolicyFinding[]) {
  const redacted = found.filter((f) => f.action === 'redact' && f.message !== undefined && f.value !== undefined && f.end > f.start);
  const ttlSeconds = g.config.pseudonymize?.ttlSeconds ?? 3600;
  const p = await pseudonymize(env, { tenant: auth.tenant, guardrail: g.id, conversation, ttlSeconds }, redacted.map((f) => ({ entity: f.entity, value: f.value! })));
  const out = [...texts];
  // Right to left, so earlier offsets stay valid.
  const order = redacted.map((f, k) => ({ f, placeholder: p.placeholders[k] })).sort((a, b) => a.f.message! - b.f.message! || b.f.start - a.f.start);
  for (const { f, placeholder } of order) {
    const t = out[f.message!];
    out[f.message!] = t.slice(0, f.start) + placeholder + t.slice(f.end);
  }
  return { texts: out, restore: p.restore };
}
