// An OpenAI-moderation-compatible endpoint: POST {url}/moderations { model, input }.
import type { SafetyCategory } from '../../../scan/index.js';
import { clamp01, postJson } from './http.js';
import { type ModerationProvider, ProviderError } from './types.js';

/** Their categories (and subcategories, by prefix) → ours; a category's score is the max of its own. */
const CATEGORY_OF: Record<string, SafetyCategory> = {
  violence: 'violence',
  hate: 'hate',
  harassment: 'harassment',
  sexual: 'sexual',
  'self-harm': 'self_harm',
  illicit: 'illicit',
};

interface ModerationResponse {
  results?: Array<{ flagged?: boolean; category_scores?: Record<string, unknown> }>;
}

export const openaiModeration: ModerationProvider = async (text, context) => {
  const base = context.config.url!.replace(/\/+$/, '');
  const body = (await postJson(`${base}/moderations`, { model: context.config.model ?? 'omni-moderation-latest', input: text }, context)) as ModerationResponse;
  const result = body?.results?.[0];
  if (!result || typeof result.flagged !== 'boolean') throw new ProviderError('provider_bad_response', 'moderation response has no results[0].flagged');
  const scores: Partial<Record<SafetyCategory, number>> = {};
  for (const [name, value] of Object.entries(result.category_scores ?? {})) {
    const ours = CATEGORY_OF[name.split('/')[0]];
    const score = clamp01(value);
    if (ours && score !== undefined) scores[ours] = Math.max(scores[ours] ?? 0, score);
  }
  return { flagged: result.flagged, scores };
};
