// Retries of requests the server asked to retry (429) or failed (5xx, network): exponential
// backoff with jitter, or exactly the server's Retry-After when it sent one.

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** First backoff in ms (default 250), doubled per retry, capped at maxDelayMs (default 8000). */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export const retryable = (status: number) => status === 429 || status >= 500;

/** Milliseconds to wait before retry `attempt` (0-based), from Retry-After when present. */
export function retryDelay(attempt: number, retryAfter: string | null, o: RetryOptions = {}): number {
  const max = o.maxDelayMs ?? 8000;
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, max * 4);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.min(Math.max(0, at - Date.now()), max * 4);
  }
  const base = (o.baseDelayMs ?? 250) * 2 ** attempt;
  return Math.min(max, base / 2 + Math.random() * (base / 2));
}

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    }, { once: true });
  });
