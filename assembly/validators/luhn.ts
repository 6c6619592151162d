// Luhn (mod 10) family: generic Luhn, payment cards and the Canadian SIN.
import { DIGITS, SEP_DASH, SEP_SPACE, digitAt, digitsValue, gatherDigits, sameDigits } from './util';

/** Luhn sum of DIGITS[0..n) with `seed` added; the rightmost digit is the check digit (not doubled). */
export function luhnSum(n: i32, seed: i32): i32 {
  let sum = seed;
  let dbl = false;
  for (let i = n - 1; i >= 0; i--) {
    let d = digitAt(i);
    if (dbl) {
      d <<= 1;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum;
}

export function validateLuhn(ptr: usize, len: i32): i32 {
  const n = gatherDigits(ptr, len, SEP_SPACE | SEP_DASH, false, 19);
  if (n < 2) return 0;
  return luhnSum(n, 0) % 10 == 0 ? 1 : 0;
}

/**
 * Issuer prefix and length per network. Luhn alone passes 10% of random digit strings, so the IIN
 * table is what keeps order numbers and timestamps out. Ranges overlap (6011 is Discover and also
 * Maestro 56-69); any matching network is enough.
 */
function issuerOk(n: i32): bool {
  const p1 = digitAt(0);
  const p2 = digitsValue(0, 2);
  const p3 = digitsValue(0, 3);
  const p4 = digitsValue(0, 4);
  // Visa
  if (p1 == 4 && (n == 13 || n == 16 || n == 19)) return true;
  // Mastercard, including the 2-series
  if (n == 16 && ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720))) return true;
  // American Express
  if (n == 15 && (p2 == 34 || p2 == 37)) return true;
  // Discover
  if (n >= 16 && (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65)) return true;
  // Diners Club
  if (n >= 14 && ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39)) return true;
  // JCB
  if (n >= 16 && p4 >= 3528 && p4 <= 3589) return true;
  // UnionPay
  if (n >= 16 && p2 == 62) return true;
  // Maestro
  if (p2 == 50 || (p2 >= 56 && p2 <= 69)) return true;
  return false;
}

export function validateCreditCard(ptr: usize, len: i32): i32 {
  const n = gatherDigits(ptr, len, SEP_SPACE | SEP_DASH, true, 19);
  if (n < 12) return 0;
  if (sameDigits(0, n)) return 0;
  if (!issuerOk(n)) return 0;
  return luhnSum(n, 0) % 10 == 0 ? 1 : 0;
}

/** Canadian SIN: Luhn over 9 digits. 0 is unassigned and 8 is reserved for business numbers. */
export function validateCaSin(ptr: usize, len: i32): i32 {
  const n = gatherDigits(ptr, len, SEP_SPACE | SEP_DASH, true, 9);
  if (n != 9) return 0;
  const first = <i32>load<u8>(DIGITS);
  if (first == 0 || first == 8) return 0;
  return luhnSum(9, 0) % 10 == 0 ? 1 : 0;
}
