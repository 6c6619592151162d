import type { AuthContext } from './auth/identity.js';
import type { GuardrailRegistry } from './storage/registry.js';
import type { ConversationState } from './storage/conversation.js';
import type { AuditLog } from './storage/audit.js';
import type { EvaluationLedger } from './storage/ledger.js';
import type { GuardrailMetrics } from './storage/metrics.js';
import type { WebhookHub } from './storage/webhooks.js';
import type { PseudonymVault } from './storage/vault.js';

/** Bindings (wrangler.toml) and secrets every handler sees. */
export interface Bindings {
  /** Active guardrail versions, tenant indexes and API keys, published by the registry. */
  CONFIGS: KVNamespace;
  REGISTRY: DurableObjectNamespace<GuardrailRegistry>;
  CONVERSATIONS: DurableObjectNamespace<ConversationState>;
  /** Counters and latency histograms: a few shards per (tenant, guardrail). */
  METRICS: DurableObjectNamespace<GuardrailMetrics>;
  /** Recent evaluations with findings, for feedback: a few shards per tenant. */
  LEDGER: DurableObjectNamespace<EvaluationLedger>;
  /** The hash-chained audit trail, one per tenant. */
  AUDIT: DurableObjectNamespace<AuditLog>;
  /** Webhook subscriptions and their delivery outbox, one per tenant. */
  WEBHOOKS: DurableObjectNamespace<WebhookHub>;
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
  /** DNS-over-HTTPS endpoint (JSON API) used to check what webhook host names resolve to. */
  CORDON_DOH_URL?: string;
  /** First retry delay of a failed webhook delivery in ms (default 5000), doubled per attempt, jittered. */
  CORDON_WEBHOOK_BACKOFF_MS?: string;
  /** Attempts before a delivery is dead-lettered (default 8). */
  CORDON_WEBHOOK_MAX_ATTEMPTS?: string;
  /** Longest an isolate holds observations before sending them (default 1000 ms). */
  CORDON_OBSERVE_FLUSH_MS?: string;
  /** `false`: no metrics, verdict audit entries or evaluation webhooks (benchmarks, emergencies). */
  CORDON_OBSERVE_EVALUATIONS?: string;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: { auth: AuthContext; receivedAt: number };
}
