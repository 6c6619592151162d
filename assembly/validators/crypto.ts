// Cryptocurrency addresses: Bitcoin base58check (P2PKH/P2SH), Bitcoin segwit bech32/bech32m, and
// Ethereum with the EIP-55 mixed-case checksum. All three carry checksums, so a random string that
// merely looks like an address (a hash, a UUID without dashes) is rejected.
import { byteAt, hexVal, isDigit, isLower, isUpper } from './util';
import { sha256 } from './sha256';
import { keccak256 } from './keccak';

const B58: usize = memory.data(25); // decoded payload: version, 20-byte hash, 4-byte checksum
const DIGEST: usize = memory.data(32);
const ETH_LOWER: usize = memory.data(40); // lowercase hex, the EIP-55 hash input
const ETH_HASH: usize = memory.data(32);

/** Base58 digit value (Bitcoin alphabet: no 0, O, I, l), or -1. */
function b58Val(c: u32): i32 {
  if (c >= 49 && c <= 57) return <i32>c - 49; // 1-9
  if (c >= 65 && c <= 72) return <i32>c - 56; // A-H
  if (c >= 74 && c <= 78) return <i32>c - 57; // J-N
  if (c >= 80 && c <= 90) return <i32>c - 58; // P-Z
  if (c >= 97 && c <= 107) return <i32>c - 64; // a-k
  if (c >= 109 && c <= 122) return <i32>c - 65; // m-z
  return -1;
}

/**
 * Decodes into exactly 25 bytes; leading '1's must account for exactly the leading zero bytes, as
 * in the canonical encoding. Then version byte and double-SHA-256 checksum.
 */
function base58check(ptr: usize, len: i32, version: u8): i32 {
  if (len < 26 || len > 35) return 0;
  memory.fill(B58, 0, 25);
  let ones = 0;
  while (ones < len && byteAt(ptr, ones) == 49) ones++;
  for (let i = 0; i < len; i++) {
    const v = b58Val(byteAt(ptr, i));
    if (v < 0) return 0;
    let carry = v;
    for (let k = 24; k >= 0; k--) {
      carry += <i32>load<u8>(B58 + <usize>k) * 58;
      store<u8>(B58 + <usize>k, <u8>carry);
      carry >>= 8;
    }
    if (carry != 0) return 0; // more than 25 bytes
  }
  let zeros = 0;
  while (zeros < 25 && load<u8>(B58 + <usize>zeros) == 0) zeros++;
  if (zeros != ones) return 0;
  if (load<u8>(B58) != version) return 0;
  sha256(B58, 21, DIGEST);
  sha256(DIGEST, 32, DIGEST);
  return load<u32>(DIGEST) == load<u32>(B58 + 21) ? 1 : 0;
}

// "qpzry9x8gf2tvdw0s3jn54khce6mua7l": bech32 data characters by 5-bit value.
const BECH32_CHARSET: usize = memory.data<u8>([
  113, 112, 122, 114, 121, 57, 120, 56, 103, 102, 50, 116, 118, 100, 119, 48,
  115, 51, 106, 110, 53, 52, 107, 104, 99, 101, 54, 109, 117, 97, 55, 108,
]);
const BECH32_GEN: usize = memory.data<u32>([0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]);
const BECH32_CONST: u32 = 1;
const BECH32M_CONST: u32 = 0x2bc830a3;

function bech32Val(c: u32): i32 {
  const l = c | 32; // callers have already rejected mixed case
  for (let i = 0; i < 32; i++) if (<u32>load<u8>(BECH32_CHARSET + <usize>i) == l) return i;
  return -1;
}

function polymodStep(chk: u32, v: u32): u32 {
  const b = chk >> 25;
  chk = ((chk & 0x1ffffff) << 5) ^ v;
  for (let i = 0; i < 5; i++) {
    if (((b >> i) & 1) != 0) chk ^= load<u32>(BECH32_GEN + <usize>(i << 2));
  }
  return chk;
}

