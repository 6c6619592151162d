// Per-guardrail configuration of the fallback layer: which model to ask when the fast layer is
// unsure, how long to wait, and how long to remember its answers.
import { z } from 'zod';

export const FALLBACK_PROVIDERS = ['workers_ai', 'openai_moderation', 'http_classifier'] as const;

/**
 * Name of a Worker secret (the key itself never appears in a config). Only secrets named for this
 * purpose: a tenant who writes configs must not be able to send Cordon's own secrets (the admin
 * key, the stream key) as a bearer token to a URL of its choosing.
 */
export const FALLBACK_SECRET_NAME = /^FALLBACK_KEY_[A-Z0-9_]{1,50}$/;

export const FallbackConfigSchema = z
  .object({
    provider: z.enum(FALLBACK_PROVIDERS),
    /** openai_moderation: base URL (`{url}/moderations` is called); http_classifier: the endpoint itself. */
    url: z.url({ protocol: /^https?$/ }).max(2048).optional(),
    /** Workers AI model id or the moderation model name. */
    model: z.string().min(1).max(128).optional(),
    /** NAME of the Worker secret holding the provider's API key, sent as a bearer token. */
    apiKeySecret: z.string().regex(FALLBACK_SECRET_NAME, 'a Worker secret name starting with FALLBACK_KEY_ (A-Z, 0-9, _)').optional(),
    /** Fast scores within [low, high] are unsure: only those call the provider. */
    band: z
      .tuple([z.number().min(0).max(1), z.number().min(0).max(1)])
      .refine(([low, high]) => low <= high, 'band: low must not exceed high')
      .default([0.3, 0.7]),
    timeoutMs: z.number().int().min(50).max(30_000).default(1500),
    cacheTtlSeconds: z.number().int().min(0).max(86_400).default(300),
  })
  .strict()
  .refine((c) => c.provider === 'workers_ai' || c.url !== undefined, { message: 'url is required for this provider', path: ['url'] });

export type FallbackConfig = z.infer<typeof FallbackConfigSchema>;
export type FallbackConfigInput = z.input<typeof FallbackConfigSchema>;
