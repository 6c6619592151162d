// SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104) over linear memory.
//
// Used for base58check addresses and for keyed-hash redaction. Everything is static: one hash is in
// flight at a time (callers finish a digest before starting another), and the message is streamed
// block by block so its length is unbounded and nothing is copied except a partial final block.

const K: usize = memory.data<u32>([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const H: usize = memory.data(32, 4); // chaining state
const W: usize = memory.data(256, 4); // message schedule
const BUF: usize = memory.data(64, 4); // pending partial block
let bufLen: i32 = 0;
let totalLen: u64 = 0;

// Scratch for HMAC and double hashing; separate from H/BUF so a caller may hash into them.
const HMAC_KEY: usize = memory.data(64, 4);
const HMAC_PAD: usize = memory.data(64, 4);
const HMAC_INNER: usize = memory.data(32, 4);

@inline function ror(x: u32, n: u32): u32 { return rotr<u32>(x, n); }

function compress(block: usize): void {
  for (let t = 0; t < 16; t++) {
    store<u32>(W + <usize>(t << 2), bswap<u32>(load<u32>(block + <usize>(t << 2))));
  }
  for (let t = 16; t < 64; t++) {
    const w15 = load<u32>(W + <usize>((t - 15) << 2));
    const w2 = load<u32>(W + <usize>((t - 2) << 2));
    const s0 = ror(w15, 7) ^ ror(w15, 18) ^ (w15 >>> 3);
    const s1 = ror(w2, 17) ^ ror(w2, 19) ^ (w2 >>> 10);
    store<u32>(
      W + <usize>(t << 2),
      load<u32>(W + <usize>((t - 16) << 2)) + s0 + load<u32>(W + <usize>((t - 7) << 2)) + s1,
    );
  }
  let a = load<u32>(H, 0), b = load<u32>(H, 4), c = load<u32>(H, 8), d = load<u32>(H, 12);
  let e = load<u32>(H, 16), f = load<u32>(H, 20), g = load<u32>(H, 24), h = load<u32>(H, 28);
  for (let t = 0; t < 64; t++) {
    const S1 = ror(e, 6) ^ ror(e, 11) ^ ror(e, 25);
    const ch = (e & f) ^ (~e & g);
    const t1 = h + S1 + ch + load<u32>(K + <usize>(t << 2)) + load<u32>(W + <usize>(t << 2));
    const S0 = ror(a, 2) ^ ror(a, 13) ^ ror(a, 22);
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = S0 + maj;
    h = g; g = f; f = e; e = d + t1;
    d = c; c = b; b = a; a = t1 + t2;
  }
  store<u32>(H, load<u32>(H, 0) + a, 0);
  store<u32>(H, load<u32>(H, 4) + b, 4);
  store<u32>(H, load<u32>(H, 8) + c, 8);
  store<u32>(H, load<u32>(H, 12) + d, 12);
  store<u32>(H, load<u32>(H, 16) + e, 16);
  store<u32>(H, load<u32>(H, 20) + f, 20);
  store<u32>(H, load<u32>(H, 24) + g, 24);
  store<u32>(H, load<u32>(H, 28) + h, 28);
}

export function sha256Init(): void {
  store<u32>(H, 0x6a09e667, 0);
  store<u32>(H, 0xbb67ae85, 4);
  store<u32>(H, 0x3c6ef372, 8);
  store<u32>(H, 0xa54ff53a, 12);
  store<u32>(H, 0x510e527f, 16);
  store<u32>(H, 0x9b05688c, 20);
  store<u32>(H, 0x1f83d9ab, 24);
  store<u32>(H, 0x5be0cd19, 28);
  bufLen = 0;
  totalLen = 0;
}

export function sha256Update(ptr: usize, len: i32): void {
  if (len <= 0) return;
  totalLen += <u64>len;
  let i = 0;
  if (bufLen > 0) {
    const take = min(64 - bufLen, len);
    memory.copy(BUF + <usize>bufLen, ptr, <usize>take);
    bufLen += take;
    i = take;
    if (bufLen < 64) return;
    compress(BUF);
    bufLen = 0;
  }
  // whole blocks straight from the caller's memory
  while (len - i >= 64) {
    compress(ptr + <usize>i);
    i += 64;
  }
  if (i < len) {
    memory.copy(BUF, ptr + <usize>i, <usize>(len - i));
    bufLen = len - i;
  }
}

/** Pads, finishes and writes the 32-byte digest to out. */
export function sha256Final(out: usize): void {
  const bits = totalLen << 3;
  store<u8>(BUF + <usize>bufLen, 0x80);
  bufLen++;
  if (bufLen > 56) {
    memory.fill(BUF + <usize>bufLen, 0, <usize>(64 - bufLen));
    compress(BUF);
    bufLen = 0;
  }
  memory.fill(BUF + <usize>bufLen, 0, <usize>(56 - bufLen));
  store<u64>(BUF, bswap<u64>(bits), 56);
  compress(BUF);
  for (let i = 0; i < 8; i++) {
    store<u32>(out + <usize>(i << 2), bswap<u32>(load<u32>(H + <usize>(i << 2))));
  }
}

export function sha256(ptr: usize, len: i32, out: usize): void {
  sha256Init();
  sha256Update(ptr, len);
  sha256Final(out);
}

/** HMAC-SHA-256(key, msg) written as 32 bytes to outPtr. */
export function hmacSha256(keyPtr: usize, keyLen: i32, msgPtr: usize, msgLen: i32, outPtr: usize): void {
  // Keys longer than the block are replaced by their digest; shorter ones are zero-padded.
  memory.fill(HMAC_KEY, 0, 64);
  if (keyLen > 64) sha256(keyPtr, keyLen, HMAC_KEY);
  else if (keyLen > 0) memory.copy(HMAC_KEY, keyPtr, <usize>keyLen);

  for (let i = 0; i < 64; i++) store<u8>(HMAC_PAD + <usize>i, load<u8>(HMAC_KEY + <usize>i) ^ 0x36);
  sha256Init();
  sha256Update(HMAC_PAD, 64);
  sha256Update(msgPtr, msgLen);
  sha256Final(HMAC_INNER);

  for (let i = 0; i < 64; i++) store<u8>(HMAC_PAD + <usize>i, load<u8>(HMAC_KEY + <usize>i) ^ 0x5c);
  sha256Init();
  sha256Update(HMAC_PAD, 64);
  sha256Update(HMAC_INNER, 32);
  sha256Final(outPtr);
}
