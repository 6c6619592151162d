// The audit trail: what is recorded, filters and pages, NDJSON export, and a hash chain that
// names the first entry someone edited or removed.
import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sha256, toHex } from '../../src/auth/keys.js';
import type { Bindings } from '../../src/env.js';
import { auditLog } from '../../src/storage/observe-stubs.js';
import { SELF } from 'cloudflare:test';
import { call, createKey } from './api.js';
import { baseConfig } from './configs.js';
import { eventually } from './observe-helpers.js';

const bindings = env as unknown as Bindings;
const SCOPES = ['guardrails:write', 'guardrails:read', 'evaluate', 'audit:read', 'keys:admin'];

interface Entry {
  seq: number;
  action: string;
  actor: string;
  target: string;
  details: Record<string, any>;
  complianceId: string;
  hash: string;
  prevHash: string;
}

async function entries(key: string, query = ''): Promise<Entry[]> {
  const all: Entry[] = [];
  let cursor = '';
  for (;;) {
    const page = await call('GET', `/v1/audit?limit=100${query}${cursor ? `&cursor=${cursor}` : ''}`, { key });
    expect(page.status).toBe(200);
    all.push(...page.body.entries);
    if (!page.body.nextCursor) return all;
    cursor = page.body.nextCursor;
  }
}

/** A tenant with a full lifecycle behind it: 8 entries. */
async function lifecycle(tenant: string) {
  const key = await createKey(tenant, SCOPES);
  const keyId = key.split('_')[1];
  const id = (await call('POST', '/v1/guardrails', { key, body: baseConfig() })).body.id;
  await call('PUT', `/v1/guardrails/${id}`, { key, body: baseConfig({ name: 'v2' }), headers: { 'if-match': '"1"' } });
  await call('POST', `/v1/guardrails/${id}/rollback`, { key });
  await call('POST', `/v1/guardrails/${id}/versions/2/promote`, { key });
  const extra = await call('POST', '/v1/keys', { key, body: { name: 'ci', scopes: ['evaluate'] } });
  await call('DELETE', `/v1/keys/${extra.body.id}`, { key });
  await call('DELETE', `/v1/guardrails/${id}`, { key });
  return { key, keyId, id, extraKeyId: extra.body.id as string };
}

