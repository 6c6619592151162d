// The OpenAPI document, generated from the same zod schemas that validate requests.
import { z } from 'zod';
import { guardrailConfigSchema } from '../policy/guardrail-schema.js';
import { augmentRequestSchema, evaluateRequestSchema, testRequestSchema } from '../policy/request-schemas.js';
import { chatRequestSchema } from '../proxy/openai-request.js';
import { feedbackSchema } from './feedback.js';
import { scanRequestSchema } from './scan.js';
import { createWebhookSchema } from './webhooks.js';

type Op = {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  scope?: string;
  body?: string;
  ok: number;
  query?: string[];
  headers?: string[];
};

const schemas: Record<string, z.ZodType> = {
  GuardrailConfig: guardrailConfigSchema,
  EvaluateRequest: evaluateRequestSchema,
  TestRequest: testRequestSchema,
  AugmentRequest: augmentRequestSchema,
  ScanRequest: scanRequestSchema,
  ChatCompletionRequest: chatRequestSchema,
  FeedbackRequest: feedbackSchema,
  WebhookRequest: createWebhookSchema,
};

const OPERATIONS: Op[] = [
  { method: 'get', path: '/v1/entities', summary: 'The detector catalog: entities, groups, examples', ok: 200 },
  { method: 'post', path: '/v1/scan', summary: 'Scan text with chosen detectors, patterns and words', scope: 'evaluate', body: 'ScanRequest', ok: 200 },
  { method: 'get', path: '/v1/guardrails', summary: 'List guardrails', scope: 'guardrails:read', ok: 200, query: ['cursor', 'limit'] },
  { method: 'post', path: '/v1/guardrails', summary: 'Create a guardrail (version 1; active only if its tests pass)', scope: 'guardrails:write', body: 'GuardrailConfig', ok: 201, query: ['draft'] },
  { method: 'get', path: '/v1/guardrails/{id}', summary: 'The active config with activeVersion and latestVersion', scope: 'guardrails:read', ok: 200 },
  { method: 'put', path: '/v1/guardrails/{id}', summary: 'Write the next version (If-Match: "<latestVersion>")', scope: 'guardrails:write', body: 'GuardrailConfig', ok: 200, query: ['draft'], headers: ['If-Match'] },
  { method: 'delete', path: '/v1/guardrails/{id}', summary: 'Delete a guardrail (versions are kept, the edge stops serving it)', scope: 'guardrails:write', ok: 204 },
  { method: 'get', path: '/v1/guardrails/{id}/versions', summary: 'List versions', scope: 'guardrails:read', ok: 200, query: ['cursor', 'limit'] },
  { method: 'get', path: '/v1/guardrails/{id}/versions/{version}', summary: 'One version', scope: 'guardrails:read', ok: 200 },
  { method: 'post', path: '/v1/guardrails/{id}/versions/{version}/promote', summary: 'Make a version active (its tests run first)', scope: 'guardrails:write', ok: 200 },
  { method: 'post', path: '/v1/guardrails/{id}/rollback', summary: 'Back to an earlier active version ({ toVersion? })', scope: 'guardrails:write', ok: 200 },
  { method: 'post', path: '/v1/guardrails/{id}/evaluate', summary: 'Evaluate text or messages with the active version', scope: 'evaluate', body: 'EvaluateRequest', ok: 200 },
  { method: 'post', path: '/v1/guardrails/{id}/test', summary: 'Evaluate with any version, or run its test cases; never counted', scope: 'evaluate', body: 'TestRequest', ok: 200 },
  { method: 'post', path: '/v1/guardrails/{id}/augment', summary: 'Append the relevant guidelines to a system prompt', scope: 'evaluate', body: 'AugmentRequest', ok: 200 },
  { method: 'post', path: '/v1/evaluate', summary: 'Evaluate with every guardrail assigned to the context', scope: 'evaluate', body: 'EvaluateRequest', ok: 200 },
  { method: 'post', path: '/v1/guardrails/{id}/stream', summary: 'Inspect a streamed answer: NDJSON { token } lines (or text/plain) in, text/event-stream of token, verdict and error events out; ?resume=<token> continues', scope: 'evaluate', ok: 200, query: ['direction', 'resume'] },
  { method: 'post', path: '/v1/chat/completions', summary: 'OpenAI-compatible chat proxy guarding the prompt and the streamed answer (x-cordon-guardrail or assignments)', scope: 'evaluate', body: 'ChatCompletionRequest', ok: 200 },
  { method: 'get', path: '/v1/guardrails/{id}/metrics', summary: 'Series and totals: requests, verdicts, findings, latency percentiles, false-positive rate', scope: 'metrics:read', ok: 200, query: ['from', 'to', 'interval', 'cursor', 'limit'] },
  { method: 'get', path: '/v1/metrics', summary: 'The tenant’s counters in Prometheus text format', scope: 'metrics:read', ok: 200 },
  { method: 'post', path: '/v1/evaluations/{evaluationId}/feedback', summary: 'Mark an evaluation (or one filter of it) as a false positive', scope: 'evaluate', body: 'FeedbackRequest', ok: 200 },
  { method: 'get', path: '/v1/audit', summary: 'The audit trail, filtered, with cursor pages', scope: 'audit:read', ok: 200, query: ['action', 'target', 'actor', 'from', 'to', 'cursor', 'limit'] },
  { method: 'get', path: '/v1/audit/verify', summary: 'Recompute the hash chain; names the first broken entry', scope: 'audit:read', ok: 200 },
  { method: 'get', path: '/v1/audit/export', summary: 'The audit trail as NDJSON', scope: 'audit:read', ok: 200 },
  { method: 'post', path: '/v1/webhooks', summary: 'Subscribe a URL to events; the signing secret is shown once', scope: 'webhooks:write', body: 'WebhookRequest', ok: 201 },
  { method: 'get', path: '/v1/webhooks', summary: 'List webhooks', scope: 'webhooks:write', ok: 200, query: ['cursor', 'limit'] },
  { method: 'get', path: '/v1/webhooks/{id}', summary: 'One webhook', scope: 'webhooks:write', ok: 200 },
  { method: 'delete', path: '/v1/webhooks/{id}', summary: 'Remove a webhook', scope: 'webhooks:write', ok: 204 },
  { method: 'post', path: '/v1/webhooks/{id}/ping', summary: 'Send a test event', scope: 'webhooks:write', ok: 200 },
  { method: 'get', path: '/v1/webhooks/{id}/deliveries', summary: 'Deliveries with their attempts', scope: 'webhooks:write', ok: 200, query: ['cursor', 'limit'] },
  { method: 'post', path: '/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', summary: 'Send a delivery again', scope: 'webhooks:write', ok: 202 },
  { method: 'get', path: '/v1/keys', summary: 'List API keys of the tenant', scope: 'keys:admin', ok: 200, query: ['cursor', 'limit', 'tenant'] },
  { method: 'post', path: '/v1/keys', summary: 'Create an API key ({ name, tenant?, scopes }); the key is shown once', scope: 'keys:admin', ok: 201 },
  { method: 'delete', path: '/v1/keys/{id}', summary: 'Revoke an API key', scope: 'keys:admin', ok: 204 },
];

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

