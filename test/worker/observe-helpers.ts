// Helpers for observability tests: observations land after the response (waitUntil, batched),
// so tests poll for them with a deadline instead of sleeping a fixed time.
import { expect } from 'vitest';

export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!accept(last)) {
    if (Date.now() > deadline) {
      expect.fail(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last).slice(0, 2000)}`);
    }
    await new Promise((r) => setTimeout(r, 20));
    last = await probe();
  }
  return last;
}
