// Output checks that are not patterns: the answer must be JSON with the required fields and
// within a token budget.
import type { ResponseSchemaFilter } from './compile.js';

export interface CheckFailure {
  entity: 'RESPONSE_NOT_JSON' | 'RESPONSE_MISSING_FIELD' | 'RESPONSE_TOO_LONG';
  detail: string;
}

/**
 * Tokens about as BPE tokenizers count English: a common word is one token, a long word one per
 * six characters or so, each punctuation mark one. An estimate: the guardrail has no tokenizer of
 * the model, and a budget needs no exact count.
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const piece of text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []) tokens += Math.max(1, Math.ceil(piece.length / 6));
  return tokens;
}

export function checkResponse(filter: ResponseSchemaFilter, text: string): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (filter.maxTokens !== undefined) {
    const tokens = estimateTokens(text);
    if (tokens > filter.maxTokens) failures.push({ entity: 'RESPONSE_TOO_LONG', detail: `about ${tokens} tokens, at most ${filter.maxTokens}` });
  }
  let value: unknown;
  try {
    value = JSON.parse(stripFence(text));
  } catch {
    failures.push({ entity: 'RESPONSE_NOT_JSON', detail: 'the answer is not valid JSON' });
    return failures;
  }
  for (const field of filter.requiredFields) {
    if (lookup(value, field) === undefined) failures.push({ entity: 'RESPONSE_MISSING_FIELD', detail: `missing field "${field}"` });
  }
  return failures;
}

/** Models often wrap JSON in a Markdown code fence; the JSON inside is what counts. */
function stripFence(text: string): string {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(text);
  return fenced ? fenced[1] : text;
}

/** Dotted paths (`user.address.city`) into parsed JSON. */
function lookup(value: unknown, path: string): unknown {
  let at = value;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
