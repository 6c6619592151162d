// Recent evaluations that had findings, so feedback can be checked: the evaluation must exist,
// belong to the tenant, be recent, and name a filter that fired. One object per (tenant, shard),
// the shard derived from the evaluation id, so feedback finds it without knowing the guardrail.
import { DurableObject } from 'cloudflare:workers';
import { applySchema } from './sql-schema.js';
import type { Bindings } from '../env.js';
import type { Result } from './types.js';
import { writeInSlices } from './write-in-slices.js';

/** How long an evaluation accepts feedback. */
export const FEEDBACK_WINDOW_MS = 7 * 86400 * 1000;
const PURGE_EVERY_MS = 6 * 3600 * 1000;

export interface LedgerRecord {
  evaluationId: string;
  guardrail: string;
  version: number;
  /** Filters that reported findings. */
  filters: string[];
  /** Unix ms. */
  at: number;
}

export interface FeedbackRequest {
  evaluationId: string;
  falsePositive: boolean;
  filter?: string;
  note?: string;
  actor: string;
  now: number;
}

export interface FeedbackAccepted {
  guardrail: string;
  version: number;
  /** Filters the feedback is about. */
  filters: string[];
  /** When the evaluation was made (unix ms). */
  evaluatedAt: number;
  /** The same feedback was given before; nothing new is stored. */
  replayed: boolean;
}

const SCHEMA_VERSION = 1;
const SCHEMA = `
CREATE TABLE IF NOT EXISTS evaluations (id TEXT PRIMARY KEY, guardrail TEXT NOT NULL, version INTEGER NOT NULL, filters TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS evaluations_at ON evaluations (at);
CREATE TABLE IF NOT EXISTS feedback (evaluation_id TEXT NOT NULL, filter TEXT NOT NULL, false_positive INTEGER NOT NULL, note TEXT, actor TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (evaluation_id, filter));
`;

export class EvaluationLedger extends DurableObject<Bindings> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => applySchema(this.sql, SCHEMA, SCHEMA_VERSION));
  }

  async remember(records: LedgerRecord[]): Promise<void> {
    await writeInSlices(this.ctx.storage, records, (r) => {
      this.sql.exec(`INSERT OR IGNORE INTO evaluations (id, guardrail, version, filters, at) VALUES (?, ?, ?, ?, ?)`, r.evaluationId, r.guardrail, r.version, JSON.stringify(r.filters), r.at);
    });
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + PURGE_EVERY_MS);
  }

  /**
   * Stores feedback once per (evaluation, filter). Giving the same answer again is a replay (so a
   * client may retry); giving the other answer is a conflict.
   */
  feedback(req: FeedbackRequest): Result<FeedbackAccepted> {
    const row = this.sql.exec<{ guardrail: string; version: number; filters: string; at: number }>(`SELECT guardrail, version, filters, at FROM evaluations WHERE id = ?`, req.evaluationId).toArray()[0];
    if (!row || row.at < req.now - FEEDBACK_WINDOW_MS) {
      return { refused: { status: 404, code: 'not_found', message: 'no such evaluation: feedback takes evaluations with findings from the last 7 days' } };
    }
    const fired = JSON.parse(row.filters) as string[];
    if (req.filter !== undefined && !fired.includes(req.filter)) {
      return { refused: { status: 422, code: 'filter_not_in_evaluation', message: 'filter: did not report findings in this evaluation', details: { filters: fired } } };
    }
    const key = req.filter ?? '*';
    const previous = this.sql.exec<{ false_positive: number }>(`SELECT false_positive FROM feedback WHERE evaluation_id = ? AND filter = ?`, req.evaluationId, key).toArray()[0];
    if (previous && Boolean(previous.false_positive) !== req.falsePositive) {
      return { refused: { status: 409, code: 'feedback_conflict', message: 'feedback with the other answer was already given for this evaluation and filter' } };
    }
    if (!previous) {
      this.sql.exec(`INSERT INTO feedback (evaluation_id, filter, false_positive, note, actor, at) VALUES (?, ?, ?, ?, ?, ?)`,
        req.evaluationId, key, req.falsePositive ? 1 : 0, req.note ?? null, req.actor, req.now);
    }
    return { ok: { guardrail: row.guardrail, version: row.version, filters: req.filter !== undefined ? [req.filter] : fired, evaluatedAt: row.at, replayed: Boolean(previous) } };
  }

  override async alarm(): Promise<void> {
    const cutoff = Date.now() - FEEDBACK_WINDOW_MS;
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(`DELETE FROM feedback WHERE evaluation_id IN (SELECT id FROM evaluations WHERE at < ?)`, cutoff);
      this.sql.exec(`DELETE FROM evaluations WHERE at < ?`, cutoff);
    });
    if (this.sql.exec(`SELECT 1 FROM evaluations LIMIT 1`).toArray().length > 0) await this.ctx.storage.setAlarm(Date.now() + PURGE_EVERY_MS);
  }
}
