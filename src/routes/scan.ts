import { Hono } from 'hono';
import { z } from 'zod';
import { tooLarge } from '../errors.js';
import { parseOr400 } from '../http/validate.js';
import { readJsonBody } from '../http/json-body.js';
import { LIMITS } from '../limits.js';
import type { AppEnv } from '../env.js';
import { scannerFor } from '../scanners.js';

const redactSchema = z.object({
  mode: z.enum(['placeholder', 'numbered', 'mask', 'hash', 'remove']).optional(),
  format: z.string().max(100).optional(),
  char: z.string().min(1).max(2).optional(),
  keepLast: z.number().int().min(0).max(32).optional(),
  hashLength: z.number().int().min(8).max(64).optional(),
}).strict();

export const scanRequestSchema = z.object({
  text: z.string(),
  entities: z.array(z.string().max(64)).max(200).optional(),
  patterns: z
    .array(
      z.object({
        name: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'upper snake case, at most 64 characters'),
        pattern: z.string().min(1).max(LIMITS.patternChars),
        flags: z.string().max(4).optional(),
      }).strict(),
    )
    .max(LIMITS.patterns)
    .optional(),
  words: z.array(z.string().min(1).max(LIMITS.wordChars)).max(LIMITS.words).optional(),
  minScore: z.number().min(0).max(1).optional(),
  // `true` means the default placeholder style; objects are checked field by field.
  redact: z.preprocess((v) => (v === true ? {} : v === false ? undefined : v), redactSchema.optional()),
}).strict();

export type ScanRequest = z.infer<typeof scanRequestSchema>;

export const scanRoutes = new Hono<AppEnv>().post('/', async (c) => {
  const req = parseOr400(scanRequestSchema, await readJsonBody(c, LIMITS.scanBodyBytes));
  if (req.text.length > LIMITS.scanTextChars) {
    throw tooLarge(`text: over ${LIMITS.scanTextChars} characters`, LIMITS.scanTextChars);
  }
  const scanner = scannerFor(req);
  if (!req.redact) return c.json({ findings: scanner.scan(req.text) });
  const { text, findings } = scanner.redact(req.text, req.redact);
  return c.json({ findings, redacted: text });
});
