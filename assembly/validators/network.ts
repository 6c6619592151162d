// Network addresses: IPv4, IPv6 (RFC 4291 text forms) and MAC addresses.
import { byteAt, hexVal, isDigit } from './util';

/**
 * Dotted-quad IPv4 in [from, to). Leading zeros are rejected ("010.1.1.1"): many parsers read them
 * as octal, so such a string is either a version number or an ambiguity, not an address to redact.
 */
function ipv4At(ptr: usize, from: i32, to: i32): bool {
  let octets = 0;
  let i = from;
  while (true) {
    const start = i;
    let v = 0;
    while (i < to && i - start < 4 && isDigit(byteAt(ptr, i))) {
      v = v * 10 + <i32>(byteAt(ptr, i) - 48);
      i++;
    }
    const digits = i - start;
    if (digits == 0 || digits > 3 || v > 255) return false;
    if (digits > 1 && byteAt(ptr, start) == 48) return false;
    octets++;
    if (i == to) return octets == 4;
    if (byteAt(ptr, i) != 46 || octets == 4) return false;
    i++;
  }
  return false; // unreachable; keeps the compiler's flow analysis happy
}

export function validateIpv4(ptr: usize, len: i32): i32 {
  if (len < 7 || len > 15) return 0;
  return ipv4At(ptr, 0, len) ? 1 : 0;
}

/**
 * IPv6: up to 8 groups of 1-4 hex digits, at most one "::", optionally ending in an embedded IPv4
 * address that stands for the last two groups. Zone ids ("%eth0") and prefixes ("/64") are not
 * part of the address and are left to the detector. A bare "::" is rejected: it is the unspecified
 * address, identifies nothing, and the same two characters are everywhere in C++ and Rust code.
 */
export function validateIpv6(ptr: usize, len: i32): i32 {
  if (len < 3 || len > 45) return 0;
  let groups = 0;
  let compressed = false;
  let i = 0;
  if (byteAt(ptr, 0) == 58) {
    // a leading colon is only legal as the first half of "::"
    if (byteAt(ptr, 1) != 58) return 0;
    compressed = true;
    i = 2;
    if (i == len) return 0;
  }
  while (true) {
    const start = i;
    while (i < len && i - start < 5 && hexVal(byteAt(ptr, i)) >= 0) i++;
    if (i < len && byteAt(ptr, i) == 46) {
      // the last piece is an IPv4 address worth two groups
      if (!ipv4At(ptr, start, len)) return 0;
      groups += 2;
      break;
    }
    const digits = i - start;
    if (digits == 0 || digits > 4) return 0;
    groups++;
    if (groups > 8) return 0;
    if (i == len) break;
    if (byteAt(ptr, i) != 58) return 0;
    i++;
    if (i < len && byteAt(ptr, i) == 58) {
      if (compressed) return 0;
      compressed = true;
      i++;
      if (i == len) break; // trailing "::"
    } else if (i == len) {
      return 0; // trailing single colon
    }
  }
  if (compressed) return groups <= 7 ? 1 : 0;
  return groups == 8 ? 1 : 0;
}

/** Two hex digits at i. */
@inline function hexPair(ptr: usize, i: i32): bool {
  return hexVal(byteAt(ptr, i)) >= 0 && hexVal(byteAt(ptr, i + 1)) >= 0;
}

/**
 * aa:bb:cc:dd:ee:ff or aa-bb-cc-dd-ee-ff (one separator kind), or Cisco's aabb.ccdd.eeff.
 * All-zero and broadcast addresses are placeholders, not device identifiers.
 */
export function validateMac(ptr: usize, len: i32): i32 {
  if (len == 17) {
    const sep = byteAt(ptr, 2);
    if (sep != 58 && sep != 45) return 0;
    for (let g = 0; g < 6; g++) {
      const at = g * 3;
      if (!hexPair(ptr, at)) return 0;
      if (g < 5 && byteAt(ptr, at + 2) != sep) return 0;
    }
  } else if (len == 14) {
    for (let g = 0; g < 3; g++) {
      const at = g * 5;
      if (!hexPair(ptr, at) || !hexPair(ptr, at + 2)) return 0;
      if (g < 2 && byteAt(ptr, at + 4) != 46) return 0;
    }
  } else {
    return 0;
  }
  let zero = true;
  let ones = true;
  for (let i = 0; i < len; i++) {
    const v = hexVal(byteAt(ptr, i));
    if (v < 0) continue; // separator
    if (v != 0) zero = false;
    if (v != 15) ones = false;
  }
  return zero || ones ? 0 : 1;
}
