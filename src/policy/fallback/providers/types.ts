import type { SafetyCategory } from '../../../scan/index.js';
import type { FallbackConfig } from '../schema.js';

/** What a provider said: flagged or not, and its scores in our categories where it gives them. */
export interface ProviderVerdict {
  flagged: boolean;
  scores: Partial<Record<SafetyCategory, number>>;
}

export interface ProviderContext {
  config: FallbackConfig;
  signal: AbortSignal;
  fetch: typeof fetch;
  /** Worker env: secrets by name and the AI binding. */
  env: Record<string, unknown>;
  allowPrivateNetwork: boolean;
  /** Whose config this is: it may only name secrets provisioned for it (auth/tenant-secrets.ts). */
  tenant: string;
}

export type ModerationProvider = (text: string, context: ProviderContext) => Promise<ProviderVerdict>;

/** A provider failed; the message never carries the text, the key or the provider's body. */
export class ProviderError extends Error {
  constructor(
    readonly code: 'provider_http_error' | 'provider_bad_response' | 'provider_unavailable',
    message: string,
  ) {
    super(message);
  }
}
