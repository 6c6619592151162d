// A guardrail config: what users write, what versions store, what the OpenAPI document shows.
import { z } from 'zod';
import { FallbackConfigSchema } from './fallback/schema.js';
import { DIRECTIONS, filterSchema } from './filter-schema.js';

export const VERDICTS = ['ALLOW', 'WARN', 'REDACT', 'BLOCK'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const GUARDRAIL_LIMITS = {
  /** Bytes of a config's JSON. */
  configBytes: 32 * 1024,
  filters: 50,
  tests: 100,
  guidelines: 50,
  assignments: 100,
} as const;

export const ENTITY_TYPES = ['tenant', 'project', 'agent', 'model', 'datasource'] as const;

const assignmentSchema = z.strictObject({
  entityType: z.enum(ENTITY_TYPES),
  entityId: z.string().min(1).max(200),
});

const testCaseSchema = z.strictObject({
  name: z.string().max(200).optional(),
  input: z.string().max(8 * 1024),
  direction: z.enum(DIRECTIONS).exclude(['both']).default('input'),
  expect: z.enum(VERDICTS),
  /** Entities the findings must include (others may appear too). */
  expectEntities: z.array(z.string().max(64)).max(50).optional(),
});

const guidelineSchema = z.strictObject({
  title: z.string().max(200).optional(),
  text: z.string().min(1).max(4000),
  /** Relevant when the message mentions one of these; a guideline without keywords always applies. */
  keywords: z.array(z.string().min(1).max(100)).max(50).default([]),
});

const range = z
  .strictObject({ min: z.number().min(0).max(2).optional(), max: z.number().min(0).max(2).optional() })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { message: 'min must not exceed max' });

/**
 * Names of Worker secrets a guardrail may send to its upstream: a fixed prefix, so a config can
 * never name Cordon's own secrets (admin key, stream key, the default upstream key).
 */
export const UPSTREAM_SECRET_NAME = /^UPSTREAM_KEY_[A-Z0-9_]{1,50}$/;

function isPlainHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

const upstreamSchema = z.strictObject({
  /** OpenAI-compatible base URL, e.g. `https://api.openai.com/v1` (the proxy appends /chat/completions). */
  baseUrl: z
    .string()
    .max(500)
    .refine(isPlainHttpUrl, {
      message: 'must be an http(s) URL without credentials',
    }),
  /** Name of the Worker secret holding the provider key (`UPSTREAM_KEY_...`, set with `wrangler secret put`). */
  apiKeySecret: z.string().regex(UPSTREAM_SECRET_NAME, 'a Worker secret name starting with UPSTREAM_KEY_ (A-Z, 0-9, _)').optional(),
});

export const guardrailConfigSchema = z
  .strictObject({
    name: z.string().min(1).max(100),
    description: z.string().max(1000).default(''),
    enabled: z.boolean().default(true),
    failMode: z.enum(['closed', 'open']).default('closed'),
    filters: z.array(filterSchema).max(GUARDRAIL_LIMITS.filters).default([]),
    modelConstraints: z
      .strictObject({
        allowedModels: z.array(z.string().min(1).max(200)).max(100).optional(),
        maxTokens: z.int().min(1).max(10_000_000).optional(),
        temperature: range.optional(),
      })
      .optional(),
    assignments: z.array(assignmentSchema).max(GUARDRAIL_LIMITS.assignments).default([]),
    target: z
      .strictObject({
        direction: z.enum(['input', 'output', 'both']).default('both'),
        /** True: the guardrail applies to everything except the assigned entities. */
        isException: z.boolean().default(false),
      })
      .default({ direction: 'both', isException: false }),
    guidelines: z.array(guidelineSchema).max(GUARDRAIL_LIMITS.guidelines).default([]),
    tests: z.array(testCaseSchema).max(GUARDRAIL_LIMITS.tests).default([]),
    escalation: z
      .strictObject({
        /** Violations (verdicts other than ALLOW) in one conversation after which every verdict is BLOCK. */
        afterViolations: z.int().min(1).max(1000),
        ttlSeconds: z.int().min(60).max(30 * 24 * 3600).default(3600),
      })
      .optional(),
    /** The model asked when a content-safety or prompt-injection score is unsure (docs/detection.md). */
    fallback: FallbackConfigSchema.optional(),
    blockedMessage: z.string().min(1).max(2000).default('Sorry, this request was blocked by a guardrail.'),
    /** The model the chat proxy forwards to; without it, the Worker's CORDON_UPSTREAM_URL. */
    upstream: upstreamSchema.optional(),
    /** Chat proxy, blocked prompt: `error` answers 400 (code content_filter); `message` a completion carrying `blockedMessage`. */
    onBlock: z.enum(['error', 'message']).default('error'),
    /**
     * Chat proxy: values the input filters redact become numbered placeholders (`[EMAIL_1]`) the
     * model sees; the values wait, encrypted, in the conversation's vault and are put back into
     * the answer. Per conversation (`x-cordon-conversation`), else per request.
     */
    pseudonymize: z
      .strictObject({
        enabled: z.boolean().default(true),
        /** How long a conversation's values are kept after its last request. */
        ttlSeconds: z.int().min(60).max(7 * 24 * 3600).default(3600),
      })
      .optional(),
  });

export type GuardrailConfig = z.output<typeof guardrailConfigSchema>;
export type GuardrailInput = z.input<typeof guardrailConfigSchema>;
export type TestCase = GuardrailConfig['tests'][number];
