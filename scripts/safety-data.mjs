// The labelled rows of the safety classifier and their deterministic split, shared by training
// (scripts/train-safety.mjs) and the benchmark (bench/safety.mjs) so both see the same held-out rows.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const DATA = new URL('../data/safety/', import.meta.url);

/** Share of rows per split. `test` is held out: training and threshold choice never see it. */
export const SPLITS = { test: 0.2, validation: 0.1 };

/**
 * The split of a text, from a hash of its first 100 characters with case and white space folded:
 * near-duplicates that differ only further on (jailbreak templates with another payload) land in
 * the same split, so the held-out score is not inflated by copies of training rows.
 */
export function splitOf(text) {
  const key = text.toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 100);
  const x = createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
  return x < SPLITS.test ? 'test' : x < SPLITS.test + SPLITS.validation ? 'validation' : 'train';
}

/** prompt_injection.jsonl rows: { text, injection (bool), category, source, split }. */
export function promptInjectionRows() {
  return readFileSync(new URL('prompt_injection.jsonl', DATA), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .map((r) => ({ text: r.text, injection: r.label === 'injection', category: r.category, source: r.source, split: splitOf(r.text) }));
}
