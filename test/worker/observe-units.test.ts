// The pure parts of observability: histogram, backoff, batching, the auto-tuning rule, signatures.
import { describe, expect, it } from 'vitest';
import { backoffMs, MAX_BACKOFF_MS } from '../../src/observe/backoff.js';
import { Batcher } from '../../src/observe/batcher.js';
import { bucketIndex, bucketRange, count, merge, percentiles, quantileMs, record, type HistogramData } from '../../src/observe/histogram.js';
import { signatureHeader, verifySignature } from '../../src/observe/signature.js';
import { decideTuning } from '../../src/policy/auto-tune.js';
import { ROWS_PER_SLICE, writeInSlices } from '../../src/storage/write-in-slices.js';

describe('log-linear histogram', () => {
  it('puts every value in a bucket that contains it, at most 1/16 of the value wide', () => {
    for (let us = 0; us < 5_000_000; us = Math.floor(us * 1.07) + 1) {
      const { lower, width } = bucketRange(bucketIndex(us));
      expect(us).toBeGreaterThanOrEqual(lower);
      expect(us).toBeLessThan(lower + width);
      if (us >= 16) expect(width / lower).toBeLessThanOrEqual(1 / 16);
    }
  });

  it('gives nearest-rank quantiles within 1/32 of the exact ones, and merges by adding', () => {
    const values = Array.from({ length: 1000 }, (_, i) => Math.round(50 * Math.exp(i / 120))); // 50 µs .. ~200 ms, skewed
    const a: HistogramData = {};
    const b: HistogramData = {};
    values.forEach((v, i) => record(i % 3 ? a : b, v));
    const h = merge(merge({}, a), b);
    expect(count(h)).toBe(1000);
    const sorted = [...values].sort((x, y) => x - y);
    for (const q of [0.5, 0.9, 0.95, 0.99, 1]) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1] / 1000;
      expect(Math.abs(quantileMs(h, q)! - exact) / exact).toBeLessThanOrEqual(1 / 32);
    }
    expect(percentiles({})).toEqual({ p50: null, p95: null, p99: null });
  });
});

describe('backoff', () => {
  it('doubles per failure with jitter between half and all of the step, capped', () => {
    expect(backoffMs(1000, 1, () => 0)).toBe(500);
    expect(backoffMs(1000, 1, () => 1)).toBe(1000);
    expect(backoffMs(1000, 4, () => 0)).toBe(4000);
    expect(backoffMs(1000, 4, () => 0.999999)).toBe(8000);
    expect(backoffMs(1000, 40, () => 1)).toBe(MAX_BACKOFF_MS);
  });
});

describe('batcher', () => {
  it('sends when a batch is big, or when it is old, and never rejects when a send fails', async () => {
    const sent: number[][] = [];
    const b = new Batcher<number>({ maxItems: 3, maxAgeMs: 30, maxQueued: 100, send: async (items) => void sent.push(items) });
    // The first call of a batch and the one that fills it hold it; the ones between do not.
    const started = b.add(1);
    expect(started).toBeInstanceOf(Promise);
    expect(b.add(2)).toBeNull();
    await b.add(3);
    expect(sent).toEqual([[1, 2, 3]]);
    await started;
    expect(sent).toEqual([[1, 2, 3]]);
    await b.add(4);
    expect(sent).toEqual([[1, 2, 3], [4]]);
    const failing = new Batcher<number>({ maxItems: 1, maxAgeMs: 10, maxQueued: 100, send: async () => {
        throw new Error('down');
      } });
    await expect(failing.add(1)).resolves.toBeUndefined();
  });

  it('drops, and counts, what does not fit while sends are slow', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const b = new Batcher<number>({ maxItems: 2, maxAgeMs: 1000, maxQueued: 3, send: () => gate });
    b.add(1);
    const first = b.add(2); // in flight, holding 2 of the 3 places
    b.add(3);
    expect(b.add(4)).toBeNull();
    expect(b.dropped).toBe(1);
    release();
    await first;
  });
});

describe('auto-tuning rule', () => {
  const rule = { enabled: true, windowSeconds: 3600, maxFalsePositiveRate: 0.2, minSamples: 10, step: 0.1, ceiling: 0.9 };
  it.each([
    [{ n: 9, fp: 9 }, 0.5, { adjust: false, reason: '9 of 10 samples needed' }],
    [{ n: 10, fp: 2 }, 0.5, { adjust: false, reason: 'false-positive rate within bound' }],
    [{ n: 10, fp: 3 }, 0.5, { adjust: true, from: 0.5, to: 0.6 }],
    [{ n: 10, fp: 3 }, 0.7, { adjust: true, from: 0.7, to: 0.8 }],
    [{ n: 10, fp: 3 }, 0.85, { adjust: true, from: 0.85, to: 0.9 }],
    [{ n: 10, fp: 3 }, 0.9, { adjust: false, reason: 'minScore is at its ceiling' }],
  ])('%o at minScore %d', (stats, current, expected) => {
    expect(decideTuning(rule, current, stats)).toMatchObject(expected);
  });
  it('does nothing when disabled', () => {
    expect(decideTuning({ ...rule, enabled: false }, 0.5, { n: 100, fp: 100 })).toMatchObject({ adjust: false, reason: 'auto-tuning is disabled' });
  });
});

describe('webhook signature', () => {
  it('signs t and the raw body; verification rejects another body, secret or an old timestamp', async () => {
    const header = await signatureHeader('whsec_a', '{"id":"evt_1"}', 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(await verifySignature('whsec_a', '{"id":"evt_1"}', header, 1_700_000_100)).toBe(true);
    expect(await verifySignature('whsec_b', '{"id":"evt_1"}', header, 1_700_000_100)).toBe(false);
    expect(await verifySignature('whsec_a', '{"id":"evt_2"}', header, 1_700_000_100)).toBe(false);
    expect(await verifySignature('whsec_a', '{"id":"evt_1"}', header, 1_700_001_000)).toBe(false);
  });
});

describe('writing a batch in slices', () => {
  it('writes every row, one transaction per slice, and lets waiting work run between slices', async () => {
    const events: string[] = [];
    const storage = { transactionSync: (write: () => void) => (events.push('begin'), write(), events.push('commit')) } as unknown as DurableObjectStorage;
    const rows = Array.from({ length: ROWS_PER_SLICE * 2 + 3 }, (_, i) => i);
    // Queued before the batch starts, as a request waiting for the thread would be.
    setTimeout(() => events.push('other work'), 0);
    await writeInSlices(storage, rows, (row) => events.push(`row ${row}`));
    const commits = events.flatMap((e, i) => (e === 'commit' ? [i] : []));
    expect(commits).toHaveLength(3);
    expect(events.filter((e) => e.startsWith('row'))).toEqual(rows.map((r) => `row ${r}`));
    // The other work ran after the first slice, not after the whole batch.
    expect(events.indexOf('other work')).toBeGreaterThan(commits[0]);
    expect(events.indexOf('other work')).toBeLessThan(commits[1]);
  });
});