function operation(op: Op) {
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  for (const q of op.query ?? []) params.push({ name: q, in: 'query', required: false, schema: { type: 'string' } });
  for (const h of op.headers ?? []) params.push({ name: h, in: 'header', required: true, schema: { type: 'string' } });
  return {
    summary: op.summary,
    ...(op.scope ? { description: `Scope: \`${op.scope}\`.` } : {}),
    parameters: params,
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${op.body}` } } } } } : {}),
    responses: {
      [op.ok]: { description: 'OK' },
      400: errorResponse('Invalid request: details.path names the field'),
      401: errorResponse('Missing or invalid API key'),
      403: errorResponse('The key lacks a scope'),
      404: errorResponse('Unknown resource (or another tenant’s)'),
      413: errorResponse('Body too large'),
      415: errorResponse('Content-Type is not application/json'),
      429: errorResponse('Rate limited; see Retry-After'),
    },
  };
}

let cached: unknown;

export function openApiDocument(): unknown {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operation(op);
  const components = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })]),
  );
  cached = {
    openapi: '3.1.0',
    info: { title: 'Cordon', version: '0.1.0', description: 'Edge-native LLM guardrail gateway.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ...components,
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } } } },
        },
      },
    },
    security: [{ bearer: [] }],
    paths,
  };
  return cached;
}

export const OPERATION_LIST = OPERATIONS;
