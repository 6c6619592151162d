// JSON Web Token (JWS compact form): header.payload.signature, each base64url.
//
// The regex only sees "eyJ...": three dot-separated runs. Decoding the header and finding "alg" is
// what separates a token from any other dotted base64 (build hashes, filenames, minified code).
import { byteAt } from './util';

const HEADER_MAX: i32 = 4096;
const HEADER: usize = memory.data(4096); // decoded header; real headers are well under 1 KiB

/** base64url digit value, or -1 ('=' padding is handled by the caller). */
function b64Val(c: u32): i32 {
  if (c - 65 < 26) return <i32>c - 65; // A-Z
  if (c - 97 < 26) return <i32>c - 71; // a-z
  if (c - 48 < 10) return <i32>c + 4; // 0-9
  if (c == 45) return 62; // -
  if (c == 95) return 63; // _
  return -1;
}

/**
 * Checks that [from, to) is base64url, optionally '='-padded to a multiple of 4, and returns the
 * number of data characters, or -1. One leftover character would encode less than a byte.
 */
function segment(ptr: usize, from: i32, to: i32): i32 {
  let end = to;
  let pad = 0;
  while (end > from && byteAt(ptr, end - 1) == 61 && pad < 2) {
    end--;
    pad++;
  }
  if (pad > 0 && ((to - from) & 3) != 0) return -1;
  for (let i = from; i < end; i++) if (b64Val(byteAt(ptr, i)) < 0) return -1;
  const n = end - from;
  if ((n & 3) == 1) return -1;
  return n;
}

/** Decodes n base64url characters at ptr+from into HEADER; returns the byte count. */
function decodeHeader(ptr: usize, from: i32, n: i32): i32 {
  let out = 0;
  let acc: u32 = 0;
  let bits = 0;
  for (let i = 0; i < n; i++) {
    acc = (acc << 6) | <u32>b64Val(byteAt(ptr, from + i));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      store<u8>(HEADER + <usize>out, <u8>(acc >> <u32>bits));
      out++;
    }
  }
  return out;
}

/** True when the 5 bytes `"alg"` occur in HEADER[0..n). */
function hasAlg(n: i32): bool {
  for (let i = 0; i + 5 <= n; i++) {
    const p = HEADER + <usize>i;
    if (load<u8>(p) == 34 && load<u8>(p, 1) == 97 && load<u8>(p, 2) == 108 &&
        load<u8>(p, 3) == 103 && load<u8>(p, 4) == 34) return true;
  }
  return false;
}

export function validateJwt(ptr: usize, len: i32): i32 {
  // locate exactly two dots
  let d1 = -1;
  let d2 = -1;
  for (let i = 0; i < len; i++) {
    if (byteAt(ptr, i) != 46) continue;
    if (d1 < 0) d1 = i;
    else if (d2 < 0) d2 = i;
    else return 0;
  }
  if (d2 < 0) return 0;
  const h = segment(ptr, 0, d1);
  const p = segment(ptr, d1 + 1, d2);
  const s = segment(ptr, d2 + 1, len); // may be empty for alg "none"
  if (h < 2 || p < 2 || s < 0) return 0;
  if ((h * 3) >> 2 > HEADER_MAX) return 0;
  const hn = decodeHeader(ptr, 0, h);
  if (hn == 0 || load<u8>(HEADER) != 123 || !hasAlg(hn)) return 0; // '{'
  // the payload's first byte is in its first two characters
  const first = (b64Val(byteAt(ptr, d1 + 1)) << 2) | (b64Val(byteAt(ptr, d1 + 2)) >> 4);
  return first == 123 ? 1 : 0;
}
