import type { FallbackConfig } from '../schema.js';
import { httpClassifier } from './http-classifier.js';
import { openaiModeration } from './openai-moderation.js';
import type { ModerationProvider } from './types.js';
import { workersAi } from './workers-ai.js';

/** Providers by configured name; the schema only admits these names. */
export const PROVIDERS: Record<FallbackConfig['provider'], ModerationProvider> = {
  workers_ai: workersAi,
  openai_moderation: openaiModeration,
  http_classifier: httpClassifier,
};

export type { ModerationProvider, ProviderVerdict, ProviderContext } from './types.js';
export { ProviderError } from './types.js';
