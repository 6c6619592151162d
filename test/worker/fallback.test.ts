// The fallback layer inside workerd, against a real mock provider on 127.0.0.1 (see
// fallback-provider.setup.ts): band, cache, timeout under both fail modes, secrets, URL checks.
import { describe, expect, inject, it } from 'vitest';
import { FallbackConfigSchema, VerdictCache, decideWithFallback, isPrivateHost, type FallbackConfigInput } from '../../src/policy/fallback/index.js';

const port = inject('providerPort');
const base = `http://127.0.0.1:${port}`;
const env = { FALLBACK_KEY_ACME_MODERATION: 'test-key' };
const config = (over: Partial<FallbackConfigInput> = {}) =>
  FallbackConfigSchema.parse({ provider: 'openai_moderation', url: `${base}/v1`, apiKeySecret: 'FALLBACK_KEY_ACME_MODERATION', band: [0.3, 0.7], timeoutMs: 500, cacheTtlSeconds: 60, ...over });
const deps = (over: Partial<Parameters<typeof decideWithFallback>[3]> = {}) => ({
  tenant: 'acme',
  failMode: 'closed' as const,
  env,
  allowPrivateNetwork: true,
  cache: new VerdictCache(),
  ...over,
});
let markers = 0;
const marker = () => `marker:m${Date.now()}x${markers++}`;
const calls = async (m: string) => ((await (await fetch(`${base}/calls?marker=${m.slice('marker:'.length)}`)).json()) as { count: number }).count;

describe('fallback: the band decides who answers', () => {
  it.each([
    ['below the band', 0.1, false],
    ['above the band', 0.9, true],
  ])('a score %s stays with the fast layer and never calls the provider', async (_name, score, violation) => {
    const m = marker();
    const d = await decideWithFallback(config(), `${m} [unsafe]`, { violence: score }, deps());
    expect(d).toMatchObject({ decisionLayer: 'fast', violation, uncertain: [] });
    expect(await calls(m)).toBe(0);
  });

  it('a score inside the band asks the provider, whose verdict and scores win', async () => {
    const m = marker();
    const d = await decideWithFallback(config(), `${m} [unsafe]`, { violence: 0.5, hate: 0.05 }, deps());
    expect(d).toMatchObject({ decisionLayer: 'fallback', violation: true, uncertain: ['violence'], cached: false });
    expect(d.scores).toMatchObject({ violence: 0.97, hate: 0.05, self_harm: 0.03 });
    expect(await calls(m)).toBe(1);
  });

  it('the provider can clear what the fast layer doubted', async () => {
    const d = await decideWithFallback(config(), `${marker()} fine`, { prompt_injection: 0.6 }, deps());
    expect(d).toMatchObject({ decisionLayer: 'fallback', violation: false });
  });

  it('the generic HTTP classifier works the same way', async () => {
    const d = await decideWithFallback(config({ provider: 'http_classifier', url: `${base}/classify`, apiKeySecret: undefined }), `${marker()} [unsafe]`, { harassment: 0.4 }, deps());
    expect(d).toMatchObject({ decisionLayer: 'fallback', violation: true, scores: { harassment: 0.9 } });
  });

  it('Workers AI: Llama Guard answers through the AI binding', async () => {
    const seen: unknown[] = [];
    const AI = { run: async (model: string, input: unknown) => (seen.push([model, input]), { response: 'unsafe\nS10' }) };
    const d = await decideWithFallback(config({ provider: 'workers_ai', url: undefined, apiKeySecret: undefined }), 'some text', { hate: 0.5 }, deps({ env: { AI } }));
    expect(d).toMatchObject({ decisionLayer: 'fallback', violation: true, scores: { hate: 1 } });
    expect(seen).toEqual([['@cf/meta/llama-guard-3-8b', { messages: [{ role: 'user', content: 'some text' }] }]]);
  });
});

