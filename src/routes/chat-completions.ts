// POST /v1/chat/completions: an OpenAI-compatible proxy with guardrails on both sides. The
// caller authenticates with its Cordon key; errors are in OpenAI's shape so the SDKs raise them.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { requireScope } from '../auth/authenticate.js';
import type { AppEnv, Bindings } from '../env.js';
import { ApiError } from '../errors.js';
import { compiledGuardrail } from '../guardrails.js';
import { readJsonBody } from '../http/json-body.js';
import { issuePath } from '../http/validate.js';
import { LIMITS } from '../limits.js';
import { applies } from '../policy/assignments.js';
import type { CompiledGuardrail } from '../policy/compile.js';
import type { TextDirection } from '../policy/filter-schema.js';
import type { EvaluationContextInput } from '../policy/request-schemas.js';
import { AnswerGuard } from '../proxy/answer-guard.js';
import { streamAnswer } from '../proxy/answer-stream.js';
import { checkInput } from '../proxy/input-check.js';
import { observe } from './observe-hook.js';
import { chatRequestSchema } from '../proxy/openai-request.js';
import { type CompletionIdentity, chunk, completion, openAiError } from '../proxy/openai-shapes.js';
import { UpstreamError, callUpstream, resolveUpstream, upstreamTimeout } from '../proxy/upstream.js';
import { readActive, readIndex } from '../storage/configs.js';
import { SseChannel } from '../streaming/sse.js';
import { randomToken } from '../auth/keys.js';

const HEADER_ID = /^[a-zA-Z0-9_-]{1,64}$/;
const CONTEXT_VALUE = /^[\x21-\x7e]{1,200}$/;

interface Guardrails {
  /** Upstream, onBlock and pseudonymisation come from the first. */
  primary: CompiledGuardrail;
  input: CompiledGuardrail[];
  output: CompiledGuardrail[];
}

/** The `x-cordon-guardrail` one, else every guardrail whose assignments match, per direction. */
async function guardrailsFor(env: Bindings, tenant: string, header: string | undefined, context: EvaluationContextInput): Promise<Guardrails> {
  if (header !== undefined) {
    if (!HEADER_ID.test(header)) throw new ApiError(404, 'not_found', 'no such guardrail');
    const active = await readActive(env, tenant, header);
    if (!active) throw new ApiError(404, 'not_found', 'no such guardrail');
    const g = compiledGuardrail(tenant, header, active.version, active.config);
    return { primary: g, input: [g], output: [g] };
  }
  const index = await readIndex(env, tenant);
  const ctx = { ...context, tenant };
  const matching = index.filter((e) => applies(e, ctx, 'input') || applies(e, ctx, 'output'));
  const actives = (await Promise.all(matching.map((e) => readActive(env, tenant, e.id)))).filter((a) => a !== null);
  const all = actives.map((a) => compiledGuardrail(tenant, a.id, a.version, a.config));
  if (all.length === 0) throw new ApiError(400, 'guardrail_required', 'no guardrail applies: send x-cordon-guardrail or assign one to this project, agent or model');
  const on = (d: TextDirection) => all.filter((g) => applies(g.config, ctx, d));
  return { primary: all[0], input: on('input'), output: on('output') };
}

function contextOf(c: Context<AppEnv>, model: string, maxTokens: number | undefined, temperature: number | undefined): EvaluationContextInput {
  const header = (name: string) => {
    const v = c.req.header(name);
    if (v === undefined) return undefined;
    if (!CONTEXT_VALUE.test(v)) throw new ApiError(400, 'invalid_request', `${name}: 1 to 200 visible ASCII characters`, { path: name });
    return v;
  };
  return {
    model,
    projectId: header('x-cordon-project'),
    agentId: header('x-cordon-agent'),
    conversationId: header('x-cordon-conversation'),
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
  };
}

