// A metrics or audit write that throws must not touch the evaluation: same verdict, same
// response, and the rest of the batch (ledger, webhooks) still goes out.
import { env, runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bindings } from '../../src/env.js';
import { allMetricsShards, auditLog } from '../../src/storage/observe-stubs.js';
import { call, createKey } from './api.js';
import { baseConfig } from './configs.js';
import { eventually } from './observe-helpers.js';

const bindings = env as unknown as Bindings;
const INJECTED_FAILURE = 'cordon-test: injected storage failure';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('observability failures', () => {
  it('returns the verdict when every metrics shard and the audit log throw', async () => {
    const tenant = 'broken-observe';
    const key = await createKey(tenant, ['guardrails:write', 'evaluate']);
    const id = (await call('POST', '/v1/guardrails', { key, body: baseConfig() })).body.id;
    // Break the storage under the objects: every write they attempt now throws. The message is
    // recognised by vitest.config.ts, which lets these deliberate failures through.
    const sabotage = (table: string) => (_i: unknown, state: DurableObjectState) => {
      for (const op of ['INSERT', 'UPDATE']) {
        state.storage.sql.exec(`CREATE TRIGGER fail_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${INJECTED_FAILURE}'); END`);
      }
    };
    for (const stub of allMetricsShards(bindings, tenant, id)) await runInDurableObject(stub, sabotage('buckets'));
    await runInDurableObject(auditLog(bindings, tenant), sabotage('entries'));
    const errors = vi.spyOn(console, 'error');

    const cases = [
      ['my key is AKIAZ3MHALN4SXQ6WD7B', 'BLOCK'],
      ['mail ann@example.com', 'REDACT'],
      ['hello', 'ALLOW'],
    ];
    for (const [text, verdict] of cases) {
      const res = await call('POST', `/v1/guardrails/${id}/evaluate`, { key, body: { text } });
      expect(res.status).toBe(200);
      expect(res.body.verdict).toBe(verdict);
    }
    // The batch was sent and its metrics and audit parts failed (logged by kind, never by content).
    await eventually(async () => errors.mock.calls.filter((c) => c[0] === 'observe: sends failed'), (calls) => calls.length > 0);
    const logged = JSON.stringify(errors.mock.calls);
    expect(logged).not.toContain('AKIAZ3MHALN4SXQ6WD7B');
    expect(logged).not.toContain('ann@example.com');
    // The ledger part of the same batch still landed: feedback on the blocked evaluation works.
    const blocked = await call('POST', `/v1/guardrails/${id}/evaluate`, { key, body: { text: cases[0][0] } });
    expect(blocked.body.verdict).toBe('BLOCK');
    const fb = await eventually(
      () => call('POST', `/v1/evaluations/${blocked.body.evaluationId}/feedback`, { key, body: { falsePositive: false } }),
      (r) => r.status !== 404,
    );
    // Counting it needs the broken metrics shard: the API asks for a retry (the retry is idempotent).
    expect(fb.status).toBe(503);
    expect(fb.headers.get('retry-after')).toBe('1');
  });
});
