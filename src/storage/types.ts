// Records the registry Durable Object returns and publishes. Plain JSON: they cross RPC and KV.
import type { GuardrailConfig } from '../policy/guardrail-schema.js';
import type { TestReport } from '../policy/test-cases.js';

export interface GuardrailSummary {
  id: string;
  name: string;
  activeVersion: number | null;
  latestVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface VersionRecord {
  id: string;
  version: number;
  config: GuardrailConfig;
  createdAt: string;
  createdBy: string;
  /** The test report from when it was written; null for versions saved as drafts. */
  tests: Pick<TestReport, 'passed' | 'failed'> | null;
  status: 'active' | 'draft' | 'inactive';
}

export interface ActiveRecord {
  id: string;
  version: number;
  config: GuardrailConfig;
}

export interface IndexEntry {
  id: string;
  version: number;
  enabled: boolean;
  assignments: GuardrailConfig['assignments'];
  target: GuardrailConfig['target'];
}

export interface ApiKeyRecord {
  id: string;
  tenant: string;
  name: string;
  scopes: string[];
  rateLimitPerMinute?: number;
  /** Hex SHA-256 of the key's secret part. */
  hash: string;
  createdAt: string;
  createdBy: string;
}

/** A refused write: the route turns it into the matching HTTP error. */
export interface Refusal {
  refused: { status: 404 | 409 | 422 | 428; code: string; message: string; details?: Record<string, unknown> };
}

export type Result<T> = { ok: T } | Refusal;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
