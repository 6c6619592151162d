// `cordon/client`: a typed client for apps and chat UIs. Only fetch, so it runs in browsers,
// Node 18+ and Workers alike.
import { type RetryOptions, retryDelay, retryable, sleep } from './retry.js';
import { serverEvents } from './sse-reader.js';
import type { Direction, EvaluateRequest, EvaluateResult, InspectionEvent } from './types.js';

export interface CordonClientOptions {
  /** Where Cordon runs, e.g. `https://cordon.example.workers.dev` (no /v1). */
  baseUrl: string;
  /** A Cordon API key (`Authorization: Bearer`). */
  apiKey: string;
  /** Another fetch (tests, proxies, a Worker's service binding). */
  fetch?: typeof fetch;
  retry?: RetryOptions;
}

/** An error answer of the API, with its code (`rate_limited`, `not_found`, ...). */
export class CordonError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CordonError';
  }
}

export interface InspectOptions {
  direction?: Direction;
  signal?: AbortSignal;
}

export interface OpenAiRouting {
  /** Guardrail id (`x-cordon-guardrail`); without it, assignments decide. */
  guardrail?: string;
  /** Keeps pseudonyms and escalation per conversation (`x-cordon-conversation`). */
  conversation?: string;
  project?: string;
  agent?: string;
}

const encoder = new TextEncoder();

export class CordonClient {
  private readonly base: string;
  private readonly fetcher: typeof fetch;

