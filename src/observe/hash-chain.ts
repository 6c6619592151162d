// The audit trail's hash chain: each entry's hash covers its own fields and the previous entry's
// hash, so changing, removing or reordering any stored entry breaks every hash after it.
import { sha256, toHex } from '../auth/keys.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  complianceId: string;
  /** ISO 8601. */
  at: string;
  actor: string;
  action: string;
  target: string;
  /** The details exactly as stored (JSON text), so hashing never depends on key order. */
  details: string;
  prevHash: string;
}

/** A JSON array is unambiguous whatever the fields contain (no separator can be forged). */
export async function entryHash(e: ChainedFields): Promise<string> {
  return toHex(await sha256(JSON.stringify([e.seq, e.complianceId, e.at, e.actor, e.action, e.target, e.details, e.prevHash])));
}
