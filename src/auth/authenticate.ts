// Bearer-key authentication, scopes and the per-key rate limit, as Hono middleware.
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Bindings } from '../env.js';
import { ApiError } from '../errors.js';
import { apiKeyKey } from '../storage/kv-keys.js';
import type { ApiKeyRecord } from '../storage/types.js';
import { type AuthContext, SCOPES, type Scope } from './identity.js';
import { digestsEqual, fromHex, parseApiKey, sha256 } from './keys.js';
import { RateLimiter } from './rate-limit.js';

const DEFAULT_RATE = 600;
/** Seconds a key record is trusted from this isolate's memory (revocation elsewhere takes this long, plus KV's own propagation). */
const KEY_CACHE_MS = 30_000;
const keyCache = new Map<string, { record: ApiKeyRecord | null; at: number }>();
const limiter = new RateLimiter();

const unauthorized = () => new ApiError(401, 'unauthorized', 'missing or invalid API key (Authorization: Bearer <key>)');

/** Drops a key from this isolate's cache (after revoking it here). */
export function forgetKey(id: string): void {
  keyCache.delete(id);
}

async function lookupKey(env: Bindings, id: string): Promise<ApiKeyRecord | null> {
  const hit = keyCache.get(id);
  if (hit && Date.now() - hit.at < KEY_CACHE_MS) return hit.record;
  const record = await env.CONFIGS.get<ApiKeyRecord>(apiKeyKey(id), 'json');
  if (keyCache.size > 1000) keyCache.delete(keyCache.keys().next().value!);
  keyCache.set(id, { record, at: Date.now() });
  return record;
}

/** The admin key's digest, computed once per isolate (and again only if the secret changes). */
let adminDigest: { key: string; digest: Uint8Array } | undefined;

async function adminKeyDigest(key: string): Promise<Uint8Array> {
  if (adminDigest?.key !== key) adminDigest = { key, digest: await sha256(key) };
  return adminDigest.digest;
}

async function identify(env: Bindings, presented: string): Promise<AuthContext | null> {
  const digest = await sha256(presented);
  if (env.CORDON_ADMIN_KEY && digestsEqual(digest, await adminKeyDigest(env.CORDON_ADMIN_KEY))) {
    return { keyId: 'admin', tenant: env.CORDON_ADMIN_TENANT || 'default', scopes: new Set(SCOPES), root: true };
  }
  const parsed = parseApiKey(presented);
  if (!parsed) return null;
  const record = await lookupKey(env, parsed.id);
  // Hash the secret even when the id is unknown, so both paths cost the same.
  const secretDigest = await sha256(parsed.secret);
  if (!record || !digestsEqual(secretDigest, fromHex(record.hash))) return null;
  return { keyId: record.id, tenant: record.tenant, scopes: new Set(record.scopes as Scope[]), root: false, rateLimit: record.rateLimitPerMinute };
}

export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const m = /^Bearer\s+(\S{1,200})$/i.exec(header);
  if (!m) throw unauthorized();
  const auth = await identify(c.env, m[1]);
  if (!auth) throw unauthorized();
  const perMinute = auth.rateLimit ?? (Number(c.env.CORDON_RATE_LIMIT_PER_MINUTE) || DEFAULT_RATE);
  const wait = limiter.take(auth.keyId, perMinute);
  if (wait > 0) {
    throw new ApiError(429, 'rate_limited', `rate limit of ${perMinute} requests per minute exceeded`, { retryAfter: wait });
  }
  c.set('auth', auth);
  await next();
});

/** 403 unless the caller's key holds every scope given. */
export function requireScope(...scopes: Scope[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const auth = c.get('auth');
    const missing = scopes.filter((s) => !auth.scopes.has(s));
    if (missing.length > 0) throw new ApiError(403, 'forbidden', `this key lacks the scope ${missing.join(', ')}`, { required: missing });
    await next();
  });
}