/**
 * Segwit address (BIP-173, BIP-350): hrp "bc"/"tb", '1', witness version, program, 6-char checksum.
 * Version 0 must use the bech32 constant and versions 1-16 bech32m, which is what stops a v0
 * address with a bech32m checksum (and vice versa) from passing; the program must regroup into
 * 2-40 bytes with zero padding, and v0 programs are 20 or 32 bytes.
 */
function segwit(ptr: usize, len: i32): i32 {
  if (len < 14 || len > 90) return 0;
  let lower = false;
  let upper = false;
  for (let i = 0; i < len; i++) {
    const c = byteAt(ptr, i);
    if (c < 33 || c > 126) return 0;
    if (isLower(c)) lower = true;
    if (isUpper(c)) upper = true;
  }
  if (lower && upper) return 0;
  // hrp is the two letters before the '1' separator at index 2
  let chk: u32 = 1;
  const h0 = byteAt(ptr, 0) | 32;
  const h1 = byteAt(ptr, 1) | 32;
  chk = polymodStep(chk, h0 >> 5);
  chk = polymodStep(chk, h1 >> 5);
  chk = polymodStep(chk, 0);
  chk = polymodStep(chk, h0 & 31);
  chk = polymodStep(chk, h1 & 31);
  const dataLen = len - 3;
  if (dataLen < 7) return 0; // version + checksum at least
  let version = -1;
  let acc: u32 = 0;
  let bits = 0;
  let bytes = 0;
  for (let i = 3; i < len; i++) {
    const v = bech32Val(byteAt(ptr, i));
    if (v < 0) return 0;
    chk = polymodStep(chk, <u32>v);
    if (i == 3) {
      version = v;
    } else if (i < len - 6) {
      // regroup the program from 5-bit to 8-bit units
      acc = ((acc << 5) | <u32>v) & 0xfff;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        bytes++;
      }
    }
  }
  if (bits >= 5 || ((acc << <u32>(8 - bits)) & 0xff) != 0) return 0; // non-zero padding
  if (version > 16 || bytes < 2 || bytes > 40) return 0;
  if (version == 0 && bytes != 20 && bytes != 32) return 0;
  return chk == (version == 0 ? BECH32_CONST : BECH32M_CONST) ? 1 : 0;
}

/**
 * 0x + 40 hex. Single-case addresses carry no checksum and are accepted as they are; a mixed-case
 * one must match EIP-55 exactly: letter i is uppercase iff nibble i of keccak256(lowercase hex) >= 8.
 */
function ethereum(ptr: usize, len: i32): i32 {
  if (len != 42) return 0;
  let lower = false;
  let upper = false;
  for (let i = 0; i < 40; i++) {
    const c = byteAt(ptr, i + 2);
    if (hexVal(c) < 0) return 0;
    if (isLower(c)) lower = true;
    if (isUpper(c)) upper = true;
    store<u8>(ETH_LOWER + <usize>i, <u8>(isDigit(c) ? c : c | 32));
  }
  if (!(lower && upper)) return 1;
  keccak256(ETH_LOWER, 40, ETH_HASH);
  for (let i = 0; i < 40; i++) {
    const c = byteAt(ptr, i + 2);
    if (isDigit(c)) continue;
    const h = <i32>load<u8>(ETH_HASH + <usize>(i >> 1));
    const nibble = (i & 1) == 0 ? h >> 4 : h & 15;
    if ((nibble >= 8) != isUpper(c)) return 0;
  }
  return 1;
}

export function validateCryptoWallet(ptr: usize, len: i32): i32 {
  if (len < 3) return 0;
  const c0 = byteAt(ptr, 0);
  const c1 = byteAt(ptr, 1);
  const c2 = byteAt(ptr, 2);
  if (c0 == 48 && c1 == 120) return ethereum(ptr, len); // "0x"
  const b = c0 | 32;
  if (((b == 98 && (c1 | 32) == 99) || (b == 116 && (c1 | 32) == 98)) && c2 == 49) {
    return segwit(ptr, len); // "bc1" / "tb1"
  }
  if (c0 == 49) return base58check(ptr, len, 0x00); // P2PKH
  if (c0 == 51) return base58check(ptr, len, 0x05); // P2SH
  return 0;
}
