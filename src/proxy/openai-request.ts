// The part of an OpenAI chat completion request the proxy reads; everything else is passed to
// the upstream untouched. Text sits in string contents and in `text` parts of array contents.
import { z } from 'zod';
import { LIMITS } from '../limits.js';
import type { Message } from '../policy/evaluate.js';

const part = z.looseObject({ type: z.string(), text: z.string().max(LIMITS.scanTextChars).optional() });

/** Characters of text the prompt's messages may carry in all: what one evaluation takes. */
function textChars(messages: Array<{ content?: unknown }>): number {
  let n = 0;
  for (const m of messages) {
    if (typeof m.content === 'string') n += m.content.length;
    else if (Array.isArray(m.content)) for (const p of m.content as Array<{ text?: unknown }>) if (typeof p.text === 'string') n += p.text.length;
  }
  return n;
}

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1).max(200),
  messages: z
    .array(
      z.looseObject({
        role: z.string().min(1).max(50),
        content: z.union([z.string().max(LIMITS.scanTextChars), z.array(part).max(100), z.null()]).optional(),
      }),
    )
    .min(1)
    .max(1024)
    .refine((messages) => textChars(messages) <= LIMITS.scanTextChars, { message: `at most ${LIMITS.scanTextChars} characters of text in all` }),
  stream: z.boolean().optional(),
  max_tokens: z.int().min(1).optional().nullable(),
  max_completion_tokens: z.int().min(1).optional().nullable(),
  temperature: z.number().min(0).max(2).optional().nullable(),
  n: z.int().min(1).max(8).optional().nullable(),
});

export type ChatRequest = z.output<typeof chatRequestSchema>;

/** Where a piece of text sits: message index, and part index (-1: the string content). */
export interface TextSlot {
  message: number;
  part: number;
}

const ROLE: Record<string, Message['role']> = { system: 'system', developer: 'developer', user: 'user', assistant: 'assistant', tool: 'tool', function: 'tool' };

/** The texts of a request as policy messages (role decides the direction), with where each came from. */
export function requestTexts(req: ChatRequest): { messages: Message[]; slots: TextSlot[] } {
  const messages: Message[] = [];
  const slots: TextSlot[] = [];
  req.messages.forEach((m, i) => {
    // An unknown role is treated as the user's: inspected as input, never waved through.
    const role = ROLE[m.role] ?? 'user';
    if (typeof m.content === 'string') {
      messages.push({ role, content: m.content });
      slots.push({ message: i, part: -1 });
    } else if (Array.isArray(m.content)) {
      m.content.forEach((p, k) => {
        if (p.type === 'text' && typeof p.text === 'string') {
          messages.push({ role, content: p.text });
          slots.push({ message: i, part: k });
        }
      });
    }
  });
  return { messages, slots };
}

/** The request with its texts replaced (same slots, same order). */
export function withTexts(req: ChatRequest, slots: TextSlot[], texts: string[]): ChatRequest {
  const messages = req.messages.map((m) => ({ ...m, content: Array.isArray(m.content) ? m.content.map((p) => ({ ...p })) : m.content }));
  slots.forEach((s, i) => {
    const m = messages[s.message];
    if (s.part < 0) m.content = texts[i];
    else (m.content as Array<Record<string, unknown>>)[s.part].text = texts[i];
  });
  return { ...req, messages };
}
