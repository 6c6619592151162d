// Feedback on evaluations: checked against the tenant's recent evaluations, counted once, shown
// as false-positive rates, and driving auto-tuning only when its rule says so.
import { describe, expect, inject, it } from 'vitest';
import { call, createKey } from './api.js';
import { baseConfig } from './configs.js';
import { eventually } from './observe-helpers.js';

const SCOPES = ['guardrails:write', 'guardrails:read', 'evaluate', 'metrics:read', 'audit:read', 'webhooks:write'];
const receiver = `http://127.0.0.1:${inject('receiverPort')}`;

async function setup(tenant: string, config: unknown = baseConfig()) {
  const key = await createKey(tenant, SCOPES);
  const created = await call('POST', '/v1/guardrails', { key, body: config });
  expect(created.status).toBe(201);
  return { key, id: created.body.id as string };
}

async function evaluate(key: string, id: string, text: string): Promise<string> {
  const res = await call('POST', `/v1/guardrails/${id}/evaluate`, { key, body: { text } });
  expect(res.status).toBe(200);
  return res.body.evaluationId;
}

/** Feedback, waiting until the evaluation's record has been flushed to the ledger. */
async function feedback(key: string, evaluationId: string, body: Record<string, unknown>) {
  return eventually(() => call('POST', `/v1/evaluations/${evaluationId}/feedback`, { key, body }), (r) => r.status !== 404);
}

const totals = async (key: string, id: string) => (await call('GET', `/v1/guardrails/${id}/metrics?interval=PT1H`, { key })).body.totals;

/** A phone filter that auto-tunes: "reach 415-555-0134" scores 0.6, "phone 4155550134" 0.7. */
const tuned = (tests: unknown[] = [{ input: 'phone 4155550134', expect: 'REDACT' }], rule: Record<string, unknown> = {}) =>
  baseConfig({
    filters: [
      {
        type: 'pii',
        id: 'phones',
        action: 'redact',
        entities: ['PHONE'],
        minScore: 0.5,
        autoTune: { maxFalsePositiveRate: 0.5, minSamples: 4, step: 0.15, ceiling: 0.8, windowSeconds: 3600, ...rule },
      },
    ],
    tests,
  });
const WEAK_PHONE = 'reach 415-555-0134';

