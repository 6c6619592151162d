// Guardrail configs: create, read, update (If-Match), versions, promote, roll back, delete.
import { Hono } from 'hono';
import { z } from 'zod';
import { requireScope } from '../auth/authenticate.js';
import type { AppEnv } from '../env.js';
import { evaluateDeps } from '../guardrails.js';
import { readJsonBody } from '../http/json-body.js';
import { flag, idParam, ifMatchVersion, pageParams, versionParam } from '../http/params.js';
import { parseOr400 } from '../http/validate.js';
import { LIMITS } from '../limits.js';
import { compileGuardrail } from '../policy/compile.js';
import { runTestCases } from '../policy/test-cases.js';
import type { GuardrailConfig } from '../policy/guardrail-schema.js';
import { parseGuardrailConfig } from '../policy/validate-config.js';
import { registry, unwrap } from '../storage/registry-client.js';
import { ApiError } from '../errors.js';
import { randomToken } from '../auth/keys.js';
import { writeVersion } from './guardrail-write.js';

const rollbackSchema = z.strictObject({ toVersion: z.int().min(1).optional() });

const read = requireScope('guardrails:read');
const write = requireScope('guardrails:write');

export const guardrailRoutes = new Hono<AppEnv>()
  .get('/', read, async (c) => {
    const { cursor, limit } = pageParams(c);
    const page = await registry(c.env, c.get('auth').tenant).listGuardrails(cursor, limit);
    return c.json({ guardrails: page.items, nextCursor: page.nextCursor });
  })
  .post('/', write, async (c) => {
    const draft = flag(c, 'draft');
    const config = parseGuardrailConfig(await readJsonBody(c, LIMITS.bodyBytes));
    const { tenant, keyId } = c.get('auth');
    const out = await writeVersion(c.env, config, { tenant, actor: keyId, draft, create: { id: `gr_${randomToken(16)}` } });
    c.header('etag', `"${out.version}"`);
    return c.json({ ...out.guardrail, version: out.version, tests: out.tests }, 201);
  })
  .get('/:id', read, async (c) => {
    const { guardrail, config } = unwrap(await registry(c.env, c.get('auth').tenant).getGuardrail(idParam(c)));
    c.header('etag', `"${guardrail.latestVersion}"`);
    return c.json({ ...guardrail, config });
  })
  .put('/:id', write, async (c) => {
    const id = idParam(c);
    const ifMatch = ifMatchVersion(c);
    const draft = flag(c, 'draft');
    const config = parseGuardrailConfig(await readJsonBody(c, LIMITS.bodyBytes));
    const { tenant, keyId } = c.get('auth');
    const out = await writeVersion(c.env, config, { tenant, actor: keyId, draft, update: { id, ifMatch } });
    c.header('etag', `"${out.version}"`);
    return c.json({ ...out.guardrail, version: out.version, tests: out.tests });
  })
  .delete('/:id', write, async (c) => {
    const { tenant } = c.get('auth');
    unwrap(await registry(c.env, tenant).deleteGuardrail(tenant, idParam(c)));
    return c.body(null, 204);
  })
  .get('/:id/versions', read, async (c) => {
    const { cursor, limit } = pageParams(c);
    const page = unwrap(await registry(c.env, c.get('auth').tenant).listVersions(idParam(c), cursor, limit));
    return c.json({ versions: page.items, nextCursor: page.nextCursor });
  })
  .get('/:id/versions/:version', read, async (c) => {
    return c.json(unwrap(await registry(c.env, c.get('auth').tenant).getVersion(idParam(c), versionParam(c))));
  })
  .post('/:id/versions/:version/promote', write, async (c) => {
    const { tenant, keyId } = c.get('auth');
    const id = idParam(c);
    const stub = registry(c.env, tenant);
    const version = unwrap(await stub.getVersion(id, versionParam(c)));
    // Promotion is gated by the version's own tests, whichever way it happens.
    const tests = await runTestCases(compileGuardrail(id, version.version, version.config as GuardrailConfig), evaluateDeps);
    if (tests.failed > 0) {
      throw new ApiError(422, 'tests_failed', `${tests.failed} of ${tests.passed + tests.failed} test cases failed; version ${version.version} was not promoted`, {
        id,
        version: version.version,
        failures: tests.results.filter((r) => !r.passed),
      });
    }
    const guardrail = unwrap(await stub.promote(tenant, id, version.version, keyId));
    return c.json({ ...guardrail, tests });
  })
  .post('/:id/rollback', write, async (c) => {
    const { tenant, keyId } = c.get('auth');
    const id = idParam(c);
    const hasBody = (c.req.header('content-length') ?? '0') !== '0' || c.req.header('content-type') !== undefined;
    const body = hasBody ? parseOr400(rollbackSchema, await readJsonBody(c, LIMITS.smallBodyBytes)) : {};
    return c.json(unwrap(await registry(c.env, tenant).rollback(tenant, id, body.toVersion, keyId)));
  });
