// The OpenAPI document describes the routes the Worker really has, with their schemas.
import { describe, expect, it } from 'vitest';
import { OPERATION_LIST } from '../../src/routes/openapi.js';
import { call } from './api.js';

describe('/openapi.json', () => {
  it('lists only routes that exist: each answers 401 without a key, not 404', async () => {
    for (const op of OPERATION_LIST) {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name) => (name === 'version' ? '1' : 'x1'));
      const res = await call(op.method.toUpperCase(), path, { key: null });
      expect(res.status, `${op.method} ${op.path}`).toBe(401);
    }
  });

  it('carries the request schemas, generated from the validating zod schemas', async () => {
    const doc = (await call('GET', '/openapi.json', { key: null })).body;
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['GuardrailConfig', 'EvaluateRequest', 'ChatCompletionRequest', 'WebhookRequest', 'Error']));
    const filterTypes = JSON.stringify(schemas.GuardrailConfig.properties.filters);
    for (const t of ['pii', 'secrets', 'pattern', 'words', 'content_safety', 'prompt_injection', 'topics', 'response_schema']) expect(filterTypes).toContain(`"${t}"`);
    for (const op of OPERATION_LIST) expect(doc.paths[op.path][op.method].responses[op.ok]).toBeDefined();
  });
});
