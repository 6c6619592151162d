import type { AuthContext } from './auth/identity.js';
import type { GuardrailRegistry } from './storage/registry.js';
import type { ConversationState } from './storage/conversation.js';
import type { PseudonymVault } from './storage/vault.js';

/** Bindings (wrangler.toml) and secrets every handler sees. */
export interface Bindings {
  /** Active guardrail versions, tenant indexes and API keys, published by the registry. */
  CONFIGS: KVNamespace;
  REGISTRY: DurableObjectNamespace<GuardrailRegistry>;
  CONVERSATIONS: DurableObjectNamespace<ConversationState>;
  VAULT: DurableObjectNamespace<PseudonymVault>;
  /** The first admin key (a secret). Without it only keys created through the API work. */
  CORDON_ADMIN_KEY?: string;
  /** Tenant the admin key acts in (default `default`). */
  CORDON_ADMIN_TENANT?: string;
  /** Requests per minute per key (default 600). */
  CORDON_RATE_LIMIT_PER_MINUTE?: string;
  /** `true`: seed the demo guardrail in the admin tenant on first use (local development). */
  CORDON_SEED_DEMO?: string;
  /**
   * Secret from which resume tokens and the pseudonymisation vault derive their keys (HKDF).
   * Falls back to CORDON_ADMIN_KEY; set it so rotating the admin key does not void live streams.
   */
  CORDON_STREAM_KEY?: string;
  /** OpenAI-compatible base URL (`https://api.openai.com/v1`) for guardrails without an upstream of their own. */
  CORDON_UPSTREAM_URL?: string;
  /** Provider key sent to CORDON_UPSTREAM_URL (a secret). */
  CORDON_UPSTREAM_KEY?: string;
  /** Milliseconds to wait for an upstream's first byte, and between bytes (default 60000). */
  CORDON_UPSTREAM_TIMEOUT_MS?: string;
  /** `true`: allow upstreams and webhooks on private, loopback and link-local addresses. */
  CORDON_ALLOW_PRIVATE_NETWORK?: string;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: { auth: AuthContext };
}
