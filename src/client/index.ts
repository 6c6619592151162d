// `cordon/client`: re-exports only.
export { CordonClient, CordonError, routingHeaders, type CordonClientOptions, type InspectOptions, type OpenAiRouting } from './client.js';
export { modelTokens } from './model-tokens.js';
export type { RetryOptions } from './retry.js';
export type * from './types.js';
