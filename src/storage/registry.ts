// The per-tenant registry: guardrail versions, the active pointer and API keys. One Durable
// Object per tenant serialises every write (strong consistency, If-Match without races); what the
// edge reads is published to KV through an outbox, so a failed KV write is retried, never lost.
import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../env.js';
import type { GuardrailConfig } from '../policy/guardrail-schema.js';
import type { TestReport } from '../policy/test-cases.js';
import { activeKey, apiKeyKey, indexKey } from './kv-keys.js';
import { SCHEMA, SCHEMA_VERSION } from './registry-schema.js';
import { applySchema } from './sql-schema.js';
import type { ActiveRecord, ApiKeyRecord, GuardrailSummary, IndexEntry, Page, Refusal, Result, VersionRecord } from './types.js';

interface GuardrailRow {
  id: string;
  name: string;
  latest: number;
  active: number | null;
  created_at: string;
  updated_at: string;
  [k: string]: SqlStorageValue;
}

interface VersionRow {
  guardrail: string;
  version: number;
  config: string;
  created_at: string;
  created_by: string;
  tests: string | null;
  activated: number;
  [k: string]: SqlStorageValue;
}

export interface WriteRequest {
  config: GuardrailConfig;
  actor: string;
  /** Make the new version active (its tests passed and it is not a draft). */
  promote: boolean;
  tests: Pick<TestReport, 'passed' | 'failed'> | null;
}

export interface WriteResult {
  guardrail: GuardrailSummary;
  version: number;
}

const RETRY_MS = 2000;
const MAX_PAGE = 100;

const refuse = (status: Refusal['refused']['status'], code: string, message: string, details?: Record<string, unknown>): Refusal => ({
  refused: { status, code, message, ...(details ? { details } : {}) },
});
const notFound = (what = 'guardrail') => refuse(404, 'not_found', `no such ${what}`);

