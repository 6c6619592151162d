// Every key Cordon writes to the CONFIGS KV namespace (docs/storage.md shows an example of each).
// KV holds what the edge reads on the hot path; the registry Durable Object holds the truth.

/** `{ id, version, config }`: the active version of a guardrail, one read per evaluation. */
export const activeKey = (tenant: string, id: string) => `active:${tenant}:${id}`;
/** `{ guardrails: [{ id, version, enabled, assignments, target }] }`: what /v1/evaluate resolves against. */
export const indexKey = (tenant: string) => `index:${tenant}`;
/** `{ tenant, scopes, hash, name }`: an API key by its id; the secret is only stored hashed. */
export const apiKeyKey = (keyId: string) => `key:${keyId}`;
