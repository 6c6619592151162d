// Retry delays of webhook deliveries: exponential, with "equal jitter" (half fixed, half random)
// so retries of many deliveries that failed together spread out instead of arriving in waves.

/** Longest wait between two attempts, whatever the base. */
export const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** Delay before attempt `failures + 1`, after `failures` failed attempts (failures >= 1). */
export function backoffMs(baseMs: number, failures: number, random: () => number = Math.random): number {
  const exp = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
