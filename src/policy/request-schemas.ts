// Bodies of the evaluation endpoints (also the OpenAPI document's request schemas).
import { z } from 'zod';
import { LIMITS } from '../limits.js';

export const MESSAGE_ROLES = ['system', 'developer', 'user', 'assistant', 'tool'] as const;

export const contextSchema = z.strictObject({
  projectId: z.string().min(1).max(200).optional(),
  agentId: z.string().min(1).max(200).optional(),
  model: z.string().min(1).max(200).optional(),
  datasourceId: z.string().min(1).max(200).optional(),
  /** Escalation counts violations per conversation. */
  conversationId: z.string().min(1).max(200).optional(),
  maxTokens: z.int().min(1).max(100_000_000).optional(),
  temperature: z.number().min(0).max(2).optional(),
});

const messageSchema = z.strictObject({
  role: z.enum(MESSAGE_ROLES),
  content: z.string().max(LIMITS.scanTextChars),
  name: z.string().max(200).optional(),
});

const body = {
  text: z.string().max(LIMITS.scanTextChars).optional(),
  messages: z.array(messageSchema).min(1).max(256).optional(),
  direction: z.enum(['input', 'output', 'tool', 'retrieval']).default('input'),
  context: contextSchema.default({}),
  /** Include matched values in findings (needs the `evaluate:reveal` scope). */
  reveal: z.boolean().default(false),
};

const oneOfTextOrMessages = (b: { text?: string; messages?: unknown[] }) => (b.text === undefined) !== (b.messages === undefined);
const totalWithinLimit = (b: { text?: string; messages?: Array<{ content: string }> }) =>
  (b.text?.length ?? 0) + (b.messages ?? []).reduce((n, m) => n + m.content.length, 0) <= LIMITS.scanTextChars;

export const evaluateRequestSchema = z
  .strictObject(body)
  .refine(oneOfTextOrMessages, { message: 'give exactly one of text and messages', path: ['text'] })
  .refine(totalWithinLimit, { message: `at most ${LIMITS.scanTextChars} characters of text in all`, path: ['messages'] });

/** /test: any version, drafts included; without text or messages it runs the stored test cases. */
export const testRequestSchema = z
  .strictObject({ ...body, version: z.int().min(1).optional() })
  .refine((b) => b.text === undefined || b.messages === undefined, { message: 'give at most one of text and messages', path: ['text'] })
  .refine(totalWithinLimit, { message: `at most ${LIMITS.scanTextChars} characters of text in all`, path: ['messages'] });

export const augmentRequestSchema = z.strictObject({
  systemPrompt: z.string().max(64 * 1024),
  message: z.string().max(LIMITS.scanTextChars),
});

export type EvaluateRequest = z.output<typeof evaluateRequestSchema>;
export type EvaluationContextInput = z.output<typeof contextSchema>;
