// The tenant's audit trail: append-only, hash-chained, in one Durable Object per tenant (a chain
// is a sequence, so one writer). Entries arrive batched; nothing updates or deletes them.
import { DurableObject } from 'cloudflare:workers';
import { applySchema } from './sql-schema.js';
import { randomToken } from '../auth/keys.js';
import type { Bindings } from '../env.js';
import type { AuditInput } from '../observe/events.js';
import { type ChainedFields, GENESIS_HASH, entryHash } from '../observe/hash-chain.js';
import { slicesYielding } from './write-in-slices.js';

/** An entry as the API shows it: the chained fields, with the details parsed, and its own hash. */
export interface AuditEntry extends Omit<ChainedFields, 'details'> {
  /** JSON as appended (typed loosely: it crosses RPC as a structured clone). */
  details: { [key: string]: string | number | boolean | null | object };
  hash: string;
}


export interface AuditFilter {
  action?: string;
  target?: string;
  actor?: string;
  /** ISO 8601 bounds, from inclusive, to exclusive. */
  from?: string;
  to?: string;
}

export type VerifyReport =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; brokenAt: { seq: number; complianceId: string }; reason: string };

interface EntryRow {
  seq: number;
  compliance_id: string;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: string;
  prev_hash: string;
  hash: string;
  [k: string]: SqlStorageValue;
}

const SCHEMA_VERSION = 1;
const SCHEMA = `
CREATE TABLE IF NOT EXISTS entries (
  seq INTEGER PRIMARY KEY,
  compliance_id TEXT NOT NULL UNIQUE,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_action ON entries (action, seq);
CREATE INDEX IF NOT EXISTS entries_target ON entries (target, seq);
`;
const VERIFY_CHUNK = 500;

export class AuditLog extends DurableObject<Bindings> {
  private readonly sql: SqlStorage;
  /** Appends run one after another: hashing awaits, and two appends must not read the same tail. */
  private appending: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => applySchema(this.sql, SCHEMA, SCHEMA_VERSION));
  }

  /** Appends in order; returns the compliance ids given. */
  append(inputs: AuditInput[]): Promise<string[]> {
    const next = this.appending.then(() => this.appendNow(inputs));
    this.appending = next.catch(() => undefined);
    return next;
  }

  private async appendNow(inputs: AuditInput[]): Promise<string[]> {
    const last = this.sql.exec<{ seq: number; hash: string }>(`SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1`).toArray()[0];
    let seq = last?.seq ?? 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const ids: string[] = [];
    // A slice at a time (write-in-slices.ts says why): hashed, then written in one transaction.
    // Appends never overlap (see append), so the chain continues from the slice before.
    for await (const slice of slicesYielding(inputs)) {
      const rows: EntryRow[] = [];
      for (const input of slice) {
        seq++;
        const fields = {
          seq,
          complianceId: `aud_${randomToken(20)}`,
          at: new Date(input.at).toISOString(),
          actor: input.actor,
          action: input.action,
          target: input.target,
          details: JSON.stringify(input.details),
          prevHash,
        };
        const hash = await entryHash(fields);
        rows.push({ seq, compliance_id: fields.complianceId, at: fields.at, actor: fields.actor, action: fields.action, target: fields.target, details: fields.details, prev_hash: prevHash, hash });
        prevHash = hash;
      }
      this.ctx.storage.transactionSync(() => {
        for (const r of rows) {
          this.sql.exec(`INSERT INTO entries (seq, compliance_id, at, actor, action, target, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            r.seq, r.compliance_id, r.at, r.actor, r.action, r.target, r.details, r.prev_hash, r.hash);
        }
      });
      ids.push(...rows.map((r) => r.compliance_id));
    }
    return ids;
  }

  /** Entries after `cursor` (a seq) matching the filter, oldest first. */
  list(filter: AuditFilter, cursor: number, limit: number): { entries: AuditEntry[]; nextCursor: string | null } {
    const where = ['seq > ?'];
    const args: SqlStorageValue[] = [cursor];
    if (filter.action) (where.push('action = ?'), args.push(filter.action));
    if (filter.target) (where.push('target = ?'), args.push(filter.target));
    if (filter.actor) (where.push('actor = ?'), args.push(filter.actor));
    if (filter.from) (where.push('at >= ?'), args.push(filter.from));
    if (filter.to) (where.push('at < ?'), args.push(filter.to));
    const rows = this.sql.exec<EntryRow>(`SELECT * FROM entries WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`, ...args, limit + 1).toArray();
    const page = rows.slice(0, limit);
    return { entries: page.map(toEntry), nextCursor: rows.length > limit ? String(page[page.length - 1].seq) : null };
  }

  /** Recomputes every hash in order; the first entry whose stored fields do not match is named. */
  async verify(): Promise<VerifyReport> {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    for (;;) {
      const rows = this.sql.exec<EntryRow>(`SELECT * FROM entries WHERE seq >= ? ORDER BY seq LIMIT ?`, expectedSeq, VERIFY_CHUNK).toArray();
      for (const r of rows) {
        const broken = (reason: string): VerifyReport => ({ ok: false, checked, brokenAt: { seq: r.seq, complianceId: r.compliance_id }, reason });
        if (r.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing`);
        if (r.prev_hash !== prevHash) return broken('previous hash does not match the entry before it');
        const fields = { seq: r.seq, complianceId: r.compliance_id, at: r.at, actor: r.actor, action: r.action, target: r.target, details: r.details, prevHash: r.prev_hash };
        if ((await entryHash(fields)) !== r.hash) return broken('hash does not match the entry\'s contents');
        prevHash = r.hash;
        expectedSeq++;
        checked++;
      }
      if (rows.length < VERIFY_CHUNK) return { ok: true, checked, lastHash: prevHash };
    }
  }
}

function toEntry(r: EntryRow): AuditEntry {
  return {
    seq: r.seq,
    complianceId: r.compliance_id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target,
    details: JSON.parse(r.details),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
