/** Every scope a key can hold. */
export const SCOPES = [
  'guardrails:read',
  'guardrails:write',
  'evaluate',
  'evaluate:reveal',
  'metrics:read',
  'audit:read',
  'webhooks:write',
  'keys:admin',
] as const;

export type Scope = (typeof SCOPES)[number];

/** Who is calling: set by the auth middleware, read by every route. */
export interface AuthContext {
  /** Key id (`admin` for the bootstrap key): the actor in audit records. */
  keyId: string;
  tenant: string;
  scopes: ReadonlySet<Scope>;
  /** The bootstrap admin key: may manage keys of any tenant. */
  root: boolean;
  /** Requests per minute this key may make. */
  rateLimit?: number;
}