describe('feedback', () => {
  it('changes the false-positive rate, per filter and overall, counting each evaluation once', async () => {
    const { key, id } = await setup('fb-rate');
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await evaluate(key, id, `mail ann${i}@example.com`));
    const first = await feedback(key, ids[0], { falsePositive: true, note: 'a test address' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ guardrail: { id, version: 1 }, filters: ['pii-1'], counted: true, falsePositive: true });
    expect((await totals(key, id)).falsePositiveRate).toBe(1);
    for (const e of ids.slice(1)) expect((await feedback(key, e, { falsePositive: false, filter: 'pii-1' })).status).toBe(200);
    const t = await totals(key, id);
    expect(t.falsePositiveRate).toBe(0.25);
    expect(t.feedback).toEqual({ total: 4, falsePositives: 1, byFilter: { 'pii-1': { feedback: 4, falsePositives: 1, falsePositiveRate: 0.25 } } });
    // The same answer again is a replay; the other answer is a conflict. Neither counts.
    const replay = await call('POST', `/v1/evaluations/${ids[0]}/feedback`, { key, body: { falsePositive: true } });
    expect(replay.body.counted).toBe(false);
    expect((await call('POST', `/v1/evaluations/${ids[0]}/feedback`, { key, body: { falsePositive: false } })).status).toBe(409);
    expect((await totals(key, id)).falsePositiveRate).toBe(0.25);
  });

  it('accepts only recent evaluations with findings of the caller\'s tenant, naming a filter that fired', async () => {
    const { key, id } = await setup('fb-checks');
    const flagged = await evaluate(key, id, 'mail ann@example.com');
    expect((await feedback(key, flagged, { falsePositive: true, filter: 'secrets-1' })).status).toBe(422);
    const other = await createKey('fb-elsewhere', ['evaluate']);
    expect((await call('POST', `/v1/evaluations/${flagged}/feedback`, { key: other, body: { falsePositive: true } })).status).toBe(404);
    const clean = await evaluate(key, id, 'hello');
    await new Promise((r) => setTimeout(r, 100)); // its batch has been flushed by now
    expect((await call('POST', `/v1/evaluations/${clean}/feedback`, { key, body: { falsePositive: true } })).status).toBe(404);
    expect((await call('POST', '/v1/evaluations/ev_unknown/feedback', { key, body: { falsePositive: true } })).status).toBe(404);
    for (const body of [{}, { falsePositive: 'yes' }, { falsePositive: true, note: 'x'.repeat(1001) }, { falsePositive: true, filter: 'no spaces' }, { falsePositive: true, extra: 1 }]) {
      expect((await call('POST', `/v1/evaluations/${flagged}/feedback`, { key, body })).status).toBe(400);
    }
  });

  it('auto-tunes: a new version with a higher minScore only once the rule is met, audited', async () => {
    const { key, id } = await setup('fb-tune', tuned());
    await call('POST', '/v1/webhooks', { key, body: { url: `${receiver}/hooks/tuning`, events: ['threshold.adjusted'] } });
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await evaluate(key, id, WEAK_PHONE));
    const answers = [true, true, false]; // 3 samples: under minSamples, whatever the rate
    for (const [i, fp] of answers.entries()) {
      const res = await feedback(key, ids[i], { falsePositive: fp });
      expect(res.status).toBe(200);
      if (fp) expect(res.body.autoTune).toEqual([expect.objectContaining({ filter: 'phones', adjusted: false, reason: `${i + 1} of 4 samples needed` })]);
    }
    expect((await call('GET', `/v1/guardrails/${id}`, { key })).body.latestVersion).toBe(1);
    const fourth = await feedback(key, ids[3], { falsePositive: true }); // 3 of 4 false: 0.75 > 0.5
    expect(fourth.body.autoTune).toEqual([{ filter: 'phones', adjusted: true, from: 0.5, to: 0.65, version: 2, falsePositiveRate: 0.75, samples: 4 }]);
    const g = await call('GET', `/v1/guardrails/${id}`, { key });
    expect(g.body).toMatchObject({ activeVersion: 2, latestVersion: 2 });
    expect(g.body.config.filters[0]).toMatchObject({ minScore: 0.65, autoTune: { step: 0.15 } });
    expect((await call('POST', `/v1/guardrails/${id}/evaluate`, { key, body: { text: WEAK_PHONE } })).body).toMatchObject({ verdict: 'ALLOW', guardrail: { version: 2 } });
    const audit = await call('GET', `/v1/audit?actor=autotune`, { key });
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(['guardrail.updated', 'threshold.adjusted']);
    expect(audit.body.entries[1].details).toMatchObject({ guardrail: { id, version: 2, previousVersion: 1 }, changes: [{ filter: 'phones', from: 0.5, to: 0.65 }] });
    const announced = await eventually(async () => (await fetch(`${receiver}/received/tuning`)).json() as Promise<Array<{ eventType: string; body: string }>>, (r) => r.length > 0);
    expect(announced.map((r) => r.eventType)).toEqual(['threshold.adjusted']);
    expect(JSON.parse(announced[0].body).data).toMatchObject({ actor: 'autotune', guardrail: { id, version: 2 }, changes: [{ filter: 'phones', to: 0.65 }] });
    // Feedback on the old version no longer tunes the new one.
    expect((await feedback(key, ids[4], { falsePositive: true })).body.autoTune).toEqual([]);
  });

  it('does not tune while the false-positive rate is within its bound, or past the ceiling', async () => {
    const { key, id } = await setup('fb-bound', tuned(undefined, { ceiling: 0.5 }));
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await evaluate(key, id, WEAK_PHONE));
    for (const [i, fp] of [false, false, true, true].entries()) await feedback(key, ids[i], { falsePositive: fp });
    const within = await setup('fb-bound2', tuned());
    const more = [];
    for (let i = 0; i < 4; i++) more.push(await evaluate(within.key, within.id, WEAK_PHONE));
    let last;
    for (const [i, fp] of [false, false, true, true].entries()) last = await feedback(within.key, more[i], { falsePositive: fp });
    expect(last!.body.autoTune[0]).toMatchObject({ adjusted: false, reason: 'false-positive rate within bound', falsePositiveRate: 0.5 });
    expect((await call('GET', `/v1/guardrails/${within.id}`, { key: within.key })).body.latestVersion).toBe(1);
    // Over the bound but already at the ceiling.
    const extra = await evaluate(key, id, WEAK_PHONE);
    const atCeiling = await feedback(key, extra, { falsePositive: true });
    expect(atCeiling.body.autoTune[0]).toMatchObject({ adjusted: false, reason: 'minScore is at its ceiling' });
    expect((await call('GET', `/v1/guardrails/${id}`, { key })).body.latestVersion).toBe(1);
  });

  it('lets the guardrail\'s tests veto a proposed threshold: kept as a draft, audited, not proposed twice', async () => {
    const { key, id } = await setup('fb-veto', tuned([{ input: WEAK_PHONE, expect: 'REDACT' }]));
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await evaluate(key, id, WEAK_PHONE));
    let res;
    for (let i = 0; i < 4; i++) res = await feedback(key, ids[i], { falsePositive: true });
    expect(res!.body.autoTune[0]).toMatchObject({ adjusted: false, version: 2, reason: 'version 2 failed its tests and was kept as a draft' });
    expect((await call('GET', `/v1/guardrails/${id}`, { key })).body).toMatchObject({ activeVersion: 1, latestVersion: 2 });
    const again = await feedback(key, ids[4], { falsePositive: true });
    expect(again.body.autoTune[0].reason).toBe('proposed as version 2, which failed its tests');
    expect((await call('GET', `/v1/guardrails/${id}`, { key })).body.latestVersion).toBe(2);
    const audit = await call('GET', '/v1/audit?action=threshold.adjustment_rejected', { key });
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0].details).toMatchObject({ draftVersion: 2, failedTests: 1 });
  });
});
