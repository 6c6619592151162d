// Streams the upstream's answer to the client: each delta through the choice's AnswerGuard,
// OpenAI chunks out. A block ends that choice with finish_reason "content_filter" and stops the
// upstream; a gone client stops it too. Never throws: failures become one SSE error payload.
import type { CompiledGuardrail } from '../policy/compile.js';
import type { SseChannel } from '../streaming/sse.js';
import { AnswerGuard } from './answer-guard.js';
import type { ChainChunk } from './guard-chain.js';
import { type CompletionIdentity, chunk } from './openai-shapes.js';
import { UpstreamError, upstreamEvents } from './upstream.js';

export interface AnswerStreamOptions {
  upstream: Response;
  channel: SseChannel;
  guardrails: CompiledGuardrail[];
  restore: ReadonlyMap<string, string>;
  identity: CompletionIdentity;
  idleMs: number;
  /** Aborts the upstream request (the client left, or the answer was blocked). */
  stopUpstream: () => void;
  /** Guardrail details every final chunk carries. */
  summary: Record<string, unknown>;
  /** Told when a choice's answer ends, with the model's text of it (for its hash in the audit). */
  onAnswer?: (guard: AnswerGuard, modelText: string) => void;
}

/** Characters of a choice's text kept for the audit hash: a longer answer is hashed up to here. */
const HASHED_CHARS = 1 << 20;

interface UpstreamChunk {
  id?: string;
  model?: string;
  created?: number;
  choices?: Array<{ index?: number; delta?: Record<string, unknown>; finish_reason?: string | null }>;
  usage?: unknown;
  error?: unknown;
}

export async function streamAnswer(o: AnswerStreamOptions): Promise<void> {
  const { channel } = o;
  const who = { ...o.identity };
  const guards = new Map<number, AnswerGuard>();
  const guardOf = (index: number) => {
    let g = guards.get(index);
    if (!g) guards.set(index, (g = new AnswerGuard(o.guardrails, o.restore)));
    return g;
  };
  const send = (data: unknown) => channel.send({ data });
  const texts = new Map<number, string>();
  const finish = async (index: number, g: AnswerGuard, reason: string) => {
    o.onAnswer?.(g, texts.get(index) ?? '');
    const { verdict, counts } = g.chain.verdict();
    await send(chunk(who, index, {}, reason, { ...o.summary, verdict, counts }));
  };
  const emit = async (index: number, g: AnswerGuard, r: ChainChunk, delta: Record<string, unknown>) => {
    const hasOther = Object.keys(delta).some((k) => k !== 'content');
    if (r.text !== '' || hasOther || r.findings.length > 0) {
      const cordon = r.findings.length > 0 ? { findings: r.findings, action: r.action } : undefined;
      await send(chunk(who, index, { ...delta, ...(r.text !== '' || 'content' in delta ? { content: r.text } : {}) }, null, cordon));
    }
    if (r.blocked) {
      g.finished = true;
      await finish(index, g, 'content_filter');
    }
  };
  try {
    for await (const payload of upstreamEvents(o.upstream.body!, channel.signal, o.idleMs)) {
      let c: UpstreamChunk;
      try {
        c = JSON.parse(payload) as UpstreamChunk;
      } catch {
        throw new UpstreamError(502, 'upstream_error', 'the upstream sent a malformed stream event');
      }
      if (c.error) throw new UpstreamError(502, 'upstream_error', 'the upstream reported an error mid-stream');
      if (typeof c.id === 'string') who.id = c.id;
      if (typeof c.model === 'string') who.model = c.model;
      if (typeof c.created === 'number') who.created = c.created;
      for (const choice of c.choices ?? []) {
        const index = choice.index ?? 0;
        const g = guardOf(index);
        if (g.finished) continue;
        const { content, ...delta } = choice.delta ?? {};
        if (typeof content === 'string') {
          const sofar = texts.get(index) ?? '';
          if (sofar.length < HASHED_CHARS) texts.set(index, sofar + content.slice(0, HASHED_CHARS - sofar.length));
        }
        const r = typeof content === 'string' && content !== '' ? g.push(content) : { text: '', findings: [], action: 'allow' as const, blocked: false };
        await emit(index, g, r, typeof content === 'string' ? { ...delta, content } : delta);
        if (g.finished) continue;
        if (choice.finish_reason) {
          const last = g.end();
          await emit(index, g, last, {});
          if (!last.blocked) await finish(index, g, choice.finish_reason);
        }
      }
      if (c.usage && (c.choices ?? []).length === 0) await send({ id: who.id, object: 'chat.completion.chunk', created: who.created, model: who.model, choices: [], usage: c.usage });
      if (channel.gone) return;
      // Every choice ended (a block ends it early): nothing more of the upstream is wanted.
      if (guards.size > 0 && [...guards.values()].every((g) => g.finished)) break;
    }
    // An upstream that ended without a finish reason: release and end what is held.
    for (const [index, g] of guards) {
      if (g.finished) continue;
      const last = g.end();
      await emit(index, g, last, {});
      if (!last.blocked) await finish(index, g, 'stop');
    }
    await channel.write('data: [DONE]\n\n');
  } catch (e) {
    if (!channel.gone) {
      const err = e instanceof UpstreamError ? e : new UpstreamError(500, 'upstream_error', 'internal error while streaming the answer');
      if (!(e instanceof UpstreamError)) console.error('answer stream failed', e instanceof Error ? e.name : typeof e);
      // The OpenAI SDKs raise an APIError for a data payload with an `error` field.
      await send({ error: { message: err.message, type: err.status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: err.code } });
    }
  } finally {
    o.stopUpstream();
    channel.close();
  }
}
