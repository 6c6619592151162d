// Shannon entropy of a byte span, used to tell random-looking secrets from words and identifiers.

const COUNTS: usize = memory.data(1024, 4); // 256 u32 counters, cleared on every call

/** Bits per byte: 0 for one repeated byte, 8 for uniformly random bytes. */
export function shannonEntropy(ptr: usize, len: i32): f64 {
  if (len <= 0) return 0;
  memory.fill(COUNTS, 0, 1024);
  for (let i = 0; i < len; i++) {
    const p = COUNTS + (<usize>load<u8>(ptr + <usize>i) << 2);
    store<u32>(p, load<u32>(p) + 1);
  }
  // H = log2(n) - (1/n) * sum(c * log2(c)): one division instead of one per symbol
  const n = <f64>len;
  let s: f64 = 0;
  for (let b = 0; b < 256; b++) {
    const c = load<u32>(COUNTS + <usize>(b << 2));
    if (c > 1) s += <f64>c * Math.log2(<f64>c);
  }
  const h = Math.log2(n) - s / n;
  return h > 0 ? h : 0; // rounding can leave -0.0 or -1e-16 for a single symbol
}
