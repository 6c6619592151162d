// API keys: created with a tenant and scopes, shown once, stored hashed, revoked by id.
import { Hono } from 'hono';
import { z } from 'zod';
import { forgetKey, requireScope } from '../auth/authenticate.js';
import { SCOPES } from '../auth/identity.js';
import { newApiKey, sha256, toHex } from '../auth/keys.js';
import type { AppEnv } from '../env.js';
import { ApiError, notFound } from '../errors.js';
import { readJsonBody } from '../http/json-body.js';
import { idParam, pageParams } from '../http/params.js';
import { parseOr400 } from '../http/validate.js';
import { LIMITS } from '../limits.js';
import { apiKeyKey } from '../storage/kv-keys.js';
import { registry } from '../storage/registry-client.js';
import type { ApiKeyRecord } from '../storage/types.js';

export const TENANT = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const createKeySchema = z.strictObject({
  name: z.string().min(1).max(100),
  tenant: z.string().regex(TENANT, 'lower case letters, digits, - and _, at most 64 characters').optional(),
  scopes: z.array(z.enum(SCOPES)).min(1).max(SCOPES.length),
  /** This key's own limit; default CORDON_RATE_LIMIT_PER_MINUTE. */
  rateLimitPerMinute: z.int().min(1).max(1_000_000).optional(),
});

const admin = requireScope('keys:admin');

export const keyRoutes = new Hono<AppEnv>()
  .post('/', admin, async (c) => {
    const auth = c.get('auth');
    const req = parseOr400(createKeySchema, await readJsonBody(c, LIMITS.smallBodyBytes));
    const tenant = req.tenant ?? auth.tenant;
    if (tenant !== auth.tenant && !auth.root) throw new ApiError(403, 'forbidden', 'keys:admin manages keys of its own tenant only');
    // A key cannot hand out more than it holds.
    const beyond = req.scopes.filter((s) => !auth.scopes.has(s));
    if (beyond.length > 0) throw new ApiError(403, 'forbidden', `cannot grant scopes this key lacks: ${beyond.join(', ')}`, { scopes: beyond });
    const { id, secret, key } = newApiKey();
    const record: ApiKeyRecord = {
      id,
      tenant,
      name: req.name,
      scopes: [...new Set(req.scopes)],
      ...(req.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: req.rateLimitPerMinute } : {}),
      hash: toHex(await sha256(secret)),
      createdAt: new Date().toISOString(),
      createdBy: auth.keyId,
    };
    await registry(c.env, tenant).createKey(record);
    const { hash: _hash, ...shown } = record;
    return c.json({ ...shown, key }, 201);
  })
  .get('/', admin, async (c) => {
    const auth = c.get('auth');
    const tenant = c.req.query('tenant') ?? auth.tenant;
    if (tenant !== auth.tenant && !auth.root) throw new ApiError(403, 'forbidden', 'keys:admin lists keys of its own tenant only');
    if (!TENANT.test(tenant)) throw notFound('tenant');
    const { cursor, limit } = pageParams(c);
    const page = await registry(c.env, tenant).listKeys(cursor, limit);
    return c.json({ keys: page.items, nextCursor: page.nextCursor });
  })
  .delete('/:id', admin, async (c) => {
    const auth = c.get('auth');
    const id = idParam(c, 'id', 'key');
    const record = await c.env.CONFIGS.get<ApiKeyRecord>(apiKeyKey(id), 'json');
    if (!record || (record.tenant !== auth.tenant && !auth.root)) throw notFound('key');
    if (!(await registry(c.env, record.tenant).deleteKey(id))) throw notFound('key');
    forgetKey(id);
    return c.body(null, 204);
  });
