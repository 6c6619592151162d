// A generic classifier: POST url { text } → { scores: { category: 0..1 }, flagged? }. Without
// `flagged`, the text is flagged when any score reaches 0.5.
import { SAFETY_CATEGORIES, type SafetyCategory } from '../../../scan/index.js';
import { clamp01, postJson } from './http.js';
import { type ModerationProvider, ProviderError } from './types.js';

const FLAG_AT = 0.5;

export const httpClassifier: ModerationProvider = async (text, context) => {
  const body = (await postJson(context.config.url!, { text }, context)) as { scores?: Record<string, unknown>; flagged?: unknown };
  if (!body || typeof body.scores !== 'object' || body.scores === null) throw new ProviderError('provider_bad_response', 'classifier response has no scores object');
  const scores: Partial<Record<SafetyCategory, number>> = {};
  for (const c of SAFETY_CATEGORIES) {
    const s = clamp01(body.scores[c]);
    if (s !== undefined) scores[c] = s;
  }
  const flagged = typeof body.flagged === 'boolean' ? body.flagged : Object.values(scores).some((s) => s >= FLAG_AT);
  return { flagged, scores };
};
