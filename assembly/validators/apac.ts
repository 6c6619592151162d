// Asia-Pacific identifiers: Aadhaar, Indian PAN, Singapore NRIC/FIN, Australian TFN and Medicare.
import {
  DIGITS, SEP_DASH, SEP_SPACE, byteAt, digitAt, gatherDigits, isDigit, isUpper, sameDigits, toUpper,
} from './util';

// Verhoeff tables: D is the dihedral group D5 multiplication, P the position permutation.
// Verhoeff catches every single-digit error and every adjacent transposition, which Luhn does not.
const VERHOEFF_D: usize = memory.data<u8>([
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
  1, 2, 3, 4, 0, 6, 7, 8, 9, 5,
  2, 3, 4, 0, 1, 7, 8, 9, 5, 6,
  3, 4, 0, 1, 2, 8, 9, 5, 6, 7,
  4, 0, 1, 2, 3, 9, 5, 6, 7, 8,
  5, 9, 8, 7, 6, 0, 4, 3, 2, 1,
  6, 5, 9, 8, 7, 1, 0, 4, 3, 2,
  7, 6, 5, 9, 8, 2, 1, 0, 4, 3,
  8, 7, 6, 5, 9, 3, 2, 1, 0, 4,
  9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
]);
const VERHOEFF_P: usize = memory.data<u8>([
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
  1, 5, 7, 6, 2, 8, 3, 0, 9, 4,
  5, 8, 0, 3, 7, 9, 6, 1, 4, 2,
  8, 9, 1, 6, 0, 4, 3, 5, 2, 7,
  9, 4, 5, 3, 1, 2, 6, 8, 7, 0,
  4, 2, 8, 6, 5, 7, 3, 9, 0, 1,
  2, 7, 9, 3, 8, 0, 6, 4, 1, 5,
  7, 0, 4, 6, 9, 1, 3, 2, 5, 8,
]);

/** Verhoeff over DIGITS[0..n) including the trailing check digit. */
function verhoeffOk(n: i32): bool {
  let c = 0;
  for (let i = 0; i < n; i++) {
    const d = digitAt(n - 1 - i);
    const p = <i32>load<u8>(VERHOEFF_P + <usize>((i & 7) * 10 + d));
    c = <i32>load<u8>(VERHOEFF_D + <usize>(c * 10 + p));
  }
  return c == 0;
}

/**
 * Aadhaar: 12 digits, never starting with 0 or 1, Verhoeff check. Palindromes (which include
 * all-equal numbers) are rejected like UIDAI's own sample checks do: they are filler, not IDs.
 */
export function validateAadhaar(ptr: usize, len: i32): i32 {
  if (gatherDigits(ptr, len, SEP_SPACE | SEP_DASH, true, 12) != 12) return 0;
  if (digitAt(0) < 2) return 0;
  let palindrome = true;
  for (let i = 0; i < 6; i++) {
    if (digitAt(i) != digitAt(11 - i)) { palindrome = false; break; }
  }
  if (palindrome) return 0;
  return verhoeffOk(12) ? 1 : 0;
}

// "ABCFGHLJPT": PAN holder types (company, person, HUF, firm, AOP, trust, ...), 4th character.
function panTypeOk(c: u32): bool {
  switch (c) {
    case 65: case 66: case 67: case 70: case 71: case 72: case 76: case 74: case 80: case 84:
      return true;
  }
  return false;
}

/** PAN: AAAAA9999A in capitals (the card prints it that way; lowercase is usually something else). */
export function validateInPan(ptr: usize, len: i32): i32 {
  if (len != 10) return 0;
  for (let i = 0; i < 10; i++) {
    const c = byteAt(ptr, i);
    const ok = i >= 5 && i <= 8 ? isDigit(c) : isUpper(c);
    if (!ok) return 0;
  }
  return panTypeOk(byteAt(ptr, 3)) ? 1 : 0;
}

// Check letters indexed by (weighted sum + series offset) mod 11, per series.
const NRIC_ST: usize = memory.data<u8>([74, 90, 73, 72, 71, 70, 69, 68, 67, 66, 65]); // JZIHGFEDCBA
const NRIC_FG: usize = memory.data<u8>([88, 87, 85, 84, 82, 81, 80, 78, 77, 76, 75]); // XWUTRQPNMLK
const NRIC_M: usize = memory.data<u8>([88, 87, 85, 84, 82, 81, 80, 78, 74, 76, 75]); // XWUTRQPNJLK
const NRIC_W: usize = memory.data<u8>([2, 7, 6, 5, 4, 3, 2]);

/**
 * NRIC (S, T: citizens and PRs born before/after 2000) and FIN (F, G, and M from 2022). T and G add
 * 4 to the sum, M adds 3 and has its own letter table (checked against M4332674T).
 */
export function validateSgNric(ptr: usize, len: i32): i32 {
  if (len != 9) return 0;
  const series = toUpper(byteAt(ptr, 0));
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const c = byteAt(ptr, i + 1);
    if (!isDigit(c)) return 0;
    sum += <i32>(c - 48) * <i32>load<u8>(NRIC_W + <usize>i);
  }
  let table: usize = 0;
  switch (series) {
    case 83: table = NRIC_ST; break; // S
    case 84: table = NRIC_ST; sum += 4; break; // T
    case 70: table = NRIC_FG; break; // F
    case 71: table = NRIC_FG; sum += 4; break; // G
    case 77: table = NRIC_M; sum += 3; break; // M
    default: return 0;
  }
  return <u32>load<u8>(table + <usize>(sum % 11)) == toUpper(byteAt(ptr, 8)) ? 1 : 0;
}

const TFN_W9: usize = memory.data<u8>([1, 4, 3, 7, 5, 8, 6, 9, 10]);
const TFN_W8: usize = memory.data<u8>([10, 7, 8, 4, 6, 3, 5, 1]);

/** Tax File Number: weighted sum mod 11 (8-digit TFNs are older and use their own weights). */
export function validateAuTfn(ptr: usize, len: i32): i32 {
  const n = gatherDigits(ptr, len, SEP_SPACE, false, 9);
  if (n != 8 && n != 9) return 0;
  if (sameDigits(0, n)) return 0;
  const w = n == 9 ? TFN_W9 : TFN_W8;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += digitAt(i) * <i32>load<u8>(w + <usize>i);
  return sum % 11 == 0 ? 1 : 0;
}

const MEDICARE_W: usize = memory.data<u8>([1, 3, 7, 9, 1, 3, 7, 9]);

/**
 * Medicare card: 8 identifier digits (first 2-6), check digit, issue number, and optionally the
 * individual reference number (11 digits).
 */
export function validateAuMedicare(ptr: usize, len: i32): i32 {
  const n = gatherDigits(ptr, len, SEP_SPACE, false, 11);
  if (n != 10 && n != 11) return 0;
  const first = <i32>load<u8>(DIGITS);
  if (first < 2 || first > 6) return 0;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += digitAt(i) * <i32>load<u8>(MEDICARE_W + <usize>i);
  return sum % 10 == digitAt(8) ? 1 : 0;
}