async function handle(c: Context<AppEnv>): Promise<Response> {
  const auth = c.get('auth');
  const parsed = chatRequestSchema.safeParse(await readJsonBody(c, LIMITS.bodyBytes));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issuePath(issue.path);
    return openAiError({ status: 400, code: 'invalid_request', param, message: `${param || 'body'}: ${issue.message}` });
  }
  const req = parsed.data;
  const context = contextOf(c, req.model, req.max_completion_tokens ?? req.max_tokens ?? undefined, req.temperature ?? undefined);
  const guardrails = await guardrailsFor(c.env, auth.tenant, c.req.header('x-cordon-guardrail'), context);
  const target = resolveUpstream(c.env, guardrails.primary.config, auth.tenant);
  const identity: CompletionIdentity = { id: `chatcmpl-cordon-${randomToken(16)}`, model: req.model, created: Math.floor(Date.now() / 1000) };
  const summary = { guardrails: [...new Set([...guardrails.input, ...guardrails.output])].map((g) => ({ id: g.id, version: g.version })) };

  const input = await checkInput(c.env, auth, guardrails.input, req, context, (messages, result) => observe(c, { messages }, result));
  if (input.blocked) {
    const g = input.blocked.guardrail;
    const cordon = { ...summary, stage: 'input', verdict: 'BLOCK', filters: input.blocked.filters, findings: input.findings };
    if (g.config.onBlock === 'message') return blockedAnswer(req.stream === true, identity, g.config.blockedMessage, cordon);
    return openAiError({ status: 400, code: 'content_filter', message: `the prompt was blocked by guardrail ${g.id} (filters: ${input.blocked.filters.join(', ')})`, cordon });
  }
  const inputSummary = { verdict: input.verdict, findings: input.findings };

  // Client gone (when the runtime tells) or answer done: the upstream request is aborted.
  const upstreamAbort = new AbortController();
  c.req.raw.signal?.addEventListener?.('abort', () => upstreamAbort.abort());
  const timeout = upstreamTimeout(c.env);
  const upstream = await callUpstream(target, input.request, upstreamAbort.signal, timeout);

  // Each output guardrail's verdict on the answer is counted and audited like an evaluation.
  const answerStarted = performance.now();
  const onAnswer = (g: AnswerGuard, text: string) => {
    for (const { guardrail, result } of g.results()) {
      observe(c, { text }, {
        evaluationId: `ev_${randomToken(20)}`,
        verdict: result.verdict,
        findings: result.findings,
        guardrail: { id: guardrail.id, version: guardrail.version },
        decisionLayer: 'fast',
        timings: { totalMs: Math.round((performance.now() - answerStarted) * 1000) / 1000 },
      });
    }
  };
  if (req.stream !== true) return jsonAnswer(upstream, guardrails.output, input.restore, { ...summary, input: inputSummary }, onAnswer);
  const channel = new SseChannel();
  channel.signal.addEventListener('abort', () => upstreamAbort.abort());
  c.executionCtx.waitUntil(
    streamAnswer({
      upstream,
      channel,
      guardrails: guardrails.output,
      restore: input.restore,
      identity,
      idleMs: timeout,
      stopUpstream: () => upstreamAbort.abort(),
      summary: { ...summary, input: inputSummary },
      onAnswer,
    }),
  );
  return channel.response;
}

/** onBlock "message": a normal answer carrying the guardrail's message, finish_reason content_filter. */
function blockedAnswer(stream: boolean, who: CompletionIdentity, message: string, cordon: unknown): Response {
  if (!stream) return Response.json(completion(who, message, 'content_filter', cordon));
  const events = [
    chunk(who, 0, { role: 'assistant', content: '' }, null),
    chunk(who, 0, { content: message }, null),
    chunk(who, 0, {}, 'content_filter', cordon),
  ];
  const body = events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('') + 'data: [DONE]\n\n';
  return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' } });
}

interface UpstreamCompletion {
  choices?: Array<{ index?: number; message?: { content?: unknown } & Record<string, unknown>; finish_reason?: string | null } & Record<string, unknown>>;
  [key: string]: unknown;
}

async function jsonAnswer(upstream: Response, guardrails: CompiledGuardrail[], restore: ReadonlyMap<string, string>, summary: Record<string, unknown>, onAnswer: (g: AnswerGuard, text: string) => void): Promise<Response> {
  let body: UpstreamCompletion;
  try {
    body = (await upstream.json()) as UpstreamCompletion;
  } catch {
    throw new UpstreamError(502, 'upstream_error', 'the upstream sent a malformed completion');
  }
  const choices = (body.choices ?? []).map((choice) => {
    const content = choice.message?.content;
    if (typeof content !== 'string') return { choice, cordon: undefined };
    const g = new AnswerGuard(guardrails, restore);
    const r = g.all(content);
    onAnswer(g, content);
    const { verdict, counts } = g.chain.verdict();
    return {
      choice: { ...choice, message: { ...choice.message, content: r.text }, finish_reason: r.blocked ? 'content_filter' : choice.finish_reason },
      cordon: { index: choice.index ?? 0, verdict, counts, findings: r.findings },
    };
  });
  return Response.json({ ...body, choices: choices.map((c) => c.choice), cordon: { ...summary, output: choices.map((c) => c.cordon).filter(Boolean) } });
}

export const chatCompletionRoutes = new Hono<AppEnv>().post('/completions', requireScope('evaluate'), async (c) => {
  try {
    return await handle(c);
  } catch (e) {
    if (e instanceof UpstreamError) return openAiError({ status: e.status, code: e.code, message: e.message });
    if (e instanceof ApiError) return openAiError({ status: e.status, code: e.code, message: e.message, param: typeof e.details?.path === 'string' ? e.details.path : null });
    if (c.req.raw.signal?.aborted) return openAiError({ status: 499, code: 'client_closed', message: 'the client closed the request' });
    console.error('chat proxy failed', e instanceof Error ? e.name : typeof e);
    return openAiError({ status: 500, code: 'internal_error', message: 'internal error' });
  }
});
