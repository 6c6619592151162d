// The filters a guardrail is made of. One zod schema per filter type: it validates configs, types
// the code and generates the OpenAPI document, so the three cannot drift apart.
import { z } from 'zod';
import { LIMITS } from '../limits.js';

export const ACTIONS = ['block', 'redact', 'warn', 'allow'] as const;
export const DIRECTIONS = ['input', 'output', 'both', 'tool', 'retrieval'] as const;
export const SAFETY_CATEGORIES = ['violence', 'hate', 'sexual', 'self_harm', 'harassment', 'illicit'] as const;

export const ENTITY_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;
const FILTER_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Words of one words filter: about 10 automaton states each, within the pattern state budget. */
export const GUARDRAIL_WORDS = 2000;

const score = z.number().min(0).max(1);
const text = (max: number) => z.string().min(1).max(max);

const common = {
  /** Names the filter in findings; defaults to `<type>-<n>`. */
  id: z.string().regex(FILTER_ID, 'lower case letters, digits, - and _, at most 64 characters').optional(),
  action: z.enum(ACTIONS),
  direction: z.enum(DIRECTIONS).default('both'),
  enabled: z.boolean().default(true),
};

export const redactionSchema = z.strictObject({
  mode: z.enum(['placeholder', 'numbered', 'mask', 'hash', 'remove']).default('placeholder'),
  /** Template with `{entity}`, `{n}` (numbered) or `{hash}` (hash). */
  format: z.string().max(100).optional(),
  char: z.string().min(1).max(2).optional(),
  keepLast: z.int().min(0).max(32).optional(),
});

/**
 * Raises this filter's minScore by `step` (up to `ceiling`) when feedback says more than
 * `maxFalsePositiveRate` of its findings were false positives, over `windowSeconds` and at least
 * `minSamples` answers. The change is a new version, gated by the guardrail's tests like any other.
 */
export const autoTuneSchema = z.strictObject({
  enabled: z.boolean().default(true),
  windowSeconds: z.int().min(60).max(7 * 86400).default(86400),
  maxFalsePositiveRate: z.number().min(0).max(1),
  minSamples: z.int().min(1).max(1_000_000).default(20),
  step: z.number().min(0.01).max(0.5).default(0.05),
  ceiling: z.number().min(0).max(1).default(0.95),
});

const entities = z.union([z.literal('all'), z.array(z.string().max(64)).min(1).max(100)]).default('all');

const piiFilter = z.strictObject({
  type: z.literal('pii'),
  ...common,
  /** Catalog entity names or groups (`pii`, `pci`, `phi`); `all`: every entity that is not a secret. */
  entities,
  minScore: score.optional(),
  redaction: redactionSchema.optional(),
  autoTune: autoTuneSchema.optional(),
});

const secretsFilter = z.strictObject({
  type: z.literal('secrets'),
  ...common,
  /** Catalog secret entities; `all`: every secret detector. */
  entities,
  minScore: score.optional(),
  redaction: redactionSchema.optional(),
  autoTune: autoTuneSchema.optional(),
});

const patternFilter = z.strictObject({
  type: z.literal('pattern'),
  ...common,
  /** The entity name findings carry. */
  name: z.string().regex(ENTITY_NAME, 'upper snake case (A-Z, 0-9, _), at most 64 characters'),
  pattern: text(LIMITS.patternChars),
  flags: z.string().regex(/^[im]{0,2}$/, 'i (case-insensitive); m is always on').optional(),
  /** Replaces a match when the action is `redact` (default `[NAME]`). */
  replacement: z.string().max(100).optional(),
});

const wordsFilter = z.strictObject({
  type: z.literal('words'),
  ...common,
  name: z.string().regex(ENTITY_NAME, 'upper snake case (A-Z, 0-9, _), at most 64 characters').default('BLOCKED_WORD'),
  words: z.array(text(LIMITS.wordChars)).min(1).max(GUARDRAIL_WORDS),
  caseSensitive: z.boolean().default(false),
  wholeWord: z.boolean().default(true),
  /** Undo obfuscation before matching; each on by default. */
  normalize: z
    .strictObject({
      leet: z.boolean().default(true),
      spacing: z.boolean().default(true),
      homoglyphs: z.boolean().default(true),
      zeroWidth: z.boolean().default(true),
    })
    .default({ leet: true, spacing: true, homoglyphs: true, zeroWidth: true }),
  replacement: z.string().max(100).optional(),
});

const contentSafetyFilter = z.strictObject({
  type: z.literal('content_safety'),
  ...common,
  /** Per-category thresholds 0..1; a category left out uses its documented default. */
  categories: z.partialRecord(z.enum(SAFETY_CATEGORIES), score).default({}),
});

const promptInjectionFilter = z.strictObject({
  type: z.literal('prompt_injection'),
  ...common,
  threshold: score.optional(),
});

const topicSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_ -]{0,63}$/i, 'letters, digits, space, - and _, at most 64 characters'),
  keywords: z.array(text(100)).max(200).default([]),
  examples: z.array(text(1000)).max(50).default([]),
  threshold: score.optional(),
}).refine((t) => t.keywords.length + t.examples.length > 0, { message: 'a topic needs keywords or examples' });

const topicsFilter = z.strictObject({
  type: z.literal('topics'),
  ...common,
  topics: z.array(topicSchema).min(1).max(20),
});

const responseSchemaFilter = z.strictObject({
  type: z.literal('response_schema'),
  ...common,
  direction: z.literal('output').default('output'),
  format: z.literal('json'),
  requiredFields: z.array(text(200)).max(100).default([]),
  maxTokens: z.int().min(1).max(1_000_000).optional(),
});

export const filterSchema = z.discriminatedUnion('type', [
  piiFilter,
  secretsFilter,
  patternFilter,
  wordsFilter,
  contentSafetyFilter,
  promptInjectionFilter,
  topicsFilter,
  responseSchemaFilter,
]);

export type Filter = z.output<typeof filterSchema>;
export type FilterType = Filter['type'];
export type Action = (typeof ACTIONS)[number];
export type Direction = (typeof DIRECTIONS)[number];
/** Directions a text is evaluated in (`both` is a filter setting, not a direction of text). */
export type TextDirection = Exclude<Direction, 'both'>;
export type Redaction = z.output<typeof redactionSchema>;
export type AutoTune = z.output<typeof autoTuneSchema>;
