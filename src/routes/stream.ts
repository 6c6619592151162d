// POST /v1/guardrails/:id/stream: a stream of tokens in, server-sent events out. Each token is
// answered by a `token` event with what is now safe to show; the stream ends with a `verdict`
// (or an `error`). Each token event carries a resume token: `?resume=` continues the stream on
// any isolate with exactly the output the uninterrupted stream would have had.
import { Hono } from 'hono';
import { requireScope } from '../auth/authenticate.js';
import type { AppEnv, Bindings } from '../env.js';
import { ApiError, badRequest, notFound } from '../errors.js';
import { readActive } from '../storage/configs.js';
import { evaluateDeps } from '../guardrails.js';
import { idParam } from '../http/params.js';
import type { CompiledGuardrail } from '../policy/compile.js';
import type { TextDirection } from '../policy/filter-schema.js';
import { GuardedStream } from '../policy/stream-guard.js';
import { decodeGuardState, encodeGuardState } from '../streaming/guard-state.js';
import { RESUME_TOKEN_TTL_MS, type ResumeBinding, invalidResumeToken, openResumeToken, sealResumeToken } from '../streaming/resume-token.js';
import { SseChannel } from '../streaming/sse.js';
import { type BodyFormat, TokenInputError, bodyFormat, readTokens } from '../streaming/token-source.js';
import { activeGuardrail, guardrailVersion } from './guardrail-lookup.js';
import { randomToken } from '../auth/keys.js';
import type { StreamVerdict } from '../policy/stream-guard.js';
import { observe } from './observe-hook.js';

const STREAM_DIRECTIONS = ['input', 'output', 'tool', 'retrieval'] as const;

function directionParam(value: string | undefined): TextDirection | undefined {
  if (value === undefined) return undefined;
  if (!(STREAM_DIRECTIONS as readonly string[]).includes(value)) throw badRequest('direction: must be input, output, tool or retrieval', 'direction');
  return value as TextDirection;
}

interface Session {
  guard: GuardedStream;
  binding: ResumeBinding;
  /** Index of the next input token. */
  index: number;
}

async function openSession(env: Bindings, tenant: string, id: string, resume: string | undefined, asked: TextDirection | undefined): Promise<Session> {
  if (resume === undefined) {
    const g: CompiledGuardrail = await activeGuardrail(env, tenant, id);
    const direction = asked ?? 'output';
    return { guard: GuardedStream.start(g, direction, evaluateDeps), binding: { tenant, guardrail: id, version: g.version, direction }, index: 0 };
  }
  // Another tenant's guardrail is unknown whatever the token says.
  const active = await readActive(env, tenant, id);
  if (!active) throw notFound('guardrail');
  const { claims, state } = await openResumeToken(env, resume, { tenant, guardrail: id });
  if (asked !== undefined && asked !== claims.direction) throw invalidResumeToken('the token is for another direction');
  const g = await guardrailVersion(env, tenant, id, claims.version, active);
  const direction = claims.direction as TextDirection;
  const guard = GuardedStream.resume(g, direction, evaluateDeps, decodeGuardState(state));
  return { guard, binding: { tenant, guardrail: id, version: claims.version, direction }, index: claims.next };
}

export const guardrailStreamRoutes = new Hono<AppEnv>().post('/:id/stream', requireScope('evaluate'), async (c) => {
  const auth = c.get('auth');
  const id = idParam(c);
  const format = bodyFormat(c.req.header('content-type'));
  if (!format) throw new ApiError(415, 'unsupported_media_type', 'Content-Type must be application/x-ndjson (lines {"token": "..."}) or text/plain');
  const body = c.req.raw.body;
  if (!body) throw badRequest('request body is empty', '');
  const session = await openSession(c.env, auth.tenant, id, c.req.query('resume'), directionParam(c.req.query('direction')));
  const channel = new SseChannel({ 'x-cordon-guardrail-version': String(session.binding.version) });
  const started = performance.now();
  // A stream's verdict is counted, audited and announced like an evaluation's (after it ends).
  const onVerdict: VerdictSink = (verdict, received) =>
    observe(c, { text: received }, {
      evaluationId: `ev_${randomToken(20)}`,
      verdict: verdict.verdict,
      findings: verdict.findings,
      guardrail: { id: session.binding.guardrail, version: session.binding.version },
      decisionLayer: verdict.decisionLayer,
      timings: { totalMs: Math.round((performance.now() - started) * 1000) / 1000 },
    });
  c.executionCtx.waitUntil(pump(c.env, session, body, format, channel, onVerdict));
  return channel.response;
});

/** Told of the stream's verdict and the text this connection received (for its hash). */
type VerdictSink = (verdict: StreamVerdict & { decisionLayer: 'fast' | 'error' }, received: string) => void;

/** Characters of received text kept for the audit hash: a longer stream is hashed up to here. */
const HASHED_CHARS = 1 << 20;

/** Reads tokens and answers each; never throws (every failure becomes an event or a stop). */
async function pump(env: Bindings, s: Session, body: ReadableStream<Uint8Array>, format: BodyFormat, channel: SseChannel, onVerdict: VerdictSink): Promise<void> {
  const { guard } = s;
  const guardrail = { id: s.binding.guardrail, version: s.binding.version };
  let received = '';
  try {
    for await (const token of readTokens(body, format)) {
      if (channel.gone) return;
      if (received.length < HASHED_CHARS) received += token.slice(0, HASHED_CHARS - received.length);
      const chunk = guard.push(token);
      const event: Record<string, unknown> = { index: s.index, text: chunk.text, held: chunk.held, findings: chunk.findings, action: chunk.action };
      if (!chunk.blocked) {
        const claims = { ...s.binding, next: s.index + 1, exp: Date.now() + RESUME_TOKEN_TTL_MS };
        event.resume = await sealResumeToken(env, claims, encodeGuardState(guard.resumeState()));
      }
      if (!(await channel.send({ id: String(s.index), event: 'token', data: event }))) return;
      s.index++;
      if (chunk.blocked) {
        const verdict = { ...guard.result(), decisionLayer: 'fast' as const };
        onVerdict(verdict, received);
        await channel.send({ id: 'verdict', event: 'verdict', data: { ...verdict, guardrail } });
        return;
      }
    }
    const { last, result } = guard.end();
    if (last.text !== '' || last.findings.length > 0) {
      // What was still held back when the input ended: not the answer to any one input token.
      await channel.send({ id: String(s.index), event: 'token', data: { index: s.index, text: last.text, held: 0, findings: last.findings, action: last.action, final: true } });
    }
    onVerdict({ ...result, decisionLayer: 'fast' }, received);
    await channel.send({ id: 'verdict', event: 'verdict', data: { ...result, guardrail, decisionLayer: 'fast' } });
  } catch (e) {
    if (e instanceof TokenInputError || e instanceof ApiError) {
      await channel.send({ id: 'error', event: 'error', data: { code: e.code, message: e.message } });
    } else {
      // The kind of error only: its message may quote the text.
      console.error('stream inspection failed', guardrail.id, guardrail.version, e instanceof Error ? e.name : typeof e);
      const decided = guard.failed();
      onVerdict(decided, received);
      await channel.send({ id: 'error', event: 'error', data: { code: 'inspection_failed', message: 'internal error while inspecting the stream', verdict: decided.verdict, decisionLayer: 'error' } });
    }
  } finally {
    channel.close();
  }
}