  constructor(private readonly options: CordonClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    // Bound to globalThis: browsers refuse a detached `fetch`.
    this.fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** POST /v1/guardrails/:id/evaluate. */
  evaluate(guardrail: string, req: EvaluateRequest): Promise<EvaluateResult> {
    return this.json(`/v1/guardrails/${encodeURIComponent(guardrail)}/evaluate`, req);
  }

  /** POST /v1/evaluate: every guardrail assigned to the request's context. */
  evaluateAssigned(req: EvaluateRequest): Promise<{ verdict: EvaluateResult['verdict']; results: EvaluateResult[]; redactedText?: string }> {
    return this.json('/v1/evaluate', req);
  }

  /**
   * Streams tokens through a guardrail: yields what is safe to show as it is decided, then the
   * verdict (or an error event). A dropped connection is resumed from the last resume token,
   * resending only the tokens the server had not answered, so the events continue exactly.
   */
  async *inspect(guardrail: string, tokens: Iterable<string> | AsyncIterable<string>, opts: InspectOptions = {}): AsyncGenerator<InspectionEvent> {
    const source = Symbol.asyncIterator in tokens ? (tokens as AsyncIterable<string>)[Symbol.asyncIterator]() : toAsync((tokens as Iterable<string>)[Symbol.iterator]());
    const unanswered: Array<{ index: number; token: string }> = [];
    let pulled = 0;
    let sourceDone = false;
    let resume: string | undefined;
    let generation = 0;
    let attempt = 0;
    let finalShown = false;
    const retries = this.options.retry?.retries ?? 3;
    const path = `/v1/guardrails/${encodeURIComponent(guardrail)}/stream`;

    for (;;) {
      const mine = ++generation;
      // Each attempt sends from the first token the server has not answered, then new ones.
      let cursor = unanswered.length > 0 ? unanswered[0].index : pulled;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          // A body of a dropped attempt must not take tokens the next attempt needs.
          if (mine !== generation) return controller.close();
          let entry = unanswered.find((u) => u.index === cursor);
          if (!entry) {
            if (sourceDone) return controller.close();
            const next = await source.next();
            if (next.done) {
              sourceDone = true;
              return controller.close();
            }
            entry = { index: pulled++, token: next.value };
            unanswered.push(entry);
            if (mine !== generation) return controller.close(); // kept for the next attempt
          }
          cursor++;
          controller.enqueue(encoder.encode(`${JSON.stringify({ token: entry.token })}\n`));
        },
      });
      const query = new URLSearchParams();
      if (resume) query.set('resume', resume);
      else if (opts.direction) query.set('direction', opts.direction);
      let res: Response;
      try {
        res = await this.fetcher(`${this.base}${path}${query.toString() ? `?${query}` : ''}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.options.apiKey}`, 'content-type': 'application/x-ndjson' },
          body,
          signal: opts.signal,
          duplex: 'half',
        } as RequestInit);
      } catch (e) {
        if (opts.signal?.aborted || attempt >= retries) throw e;
        await sleep(retryDelay(attempt++, null, this.options.retry), opts.signal);
        continue;
      }
      if (!res.ok) {
        if (retryable(res.status) && attempt < retries) {
          await res.body?.cancel();
          await sleep(retryDelay(attempt++, res.headers.get('retry-after'), this.options.retry), opts.signal);
          continue;
        }
        throw await errorOf(res);
      }
      try {
        for await (const e of serverEvents(res.body!)) {
          const data = JSON.parse(e.data);
          if (e.event === 'token') {
            if (data.final) {
              // Re-sent after a drop between it and the verdict: resuming replays it, identically.
              if (finalShown) continue;
              finalShown = true;
            } else {
              while (unanswered.length > 0 && unanswered[0].index <= data.index) unanswered.shift();
              if (typeof data.resume === 'string') resume = data.resume;
            }
            attempt = 0;
            const { resume: _sealed, ...event } = data;
            yield { type: 'token', ...event };
          } else if (e.event === 'verdict' || e.event === 'error') {
            yield { type: e.event, ...data };
            return;
          }
        }
      } catch (e) {
        if (opts.signal?.aborted) throw e;
      }
      // The connection ended before the verdict: resume where the last answered token left off.
      if (attempt >= retries) throw new CordonError(0, 'stream_interrupted', 'the inspection stream broke and could not be resumed');
      await sleep(retryDelay(attempt++, null, this.options.retry), opts.signal);
    }
  }

  /** Options for `new OpenAI(...)` that send the SDK through the Cordon proxy. */
  openAIOptions(routing: OpenAiRouting = {}): { baseURL: string; apiKey: string; defaultHeaders: Record<string, string>; fetch?: typeof fetch } {
    return { baseURL: `${this.base}/v1`, apiKey: this.options.apiKey, defaultHeaders: routingHeaders(routing), ...(this.options.fetch ? { fetch: this.options.fetch } : {}) };
  }

  private async json<T>(path: string, body: unknown): Promise<T> {
    const retries = this.options.retry?.retries ?? 3;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await this.fetcher(`${this.base}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.options.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      } catch (e) {
        if (attempt >= retries) throw e;
        await sleep(retryDelay(attempt, null, this.options.retry));
        continue;
      }
      if (res.ok) return (await res.json()) as T;
      if (retryable(res.status) && attempt < retries) {
        await res.body?.cancel();
        await sleep(retryDelay(attempt, res.headers.get('retry-after'), this.options.retry));
        continue;
      }
      throw await errorOf(res);
    }
  }
}

/** Headers that route a proxy request: guardrail, conversation, project, agent. */
export function routingHeaders(r: OpenAiRouting): Record<string, string> {
  const h: Record<string, string> = {};
  if (r.guardrail) h['x-cordon-guardrail'] = r.guardrail;
  if (r.conversation) h['x-cordon-conversation'] = r.conversation;
  if (r.project) h['x-cordon-project'] = r.project;
  if (r.agent) h['x-cordon-agent'] = r.agent;
  return h;
}

async function errorOf(res: Response): Promise<CordonError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    return new CordonError(res.status, body.error?.code ?? 'http_error', body.error?.message ?? `HTTP ${res.status}`);
  } catch {
    return new CordonError(res.status, 'http_error', `HTTP ${res.status}`);
  }
}

async function* toAsync<T>(it: Iterator<T>): AsyncGenerator<T> {
  for (let r = it.next(); !r.done; r = it.next()) yield r.value;
}
