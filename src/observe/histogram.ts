// A log-linear latency histogram, mergeable by adding counts (HdrHistogram's idea, simplified).
// Values are whole microseconds. Below 16 µs every value has its own bucket; above, each power of
// two is split into 16 equal sub-buckets, so a bucket is at most 1/16 of its lower bound wide and
// its midpoint is within 1/32 (about 3%) of any value in it. 60 s needs about 420 buckets; a
// real workload touches a few dozen, so the sparse form stored per time bucket stays small.

const SUB_BITS = 4;
const SUB = 1 << SUB_BITS;
/** Largest value recorded as itself (about 18 minutes); larger ones are clamped. */
const MAX_US = 2 ** 40;

/** Sparse counts: bucket index (as a string, it is a JSON object key) -> count. */
export type HistogramData = Record<string, number>;

export function bucketIndex(us: number): number {
  const v = Math.min(MAX_US, Math.max(0, Math.round(us)));
  if (v < SUB) return v;
  const exp = Math.floor(Math.log2(v));
  const mantissa = Math.floor(v / 2 ** (exp - SUB_BITS)); // in [16, 32)
  return (exp - SUB_BITS + 1) * SUB + (mantissa - SUB);
}

/** Lowest value and width of a bucket. */
export function bucketRange(index: number): { lower: number; width: number } {
  const group = Math.floor(index / SUB);
  if (group === 0) return { lower: index, width: 1 };
  const width = 2 ** (group - 1);
  return { lower: ((index % SUB) + SUB) * width, width };
}

/** What a bucket reports: its value when exact, else its midpoint. */
function representative(index: number): number {
  const { lower, width } = bucketRange(index);
  return width === 1 ? lower : lower + width / 2;
}

export function record(h: HistogramData, us: number, count = 1): void {
  const k = String(bucketIndex(us));
  h[k] = (h[k] ?? 0) + count;
}

export function merge(into: HistogramData, from: HistogramData | null | undefined): HistogramData {
  if (from) for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
  return into;
}

export function count(h: HistogramData): number {
  let n = 0;
  for (const v of Object.values(h)) n += v;
  return n;
}

/**
 * The q-quantile in milliseconds (nearest rank: the smallest recorded value with at least
 * ceil(q·n) values at or below it), or null when the histogram is empty.
 */
export function quantileMs(h: HistogramData, q: number): number | null {
  const n = count(h);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (const index of Object.keys(h).map(Number).sort((a, b) => a - b)) {
    seen += h[String(index)];
    if (seen >= rank) return Math.round(representative(index)) / 1000;
  }
  return null;
}

export function percentiles(h: HistogramData): { p50: number | null; p95: number | null; p99: number | null } {
  return { p50: quantileMs(h, 0.5), p95: quantileMs(h, 0.95), p99: quantileMs(h, 0.99) };
}
