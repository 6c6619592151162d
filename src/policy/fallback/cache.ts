// Provider answers remembered by SHA-256 of the content (never the content itself): an LRU in
// the isolate with a TTL, so a repeated unsure message costs one provider call per TTL.
import type { ProviderVerdict } from './providers/types.js';

interface Entry {
  verdict: ProviderVerdict;
  expires: number;
}

export class VerdictCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly capacity = 1024,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): ProviderVerdict | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expires <= this.now()) return undefined;
    this.entries.set(key, entry); // most recently used last
    return entry.verdict;
  }

  set(key: string, verdict: ProviderVerdict, ttlSeconds: number): void {
    if (ttlSeconds <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { verdict, expires: this.now() + ttlSeconds * 1000 });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Hex SHA-256 of the provider identity and the text: the cache key. */
export async function contentKey(scope: string, text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${scope}\u0000${text}`));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