describe('fallback: cache', () => {
  it('answers the same content from the cache within the TTL, by content hash', async () => {
    const m = marker();
    const cache = new VerdictCache();
    const first = await decideWithFallback(config(), `${m} [unsafe]`, { violence: 0.5 }, deps({ cache }));
    const second = await decideWithFallback(config(), `${m} [unsafe]`, { violence: 0.6 }, deps({ cache }));
    expect(first.cached).toBe(false);
    expect(second).toMatchObject({ decisionLayer: 'fallback', cached: true, violation: true });
    expect(await calls(m)).toBe(1);
    await decideWithFallback(config(), `${m} [unsafe] other`, { violence: 0.5 }, deps({ cache }));
    expect(await calls(m)).toBe(2);
  });

  it('forgets answers after their TTL', async () => {
    let now = 1_000_000;
    const cache = new VerdictCache(16, () => now);
    const m = marker();
    await decideWithFallback(config({ cacheTtlSeconds: 10 }), m, { violence: 0.5 }, deps({ cache }));
    now += 11_000;
    const again = await decideWithFallback(config({ cacheTtlSeconds: 10 }), m, { violence: 0.5 }, deps({ cache }));
    expect(again.cached).toBe(false);
    expect(await calls(m)).toBe(2);
  });
});

describe('fallback: slow or failing providers', () => {
  it('a timeout fails closed: a violation, from the error layer', async () => {
    const started = Date.now();
    const d = await decideWithFallback(config({ timeoutMs: 100 }), `${marker()} [slow]`, { violence: 0.4 }, deps({ failMode: 'closed' }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(d).toMatchObject({ decisionLayer: 'error', error: 'timeout', violation: true });
  });

  it('a timeout fails open: the fast decision stands, flagged as unconfirmed', async () => {
    const d = await decideWithFallback(config({ timeoutMs: 100 }), `${marker()} [slow]`, { violence: 0.4 }, deps({ failMode: 'open' }));
    expect(d).toMatchObject({ decisionLayer: 'error', error: 'timeout', violation: false, failedOpen: true });
  });

  it('an HTTP error follows the fail mode and never echoes the provider body or the text', async () => {
    const text = `${marker()} private words`;
    const d = await decideWithFallback(config({ url: `${base}/broken`, apiKeySecret: undefined, provider: 'http_classifier' }), text, { violence: 0.5 }, deps());
    expect(d).toMatchObject({ decisionLayer: 'error', error: 'provider_http_error', violation: true });
    expect(JSON.stringify(d)).not.toContain('private words');
  });

  it('a missing secret fails without naming its value; a wrong key is an HTTP error', async () => {
    const missing = await decideWithFallback(config(), marker(), { violence: 0.5 }, deps({ env: {} }));
    expect(missing).toMatchObject({ decisionLayer: 'error', error: 'provider_unavailable' });
    const wrong = await decideWithFallback(config(), marker(), { violence: 0.5 }, deps({ env: { FALLBACK_KEY_ACME_MODERATION: 'nope' }, failMode: 'open' }));
    expect(wrong).toMatchObject({ decisionLayer: 'error', error: 'provider_http_error', failedOpen: true });
    expect(JSON.stringify(wrong)).not.toContain('nope');
  });

  it('refuses provider URLs on private networks unless allowed', async () => {
    const m = marker();
    const d = await decideWithFallback(config(), m, { violence: 0.5 }, deps({ allowPrivateNetwork: false }));
    expect(d).toMatchObject({ decisionLayer: 'error', error: 'fallback_url_blocked' });
    expect(await calls(m)).toBe(0);
  });
});

describe('fallback: config and address checks', () => {
  it.each(['127.0.0.1', 'localhost', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '[::1]', '[fd00::1]', '[fe80::1]', '[::ffff:10.0.0.1]', '100.64.0.1'])(
    'private: %s',
    (host) => expect(isPrivateHost(host)).toBe(true),
  );

  it.each(['api.openai.com', '8.8.8.8', '172.32.0.1', '[2606:4700::1111]'])('public: %s', (host) => expect(isPrivateHost(host)).toBe(false));

  it('rejects bad configs with the field path', () => {
    const issues = (input: unknown) => FallbackConfigSchema.safeParse(input).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ provider: 'openai_moderation' })).toEqual(['url']);
    expect(issues({ provider: 'workers_ai', band: [0.8, 0.2] })).toEqual(['band']);
    expect(issues({ provider: 'workers_ai', apiKeySecret: 'sk-live-123' })).toEqual(['apiKeySecret']);
    // Cordon's own secrets cannot be named: they would go to a URL the tenant chose.
    expect(issues({ provider: 'http_classifier', url: 'https://evil.example/x', apiKeySecret: 'CORDON_ADMIN_KEY' })).toEqual(['apiKeySecret']);
    expect(issues({ provider: 'magic' })).toEqual(['provider']);
    expect(FallbackConfigSchema.parse({ provider: 'workers_ai' })).toMatchObject({ band: [0.3, 0.7], timeoutMs: 1500, cacheTtlSeconds: 300 });
  });
});