export class GuardrailRegistry extends DurableObject<Bindings> {
  private readonly sql: SqlStorage;
  private flushing: Promise<void> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => applySchema(this.sql, SCHEMA, SCHEMA_VERSION));
  }

  async createGuardrail(tenant: string, id: string, req: WriteRequest): Promise<Result<WriteResult>> {
    const existing = this.row(id, true);
    if (existing) return refuse(409, 'conflict', 'a guardrail with this id exists');
    const now = new Date().toISOString();
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(`INSERT INTO guardrails (id, name, latest, active, created_at, updated_at) VALUES (?, ?, 1, NULL, ?, ?)`, id, req.config.name, now, now);
      this.insertVersion(id, 1, req, now);
      if (req.promote) this.activate(tenant, id, 1, req.actor, 'created', now);
    });
    await this.flush();
    return { ok: { guardrail: this.summary(this.row(id)!), version: 1 } };
  }

  async updateGuardrail(tenant: string, id: string, ifMatch: number, req: WriteRequest): Promise<Result<WriteResult>> {
    const row = this.row(id);
    if (!row) return notFound();
    if (row.latest !== ifMatch) {
      return refuse(409, 'version_conflict', `If-Match is "${ifMatch}" but the latest version is "${row.latest}"`, { latestVersion: row.latest });
    }
    const version = row.latest + 1;
    const now = new Date().toISOString();
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(`UPDATE guardrails SET latest = ?, name = ?, updated_at = ? WHERE id = ?`, version, req.config.name, now, id);
      this.insertVersion(id, version, req, now);
      if (req.promote) this.activate(tenant, id, version, req.actor, 'updated', now);
    });
    await this.flush();
    return { ok: { guardrail: this.summary(this.row(id)!), version } };
  }

  async promote(tenant: string, id: string, version: number, actor: string): Promise<Result<GuardrailSummary>> {
    const row = this.row(id);
    if (!row) return notFound();
    if (!this.versionRow(id, version)) return notFound('version');
    const now = new Date().toISOString();
    this.ctx.storage.transactionSync(() => this.activate(tenant, id, version, actor, 'promoted', now));
    await this.flush();
    return { ok: this.summary(this.row(id)!) };
  }

  /** Back to `toVersion`, or to the version that was active before the current one. */
  async rollback(tenant: string, id: string, toVersion: number | undefined, actor: string): Promise<Result<GuardrailSummary>> {
    const row = this.row(id);
    if (!row) return notFound();
    let target = toVersion;
    if (target === undefined) {
      const prev = this.sql
        .exec<{ version: number }>(`SELECT version FROM activations WHERE guardrail = ? AND version != ? ORDER BY seq DESC LIMIT 1`, id, row.active ?? -1)
        .toArray()[0];
      if (!prev) return refuse(409, 'no_previous_version', 'no earlier active version to roll back to');
      target = prev.version;
    }
    const v = this.versionRow(id, target);
    if (!v) return notFound('version');
    // Rolling back restores a version that once passed its tests and served; a draft never did.
    if (!v.activated) return refuse(409, 'never_active', `version ${target} was never active; promote it instead (its tests run first)`);
    const now = new Date().toISOString();
    this.ctx.storage.transactionSync(() => this.activate(tenant, id, target, actor, 'rolled_back', now));
    await this.flush();
    return { ok: this.summary(this.row(id)!) };
  }

  async deleteGuardrail(tenant: string, id: string): Promise<Result<{ id: string }>> {
    if (!this.row(id)) return notFound();
    const now = new Date().toISOString();
    // Versions are kept (deleting loses nothing an audit may need); the edge stops serving it.
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(`UPDATE guardrails SET deleted_at = ?, active = NULL, updated_at = ? WHERE id = ?`, now, now, id);
      this.queue(activeKey(tenant, id), null);
      this.queueIndex(tenant);
    });
    await this.flush();
    return { ok: { id } };
  }

  getGuardrail(id: string): Result<{ guardrail: GuardrailSummary; config: GuardrailConfig }> {
    const row = this.row(id);
    if (!row) return notFound();
    const v = this.versionRow(id, row.active ?? row.latest)!;
    return { ok: { guardrail: this.summary(row), config: JSON.parse(v.config) } };
  }

  listGuardrails(cursor: number, limit: number): Page<GuardrailSummary> {
    const rows = this.sql
      .exec<GuardrailRow & { seq: number }>(`SELECT * FROM guardrails WHERE deleted_at IS NULL AND seq > ? ORDER BY seq LIMIT ?`, cursor, clamp(limit) + 1)
      .toArray();
    return page(rows, limit, (r) => this.summary(r), (r) => r.seq);
  }

  listVersions(id: string, cursor: number, limit: number): Result<Page<VersionRecord>> {
    const row = this.row(id);
    if (!row) return notFound();
    const rows = this.sql
      .exec<VersionRow>(`SELECT * FROM versions WHERE guardrail = ? AND version > ? ORDER BY version LIMIT ?`, id, cursor, clamp(limit) + 1)
      .toArray();
    return { ok: page(rows, limit, (r) => this.versionRecord(r, row), (r) => r.version) };
  }

  getVersion(id: string, version: number): Result<VersionRecord> {
    const row = this.row(id);
    const v = row && this.versionRow(id, version);
    if (!row) return notFound();
    if (!v) return notFound('version');
    return { ok: this.versionRecord(v, row) };
  }

  async createKey(record: ApiKeyRecord): Promise<void> {
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(`INSERT INTO api_keys (id, record) VALUES (?, ?)`, record.id, JSON.stringify(record));
      this.queue(apiKeyKey(record.id), JSON.stringify(record));
    });
    await this.flush();
  }

  listKeys(cursor: number, limit: number): Page<Omit<ApiKeyRecord, 'hash'>> {
    const rows = this.sql.exec<{ seq: number; record: string }>(`SELECT seq, record FROM api_keys WHERE seq > ? ORDER BY seq LIMIT ?`, cursor, clamp(limit) + 1).toArray();
    return page(rows, limit, (r) => {
      const { hash: _hash, ...shown } = JSON.parse(r.record) as ApiKeyRecord;
      return shown;
    }, (r) => r.seq);
  }

  async deleteKey(id: string): Promise<boolean> {
    const found = this.sql.exec(`SELECT id FROM api_keys WHERE id = ?`, id).toArray().length > 0;
    if (!found) return false;
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(`DELETE FROM api_keys WHERE id = ?`, id);
      this.queue(apiKeyKey(id), null);
    });
    await this.flush();
    return true;
  }

  /** Retries the KV writes a failed flush left behind. */
  override async alarm(): Promise<void> {
    await this.flush();
  }

  private insertVersion(id: string, version: number, req: WriteRequest, now: string): void {
    this.sql.exec(
      `INSERT INTO versions (guardrail, version, config, created_at, created_by, tests) VALUES (?, ?, ?, ?, ?, ?)`,
      id, version, JSON.stringify(req.config), now, req.actor, req.tests ? JSON.stringify(req.tests) : null,
    );
  }

  private activate(tenant: string, id: string, version: number, actor: string, reason: string, now: string): void {
    this.sql.exec(`UPDATE guardrails SET active = ?, updated_at = ? WHERE id = ?`, version, now, id);
    this.sql.exec(`UPDATE versions SET activated = 1 WHERE guardrail = ? AND version = ?`, id, version);
    this.sql.exec(`INSERT INTO activations (guardrail, version, at, actor, reason) VALUES (?, ?, ?, ?, ?)`, id, version, now, actor, reason);
    const config = JSON.parse(this.versionRow(id, version)!.config) as GuardrailConfig;
    const active: ActiveRecord = { id, version, config };
    this.queue(activeKey(tenant, id), JSON.stringify(active));
    this.queueIndex(tenant);
  }

  /** The tenant's index of active guardrails, rebuilt whole: small, and never out of step. */
  private queueIndex(tenant: string): void {
    const rows = this.sql
      .exec<{ id: string; active: number; config: string }>(
        `SELECT g.id, g.active, v.config FROM guardrails g JOIN versions v ON v.guardrail = g.id AND v.version = g.active
         WHERE g.deleted_at IS NULL AND g.active IS NOT NULL ORDER BY g.seq`,
      )
      .toArray();
    const guardrails: IndexEntry[] = rows.map((r) => {
      const c = JSON.parse(r.config) as GuardrailConfig;
      return { id: r.id, version: r.active, enabled: c.enabled, assignments: c.assignments, target: c.target };
    });
    this.queue(indexKey(tenant), JSON.stringify({ guardrails }));
  }

  private queue(key: string, value: string | null): void {
    this.sql.exec(`INSERT OR REPLACE INTO outbox (key, value, seq) VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM outbox))`, key, value);
  }

  /** Writes queued KV entries, one flush at a time so an older value never lands last. */
  private flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const rows = this.sql.exec<{ key: string; value: string | null; seq: number }>(`SELECT key, value, seq FROM outbox ORDER BY seq`).toArray();
      try {
        for (const r of rows) {
          if (r.value === null) await this.env.CONFIGS.delete(r.key);
          else await this.env.CONFIGS.put(r.key, r.value);
          this.sql.exec(`DELETE FROM outbox WHERE key = ? AND seq = ?`, r.key, r.seq);
        }
      } catch (e) {
        console.error('registry: KV publish failed, retrying by alarm', e instanceof Error ? e.name : typeof e);
        await this.ctx.storage.setAlarm(Date.now() + RETRY_MS);
      }
    });
    return this.flushing;
  }

  private row(id: string, includeDeleted = false): GuardrailRow | undefined {
    return this.sql.exec<GuardrailRow>(`SELECT * FROM guardrails WHERE id = ?${includeDeleted ? '' : ' AND deleted_at IS NULL'}`, id).toArray()[0];
  }

  private versionRow(id: string, version: number): VersionRow | undefined {
    return this.sql.exec<VersionRow>(`SELECT * FROM versions WHERE guardrail = ? AND version = ?`, id, version).toArray()[0];
  }

  private summary(r: GuardrailRow): GuardrailSummary {
    return { id: r.id, name: r.name, activeVersion: r.active, latestVersion: r.latest, createdAt: r.created_at, updatedAt: r.updated_at };
  }

  private versionRecord(v: VersionRow, g: GuardrailRow): VersionRecord {
    return {
      id: v.guardrail,
      version: v.version,
      config: JSON.parse(v.config),
      createdAt: v.created_at,
      createdBy: v.created_by,
      tests: v.tests ? JSON.parse(v.tests) : null,
      status: g.active === v.version ? 'active' : v.activated ? 'inactive' : 'draft',
    };
  }
}

const clamp = (limit: number) => Math.max(1, Math.min(MAX_PAGE, Math.floor(limit) || 20));

function page<R, T>(rows: R[], limit: number, map: (r: R) => T, cursorOf: (r: R) => number): Page<T> {
  const n = clamp(limit);
  const items = rows.slice(0, n);
  return { items: items.map(map), nextCursor: rows.length > n ? String(cursorOf(items[n - 1])) : null };
}
