export { FallbackConfigSchema, FALLBACK_PROVIDERS, type FallbackConfig, type FallbackConfigInput } from './schema.js';
export { decideWithFallback, type DecisionLayer, type FallbackDecision, type FallbackDeps } from './decide.js';
export { VerdictCache, contentKey } from './cache.js';
export { isPrivateHost, checkProviderUrl, BlockedUrlError } from './network.js';
export { PROVIDERS, ProviderError, type ModerationProvider, type ProviderVerdict } from './providers/index.js';
