// The layered decision: the fast layer's scores stand unless one of them lies inside the
// configured uncertainty band; then the provider decides (cached by content hash), within a
// timeout. When the provider fails or is late, the guardrail's fail mode decides.
import { DEFAULT_THRESHOLDS, type SafetyCategory, type SafetyScores } from '../../scan/index.js';
import { VerdictCache, contentKey } from './cache.js';
import { PROVIDERS, type ProviderVerdict } from './providers/index.js';
import { ProviderError } from './providers/types.js';
import type { FallbackConfig } from './schema.js';
import { BlockedUrlError } from './network.js';

export type DecisionLayer = 'fast' | 'fallback' | 'error';

export interface FallbackDeps {
  /** The tenant evaluating: scopes the provider secrets it may use and the verdict cache. */
  tenant: string;
  /** The guardrail's fail mode: closed treats a provider failure as a violation, open keeps the fast decision. */
  failMode: 'closed' | 'open';
  /** Worker env: provider secrets by name and the AI binding. */
  env?: Record<string, unknown>;
  /** Allow provider URLs in private and loopback ranges (env.CORDON_ALLOW_PRIVATE_NETWORK). */
  allowPrivateNetwork?: boolean;
  /** Per-category thresholds of the fast decision (default DEFAULT_THRESHOLDS). */
  thresholds?: Partial<SafetyScores>;
  fetch?: typeof fetch;
  cache?: VerdictCache;
}

export interface FallbackDecision {
  decisionLayer: DecisionLayer;
  /** Whether the content violates: the provider's verdict, the fast one, or the fail mode's. */
  violation: boolean;
  /** Fast scores, with the provider's where it gave them. */
  scores: Partial<SafetyScores>;
  /** Categories whose fast score lay inside the band (empty: the provider was not asked). */
  uncertain: SafetyCategory[];
  /** The provider's answer came from the cache. */
  cached: boolean;
  /** Set with decisionLayer 'error': what failed (a code, never provider output or secrets). */
  error?: 'timeout' | 'fallback_url_blocked' | ProviderError['code'];
  /** Fail open kept the fast decision although the provider could not confirm it. */
  failedOpen?: boolean;
}

const sharedCache = new VerdictCache();

export async function decideWithFallback(
  config: FallbackConfig,
  text: string,
  fastScores: Partial<SafetyScores>,
  deps: FallbackDeps,
): Promise<FallbackDecision> {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...deps.thresholds };
  const entries = Object.entries(fastScores) as [SafetyCategory, number][];
  const fastViolation = entries.some(([c, s]) => s >= thresholds[c]);
  const [low, high] = config.band;
  const uncertain = entries.filter(([, s]) => s >= low && s <= high).map(([c]) => c);
  const fast: FallbackDecision = { decisionLayer: 'fast', violation: fastViolation, scores: { ...fastScores }, uncertain, cached: false };
  if (uncertain.length === 0) return fast;

  const cache = deps.cache ?? sharedCache;
  // Per tenant: one tenant must not get a verdict paid with another's key, nor learn what it asked.
  const key = await contentKey(`${deps.tenant}|${config.provider}|${config.url ?? ''}|${config.model ?? ''}|${config.apiKeySecret ?? ''}`, text);
  const hit = cache.get(key);
  if (hit) return fromProvider(fast, hit, true);

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, config.timeoutMs);
  try {
    const call = PROVIDERS[config.provider](text, {
      config,
      signal: controller.signal,
      // Called as a method of the context: workerd's fetch must not be detached from globalThis.
      fetch: deps.fetch ?? ((input, init) => fetch(input, init)),
      env: deps.env ?? {},
      allowPrivateNetwork: deps.allowPrivateNetwork === true,
      tenant: deps.tenant,
    });
    // A provider that ignores the signal still loses the race.
    const verdict = await Promise.race([
      call,
      new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(new Error('timeout')), { once: true })),
    ]);
    cache.set(key, verdict, config.cacheTtlSeconds);
    return fromProvider(fast, verdict, false);
  } catch (e) {
    const error: FallbackDecision['error'] = timedOut ? 'timeout' : e instanceof ProviderError || e instanceof BlockedUrlError ? e.code : 'provider_http_error';
    if (deps.failMode === 'closed') return { ...fast, decisionLayer: 'error', violation: true, error };
    return { ...fast, decisionLayer: 'error', error, failedOpen: true };
  } finally {
    clearTimeout(timer);
  }
}

function fromProvider(fast: FallbackDecision, verdict: ProviderVerdict, cached: boolean): FallbackDecision {
  return { ...fast, decisionLayer: 'fallback', violation: verdict.flagged, scores: { ...fast.scores, ...verdict.scores }, cached };
}
