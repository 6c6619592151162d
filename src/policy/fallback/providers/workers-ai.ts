// Llama Guard through the Workers AI binding (env.AI). It answers safe/unsafe with MLCommons
// hazard codes (S1..S14), as text ("unsafe\nS1,S10") or as { safe, categories }.
import type { SafetyCategory } from '../../../scan/index.js';
import { type ModerationProvider, ProviderError } from './types.js';

const DEFAULT_MODEL = '@cf/meta/llama-guard-3-8b';

/** Hazard codes → our categories (codes without one still flag the text). */
const HAZARD: Record<string, SafetyCategory> = {
  S1: 'violence', // violent crimes
  S2: 'illicit', // non-violent crimes
  S3: 'sexual', // sex-related crimes
  S4: 'sexual', // child sexual exploitation
  S5: 'harassment', // defamation
  S9: 'violence', // indiscriminate weapons
  S10: 'hate',
  S11: 'self_harm',
  S12: 'sexual',
  S14: 'prompt_injection', // code interpreter abuse
};

interface AiBinding {
  run(model: string, input: { messages: Array<{ role: string; content: string }> }, options?: { signal?: AbortSignal }): Promise<unknown>;
}

export const workersAi: ModerationProvider = async (text, context) => {
  const ai = context.env.AI as AiBinding | undefined;
  if (!ai || typeof ai.run !== 'function') throw new ProviderError('provider_unavailable', 'the AI binding is not configured');
  const answer = (await ai.run(context.config.model ?? DEFAULT_MODEL, { messages: [{ role: 'user', content: text }] }, { signal: context.signal })) as {
    response?: unknown;
  };
  const response = answer?.response;
  let safe: boolean;
  let codes: string[];
  if (typeof response === 'string') {
    const [verdict, list = ''] = response.trim().split(/\s*\n\s*/);
    if (verdict !== 'safe' && verdict !== 'unsafe') throw new ProviderError('provider_bad_response', 'Llama Guard answer is neither safe nor unsafe');
    safe = verdict === 'safe';
    codes = list.split(/[\s,]+/).filter(Boolean);
  } else if (response && typeof response === 'object' && typeof (response as { safe?: unknown }).safe === 'boolean') {
    safe = (response as { safe: boolean }).safe;
    codes = ((response as { categories?: unknown }).categories as string[] | undefined) ?? [];
  } else {
    throw new ProviderError('provider_bad_response', 'Llama Guard answer has no verdict');
  }
  const scores: Partial<Record<SafetyCategory, number>> = {};
  for (const code of codes) {
    const c = HAZARD[String(code).toUpperCase()];
    if (c) scores[c] = 1;
  }
  return { flagged: !safe, scores };
};
