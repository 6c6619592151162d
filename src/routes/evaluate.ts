// Evaluation endpoints: one guardrail by id, any version for testing, and by assignment.
import { Hono } from 'hono';
import { requireScope } from '../auth/authenticate.js';
import type { AuthContext } from '../auth/identity.js';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';
import { compiledGuardrail, evaluateDeps } from '../guardrails.js';
import { readJsonBody } from '../http/json-body.js';
import { idParam } from '../http/params.js';
import { parseOr400 } from '../http/validate.js';
import { LIMITS } from '../limits.js';
import { applies } from '../policy/assignments.js';
import { augmentRequestSchema, evaluateRequestSchema, testRequestSchema } from '../policy/request-schemas.js';
import { augmentSystemPrompt, relevantGuidelines } from '../policy/augment.js';
import { runTestCases } from '../policy/test-cases.js';
import { activeGuardrail } from './guardrail-lookup.js';
import { strongest } from '../policy/verdict.js';
import type { GuardrailConfig, Verdict } from '../policy/guardrail-schema.js';
import { readActive, readIndex } from '../storage/configs.js';
import { registry, unwrap } from '../storage/registry-client.js';
import { type EvaluationResult, runEvaluation } from './evaluation.js';
import { observe } from './observe-hook.js';

function checkReveal(auth: AuthContext, reveal: boolean): void {
  if (reveal && !auth.scopes.has('evaluate:reveal')) {
    throw new ApiError(403, 'forbidden', 'reveal needs the scope evaluate:reveal', { required: ['evaluate:reveal'] });
  }
}


const evaluate = requireScope('evaluate');

/** Routes under /v1/guardrails/:id. */
export const guardrailEvaluateRoutes = new Hono<AppEnv>()
  .post('/:id/evaluate', evaluate, async (c) => {
    const auth = c.get('auth');
    const req = parseOr400(evaluateRequestSchema, await readJsonBody(c, LIMITS.bodyBytes));
    checkReveal(auth, req.reveal);
    const g = await activeGuardrail(c.env, auth.tenant, idParam(c));
    const result = await runEvaluation(c.env, auth, g, req, { escalate: true });
    observe(c, req, result);
    return c.json(result);
  })
  .post('/:id/test', evaluate, async (c) => {
    const auth = c.get('auth');
    const req = parseOr400(testRequestSchema, await readJsonBody(c, LIMITS.bodyBytes));
    checkReveal(auth, req.reveal);
    const id = idParam(c);
    let g;
    if (req.version === undefined) {
      g = await activeGuardrail(c.env, auth.tenant, id);
    } else {
      const v = unwrap(await registry(c.env, auth.tenant).getVersion(id, req.version));
      g = compiledGuardrail(auth.tenant, id, v.version, v.config as GuardrailConfig);
    }
    if (req.text === undefined && req.messages === undefined) {
      return c.json({ guardrail: { id, version: g.version }, ...(await runTestCases(g, evaluateDeps)) });
    }
    // Same answer as evaluate, but a test never counts: no escalation state, no metrics.
    return c.json(await runEvaluation(c.env, auth, g, req, { escalate: false }));
  })
  .post('/:id/augment', evaluate, async (c) => {
    const req = parseOr400(augmentRequestSchema, await readJsonBody(c, LIMITS.bodyBytes));
    const g = await activeGuardrail(c.env, c.get('auth').tenant, idParam(c));
    const guidelines = relevantGuidelines(g.config.guidelines, req.message);
    return c.json({
      systemPrompt: augmentSystemPrompt(req.systemPrompt, guidelines),
      guidelines: guidelines.map((gl) => g.config.guidelines.indexOf(gl)),
      guardrail: { id: g.id, version: g.version },
    });
  });

/** POST /v1/evaluate: every guardrail whose assignments match the context; the strongest verdict wins. */
export const assignedEvaluateRoutes = new Hono<AppEnv>().post('/', evaluate, async (c) => {
  const auth = c.get('auth');
  const req = parseOr400(evaluateRequestSchema, await readJsonBody(c, LIMITS.bodyBytes));
  checkReveal(auth, req.reveal);
  const context = { ...req.context, tenant: auth.tenant };
  const index = await readIndex(c.env, auth.tenant);
  const matched = index.filter((e) => applies(e, context, req.direction));
  const actives = await Promise.all(matched.map((e) => readActive(c.env, auth.tenant, e.id)));
  const results: EvaluationResult[] = [];
  let text = req.text;
  let messages = req.messages;
  // Each guardrail sees the text as the ones before it redacted it, so redactions compose.
  for (const active of actives) {
    if (!active) continue; // deleted since the index was read
    const g = compiledGuardrail(auth.tenant, active.id, active.version, active.config);
    const r = await runEvaluation(c.env, auth, g, { ...req, text, messages }, { escalate: true });
    observe(c, { text, messages }, r);
    results.push(r);
    if (r.redactedText !== undefined) text = r.redactedText;
    if (r.redactedMessages !== undefined) messages = r.redactedMessages;
  }
  const verdict = results.reduce<Verdict>((v, r) => strongest(v, r.verdict), 'ALLOW');
  return c.json({
    verdict,
    findings: results.flatMap((r) => r.findings.map((f) => ({ ...f, guardrail: r.guardrail.id }))),
    ...(text !== req.text ? { redactedText: text } : {}),
    ...(messages !== req.messages ? { redactedMessages: messages } : {}),
    results,
  });
});