describe('audit trail', () => {
  it('records lifecycle and key changes with actor, target and a compliance id, in order', async () => {
    const { key, keyId, id, extraKeyId } = await lifecycle('audit-life');
    const log = await entries(key);
    expect(log.map((e) => [e.action, e.target])).toEqual([
      ['key.created', `key:${keyId}`], // the admin created this tenant's key
      ['guardrail.created', `guardrail:${id}`],
      ['guardrail.updated', `guardrail:${id}`],
      ['guardrail.rolled_back', `guardrail:${id}`],
      ['guardrail.promoted', `guardrail:${id}`],
      ['key.created', `key:${extraKeyId}`],
      ['key.revoked', `key:${extraKeyId}`],
      ['guardrail.deleted', `guardrail:${id}`],
    ]);
    expect(log[0].actor).toBe('admin');
    expect(log.slice(1).every((e) => e.actor === keyId)).toBe(true);
    expect(log[3].details).toMatchObject({ guardrail: { id, version: 1 }, fromVersion: 2 });
    expect(new Set(log.map((e) => e.complianceId)).size).toBe(log.length);
    expect(log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (let i = 1; i < log.length; i++) expect(log[i].prevHash).toBe(log[i - 1].hash);
  });

  it('filters by action, target, actor and time, and pages with a cursor', async () => {
    const { key, keyId, id } = await lifecycle('audit-filter');
    expect((await entries(key, '&action=guardrail.updated')).map((e) => e.seq)).toEqual([3]);
    expect((await entries(key, `&target=guardrail:${id}`)).length).toBe(5);
    expect((await entries(key, '&actor=admin')).length).toBe(1);
    expect((await entries(key, `&actor=${keyId}&action=key.revoked`)).length).toBe(1);
    expect((await entries(key, '&from=2999-01-01T00:00:00Z')).length).toBe(0);
    expect((await entries(key, '&to=2000-01-01T00:00:00Z')).length).toBe(0);
    const page = await call('GET', '/v1/audit?limit=3', { key });
    expect(page.body.entries.map((e: Entry) => e.seq)).toEqual([1, 2, 3]);
    const next = await call('GET', `/v1/audit?limit=3&cursor=${page.body.nextCursor}`, { key });
    expect(next.body.entries.map((e: Entry) => e.seq)).toEqual([4, 5, 6]);
    expect((await call('GET', '/v1/audit?action=x%20y', { key })).status).toBe(400);
    expect((await call('GET', '/v1/audit?from=yesterday', { key })).status).toBe(400);
  });

  it('records BLOCK and REDACT verdicts with the SHA-256 of the input, never the text', async () => {
    const key = await createKey('audit-verdicts', SCOPES);
    const id = (await call('POST', '/v1/guardrails', { key, body: baseConfig() })).body.id;
    const blocked = 'my key is AKIAZ3MHALN4SXQ6WD7B';
    const redacted = 'mail ann@example.com';
    const b = await call('POST', `/v1/guardrails/${id}/evaluate`, { key, body: { text: blocked } });
    const r = await call('POST', `/v1/guardrails/${id}/evaluate`, { key, body: { text: redacted } });
    await call('POST', `/v1/guardrails/${id}/evaluate`, { key, body: { text: 'hello' } });
    const found = await eventually(() => entries(key, '&target=guardrail:' + id), (l) => l.filter((e) => e.action.startsWith('evaluation.')).length === 2);
    const verdicts = found.filter((e) => e.action.startsWith('evaluation.'));
    const byAction = Object.fromEntries(verdicts.map((e) => [e.action, e]));
    expect(byAction['evaluation.blocked'].details).toMatchObject({ evaluationId: b.body.evaluationId, verdict: 'BLOCK', guardrail: { id, version: 1 }, inputSha256: toHex(await sha256(blocked)) });
    expect(byAction['evaluation.redacted'].details).toMatchObject({ evaluationId: r.body.evaluationId, inputSha256: toHex(await sha256(redacted)), findingCount: 1 });
    expect(JSON.stringify(verdicts)).not.toContain('AKIAZ3MHALN4SXQ6WD7B');
    expect(JSON.stringify(verdicts)).not.toContain('ann@example.com');
  });

  it('verifies the chain, and names the first entry that was edited or removed', async () => {
    const { key } = await lifecycle('audit-tamper');
    const ok = await call('GET', '/v1/audit/verify', { key });
    expect(ok.body).toMatchObject({ ok: true, checked: 8 });
    const before = await entries(key);
    const stub = auditLog(bindings, 'audit-tamper');
    await runInDurableObject(stub, (_instance, state) => {
      state.storage.sql.exec(`UPDATE entries SET actor = 'someone-else' WHERE seq = 5`);
    });
    const edited = await call('GET', '/v1/audit/verify', { key });
    expect(edited.body).toMatchObject({ ok: false, checked: 4, brokenAt: { seq: 5, complianceId: before[4].complianceId } });
    // Recomputing the edited entry's own hash does not help: the next entry's link breaks.
    await runInDurableObject(stub, async (_instance, state) => {
      const row = state.storage.sql.exec<Record<string, string | number>>(`SELECT * FROM entries WHERE seq = 5`).one();
      const { entryHash } = await import('../../src/observe/hash-chain.js');
      const hash = await entryHash({ seq: 5, complianceId: String(row.compliance_id), at: String(row.at), actor: String(row.actor), action: String(row.action), target: String(row.target), details: String(row.details), prevHash: String(row.prev_hash) });
      state.storage.sql.exec(`UPDATE entries SET hash = ? WHERE seq = 5`, hash);
    });
    expect((await call('GET', '/v1/audit/verify', { key })).body).toMatchObject({ ok: false, brokenAt: { seq: 6 } });
    await runInDurableObject(stub, (_instance, state) => {
      state.storage.sql.exec(`DELETE FROM entries WHERE seq = 2`);
    });
    expect((await call('GET', '/v1/audit/verify', { key })).body).toMatchObject({ ok: false, checked: 1, brokenAt: { seq: 3 }, reason: 'entry 2 is missing' });
  });

  it('chains a batch larger than a write slice, and two batches appended at once, without a gap', async () => {
    const key = await createKey('audit-batch', SCOPES);
    const stub = auditLog(bindings, 'audit-batch');
    const batch = (tag: string, n: number) => Array.from({ length: n }, (_, i) => ({ at: Date.now(), actor: 'k1', action: 'evaluation.redacted' as const, target: `guardrail:${tag}${i}`, details: { i } }));
    // Written a slice at a time (ROWS_PER_SLICE) with the thread yielded in between: the second
    // append must neither interleave with the first nor reuse its tail.
    const [first, second] = await Promise.all([stub.append(batch('a', 40)), stub.append(batch('b', 23))]);
    expect(new Set([...first, ...second]).size).toBe(63);
    const log = await entries(key);
    const appended = log.filter((e) => e.action === 'evaluation.redacted');
    expect(appended.map((e) => e.target)).toEqual([...batch('a', 40), ...batch('b', 23)].map((e) => e.target));
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect((await call('GET', '/v1/audit/verify', { key })).body).toMatchObject({ ok: true, checked: log.length });
  });

  it('exports the trail as NDJSON, filtered like the list', async () => {
    const { key } = await lifecycle('audit-export');
    const res = await SELF.fetch('http://cordon.test/v1/audit/export', { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = new TextDecoder().decode(await res.arrayBuffer()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual(await entries(key));
    const keysOnly = await SELF.fetch('http://cordon.test/v1/audit/export?action=key.created', { headers: { authorization: `Bearer ${key}` } });
    expect(new TextDecoder().decode(await keysOnly.arrayBuffer()).trim().split('\n').length).toBe(2);
  });

  it('shows a tenant only its own trail, and needs audit:read', async () => {
    await lifecycle('audit-mine');
    const other = await createKey('audit-theirs', ['audit:read']);
    const theirs = await entries(other);
    expect(theirs.map((e) => e.action)).toEqual(['key.created']);
    expect(theirs[0].target).toBe(`key:${other.split('_')[1]}`);
    const noScope = await createKey('audit-mine', ['evaluate']);
    expect((await call('GET', '/v1/audit', { key: noScope })).status).toBe(403);
    expect((await call('GET', '/v1/audit/verify', { key: noScope })).status).toBe(403);
  });
});
