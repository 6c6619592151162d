// The model behind the proxy: where it is, with which key, and calling it so that a gone client,
// a silent upstream or a refused request each end as one clean error.
import type { Bindings } from '../env.js';
import { assertPublicUrl } from '../http/network-policy.js';
import { mayUseSecret, tenantSecretPrefix } from '../auth/tenant-secrets.js';
import type { GuardrailConfig } from '../policy/guardrail-schema.js';

export interface UpstreamTarget {
  url: string;
  apiKey?: string;
}

/** An upstream failure as the proxy reports it (OpenAI error shape, never the upstream's body). */
export class UpstreamError extends Error {
  constructor(
    readonly status: number,
    readonly code: 'upstream_error' | 'upstream_timeout' | 'upstream_unreachable' | 'no_upstream' | 'upstream_key_missing' | 'upstream_key_forbidden' | 'invalid_upstream' | 'private_upstream',
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_TIMEOUT_MS = 60_000;

export function upstreamTimeout(env: Bindings): number {
  const ms = Number(env.CORDON_UPSTREAM_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_TIMEOUT_MS;
}

export function resolveUpstream(env: Bindings, config: GuardrailConfig, tenant: string): UpstreamTarget {
  const allowPrivate = env.CORDON_ALLOW_PRIVATE_NETWORK === 'true';
  const check = (url: string, field: string) => {
    try {
      return assertPublicUrl(url, allowPrivate, field);
    } catch (e) {
      const code = (e as { code?: string }).code === 'private_upstream' ? 'private_upstream' : 'invalid_upstream';
      throw new UpstreamError(400, code, (e as Error).message);
    }
  };
  if (config.upstream) {
    const base = check(config.upstream.baseUrl, 'upstream.baseUrl');
    let apiKey: string | undefined;
    if (config.upstream.apiKeySecret) {
      // Secrets are looked up by name, and only those provisioned for this tenant.
      if (!mayUseSecret('UPSTREAM_KEY_', tenant, config.upstream.apiKeySecret)) {
        throw new UpstreamError(403, 'upstream_key_forbidden', `upstream.apiKeySecret must name a secret starting with ${tenantSecretPrefix('UPSTREAM_KEY_', tenant)}`);
      }
      const value = (env as unknown as Record<string, unknown>)[config.upstream.apiKeySecret];
      if (typeof value !== 'string' || value === '') {
        throw new UpstreamError(500, 'upstream_key_missing', `the Worker secret ${config.upstream.apiKeySecret} named by upstream.apiKeySecret is not set`);
      }
      apiKey = value;
    }
    return { url: endpoint(base), apiKey };
  }
  if (!env.CORDON_UPSTREAM_URL) throw new UpstreamError(503, 'no_upstream', 'no upstream: set upstream.baseUrl on the guardrail or CORDON_UPSTREAM_URL on the Worker');
  // The default key only ever goes to the default URL.
  return { url: endpoint(check(env.CORDON_UPSTREAM_URL, 'CORDON_UPSTREAM_URL')), apiKey: env.CORDON_UPSTREAM_KEY || undefined };
}

function endpoint(base: URL): string {
  return `${base.href.replace(/\/+$/, '')}/chat/completions`;
}

/**
 * POSTs the request; resolves once the upstream answered with a success status. The signal
 * (the client's) aborts it at any time; the timeout bounds the wait for the response head.
 */
export async function callUpstream(target: UpstreamTarget, body: unknown, signal: AbortSignal, timeoutMs: number): Promise<Response> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  signal.addEventListener('abort', onAbort);
  const timer = setTimeout(() => controller.abort(new UpstreamError(504, 'upstream_timeout', `the upstream did not answer within ${timeoutMs} ms`)), timeoutMs);
  let res: Response;
  try {
    res = await fetch(target.url, {
      method: 'POST',
      // A public URL must not bounce the request (and its key) to a private or other host.
      redirect: 'manual',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {}) },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
  } catch (e) {
    if (controller.signal.reason instanceof UpstreamError) throw controller.signal.reason;
    if (signal.aborted) throw e;
    throw new UpstreamError(502, 'upstream_unreachable', 'the upstream could not be reached');
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    // A 4xx of the upstream is the request's fault (bad model, bad parameter): same status.
    const status = res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 403 ? res.status : 502;
    throw new UpstreamError(status, 'upstream_error', `the upstream answered ${res.status}`);
  }
  return res;
}

/**
 * The `data:` payloads of an upstream SSE body as they arrive. Ends on `[DONE]` or the end of
 * the body; a silence longer than the timeout, or the signal, cancels the body and stops.
 */
export async function* upstreamEvents(body: ReadableStream<Uint8Array>, signal: AbortSignal, idleMs: number): AsyncGenerator<string> {
  const reader = body.getReader();
  reader.closed.catch(() => {});
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let finished = false;
  // One watchdog for the whole body rather than a timer per read (a chunk may be one character,
  // and arming and clearing a timer for each cost more than the rest of the chunk's path). It
  // counts only time spent waiting on the upstream: a slow client holding the loop is not silence.
  // A gone client is noticed after the read in flight: cancelling a fetch body while a read is
  // pending makes workerd report a rejection no handler can catch. Only a silent upstream is
  // cancelled mid-read, by the watchdog.
  let readingSince: number | null = null;
  let silent = false;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const watch = () => {
    const waited = readingSince === null ? 0 : Date.now() - readingSince;
    if (waited >= idleMs) {
      silent = true;
      reader.cancel().catch(() => {});
      return;
    }
    watchdog = setTimeout(watch, idleMs - waited);
  };
  watchdog = setTimeout(watch, idleMs);
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      readingSince = Date.now();
      try {
        next = await reader.read();
      } catch {
        if (signal.aborted) return;
        if (silent) throw new UpstreamError(504, 'upstream_timeout', `the upstream was silent for ${idleMs} ms`);
        throw new UpstreamError(502, 'upstream_error', 'the upstream connection broke mid-answer');
      } finally {
        readingSince = null;
      }
      if (silent) throw new UpstreamError(504, 'upstream_timeout', `the upstream was silent for ${idleMs} ms`);
      if (next.done) {
        finished = true;
        break;
      }
      if (signal.aborted) return;
      buffer += decoder.decode(next.value, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        if (line === '') {
          if (data.length > 0) {
            const payload = data.join('\n');
            data = [];
            if (payload === '[DONE]') return;
            yield payload;
          }
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line[5] === ' ' ? 6 : 5));
        } // comments (`:`), `event:`, `id:` and `retry:` lines carry nothing the proxy needs
      }
    }
    if (data.length > 0 && data.join('\n') !== '[DONE]') yield data.join('\n');
  } finally {
    clearTimeout(watchdog);
    // No read is pending here: stopping early (a block, a gone client, [DONE]) closes the connection.
    if (!finished) reader.cancel().catch(() => {});
  }
}
