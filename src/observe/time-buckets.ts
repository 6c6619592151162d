// Time buckets of the metrics store: minutes, hours and days, each with its own retention.
export const INTERVALS = { PT1M: 60, PT1H: 3600, P1D: 86400 } as const;
export type Interval = keyof typeof INTERVALS;
/** A bucket's length in seconds: 60, 3600 or 86400. */
export type Resolution = (typeof INTERVALS)[Interval];

export const RESOLUTIONS: readonly Resolution[] = [60, 3600, 86400];

/** How long buckets of each resolution are kept (seconds): 2 days of minutes, 35 of hours, 400 of days. */
export const RETENTION: Record<Resolution, number> = { 60: 2 * 86400, 3600: 35 * 86400, 86400: 400 * 86400 };

/** Start (unix seconds) of the bucket holding `atMs`. */
export function bucketStart(atMs: number, resolution: Resolution): number {
  const s = Math.floor(atMs / 1000);
  return s - (s % resolution);
}
