// The pseudonymisation vault: one Durable Object per (tenant, guardrail, conversation) keeping
// which placeholder stands for which value. It stores only what the Worker sealed (AES-GCM
// ciphertext) under a keyed digest of the value; it never sees a key or a raw value. Numbering
// happens inside one synchronous storage transaction, so concurrent requests of a conversation
// agree on every number. Everything is deleted when the TTL passes without a request.
import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../env.js';
import { applySchema } from './sql-schema.js';

export interface VaultEntry {
  entity: string;
  /** Keyed digest of entity and value: the same value gets the same number. */
  digest: string;
  /** The value, sealed by the Worker. */
  sealed: string;
}

export interface NumberedEntry {
  entity: string;
  n: number;
  sealed: string;
}

/** Most values one conversation keeps: placeholders past this are refused (the request fails closed). */
export const MAX_VAULT_ENTRIES = 5000;
const SCHEMA_VERSION = 1;
const SCHEMA = `
CREATE TABLE IF NOT EXISTS entries (digest TEXT PRIMARY KEY, entity TEXT NOT NULL, n INTEGER NOT NULL, sealed TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS entries_number ON entries (entity, n);
`;

export class PseudonymVault extends DurableObject<Bindings> {
  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => applySchema(ctx.storage.sql, SCHEMA, SCHEMA_VERSION));
  }

  /**
   * Numbers the entries (existing values keep theirs) and returns them in order, plus every entry
   * the conversation holds, for restoring placeholders the model repeats from earlier turns.
   */
  async assign(entries: VaultEntry[], ttlSeconds: number): Promise<{ numbers: number[]; all: NumberedEntry[] } | { full: true }> {
    const sql = this.ctx.storage.sql;
    const numbers: number[] = [];
    // No await between reads and writes: the whole numbering is one transaction of this object.
    const count = sql.exec<{ c: number }>('SELECT COUNT(*) AS c FROM entries').one().c;
    const fresh = entries.filter((e) => sql.exec('SELECT 1 FROM entries WHERE digest = ?', e.digest).toArray().length === 0);
    if (count + new Set(fresh.map((e) => e.digest)).size > MAX_VAULT_ENTRIES) return { full: true };
    for (const e of entries) {
      const known = sql.exec<{ n: number }>('SELECT n FROM entries WHERE digest = ?', e.digest).toArray()[0];
      if (known) {
        numbers.push(known.n);
        continue;
      }
      const n = sql.exec<{ m: number | null }>('SELECT MAX(n) AS m FROM entries WHERE entity = ?', e.entity).one().m ?? 0;
      sql.exec('INSERT INTO entries (digest, entity, n, sealed) VALUES (?, ?, ?, ?)', e.digest, e.entity, n + 1, e.sealed);
      numbers.push(n + 1);
    }
    const all = sql.exec<{ entity: string; n: number; sealed: string }>('SELECT entity, n, sealed FROM entries').toArray().map((r) => ({ entity: r.entity, n: r.n, sealed: r.sealed }));
    await this.ctx.storage.setAlarm(Date.now() + ttlSeconds * 1000);
    return { numbers, all };
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}
