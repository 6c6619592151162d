// United States identifiers: SSN, ITIN, ABA routing, NPI, DEA, MBI and passport numbers.
import {
  DIGITS, SEP_DASH, SEP_SPACE, byteAt, digitAt, digitsValue, gatherDigits, isAlpha, isDigit,
  sameDigits, toUpper,
} from './util';
import { luhnSum } from './luhn';

/**
 * ddd-dd-dddd with one separator kind ('-', ' ' or '.'; the dot form is common in forms and is
 * what Presidio's tests accept), or 9 bare digits. Digits land in DIGITS[0..9).
 */
function parse324(ptr: usize, len: i32): bool {
  if (len == 9) {
    for (let i = 0; i < 9; i++) {
      const c = byteAt(ptr, i);
      if (!isDigit(c)) return false;
      store<u8>(DIGITS + <usize>i, <u8>(c - 48));
    }
    return true;
  }
  if (len != 11) return false;
  const s = byteAt(ptr, 3);
  if ((s != 45 && s != 32 && s != 46) || byteAt(ptr, 6) != s) return false;
  let n = 0;
  for (let i = 0; i < 11; i++) {
    if (i == 3 || i == 6) continue;
    const c = byteAt(ptr, i);
    if (!isDigit(c)) return false;
    store<u8>(DIGITS + <usize>n, <u8>(c - 48));
    n++;
  }
  return true;
}

export function validateUsSsn(ptr: usize, len: i32): i32 {
  if (!parse324(ptr, len)) return 0;
  const area = digitsValue(0, 3);
  const group = digitsValue(3, 2);
  const serial = digitsValue(5, 4);
  // 9xx areas are ITINs and other non-SSN numbers; 000 and 666 were never issued.
  if (area == 0 || area == 666 || area >= 900) return 0;
  if (group == 0 || serial == 0) return 0;
  if (sameDigits(0, 9)) return 0;
  // Published sample numbers (the Woolworth wallet card, an SSA advert, the textbook example).
  if (area == 78 && group == 5 && serial == 1120) return 0;
  if (area == 219 && group == 9 && serial == 9999) return 0;
  if (area == 123 && group == 45 && serial == 6789) return 0;
  return 1;
}

/** ITINs start with 9 and carry their type in the group (IRS ranges 50-65, 70-88, 90-92, 94-99). */
export function validateUsItin(ptr: usize, len: i32): i32 {
  if (!parse324(ptr, len)) return 0;
  if (digitAt(0) != 9) return 0;
  const g = digitsValue(3, 2);
  if ((g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || g >= 94) return 1;
  return 0;
}

/**
 * ABA routing number. The first two digits are the Federal Reserve routing symbol: 00-12 banks,
 * 21-32 thrifts, 61-72 electronic, 80 traveller's cheques; anything else is not a routing number.
 */
export function validateAbaRouting(ptr: usize, len: i32): i32 {
  if (gatherDigits(ptr, len, SEP_DASH, true, 9) != 9) return 0;
  const p = digitsValue(0, 2);
  if (!(p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p == 80)) return 0;
  let sum = 0;
  for (let i = 0; i < 9; i += 3) sum += 3 * digitAt(i) + 7 * digitAt(i + 1) + digitAt(i + 2);
  return sum % 10 == 0 ? 1 : 0;
}

/**
 * NPI: Luhn over "80840" + the 10 digits (ISO 7812 health-industry prefix). The prefix contributes a
 * constant 24 to the Luhn sum. NPIs are issued starting with 1 or 2, and a body of nine equal digits
 * is a placeholder that happens to pass (1111111112).
 */
export function validateUsNpi(ptr: usize, len: i32): i32 {
  if (gatherDigits(ptr, len, SEP_SPACE | SEP_DASH, true, 10) != 10) return 0;
  const first = digitAt(0);
  if (first != 1 && first != 2) return 0;
  if (sameDigits(0, 9)) return 0;
  return luhnSum(10, 24) % 10 == 0 ? 1 : 0;
}

// First letter of a DEA number is the registrant type; these are the ones DEA issues.
function deaTypeOk(c: u32): bool {
  switch (c) {
    case 65: case 66: case 67: case 68: case 69: case 70: case 71: case 72: // A-H
    case 74: case 75: case 76: case 77: case 80: case 82: case 83: case 84: // J K L M P R S T
    case 85: case 88: // U X
      return true;
  }
  return false;
}

export function validateUsDea(ptr: usize, len: i32): i32 {
  if (len != 9) return 0;
  // The second character is the registrant's initial, or 9 for registrants without one.
  const second = byteAt(ptr, 1);
  if (!deaTypeOk(toUpper(byteAt(ptr, 0))) || !(isAlpha(second) || second == 57)) return 0;
  for (let i = 2; i < 9; i++) {
    const c = byteAt(ptr, i);
    if (!isDigit(c)) return 0;
    store<u8>(DIGITS + <usize>(i - 2), <u8>(c - 48));
  }
  const sum = digitAt(0) + digitAt(2) + digitAt(4) + 2 * (digitAt(1) + digitAt(3) + digitAt(5));
  return sum % 10 == digitAt(6) ? 1 : 0;
}

// MBI letters exclude S, L, O, I, B and Z, which are easily confused with digits.
function mbiLetter(c: u32): bool {
  const u = toUpper(c);
  if (!isAlpha(u)) return false;
  return u != 83 && u != 76 && u != 79 && u != 73 && u != 66 && u != 90;
}

/**
 * Medicare Beneficiary Identifier: C A AN N A AN N A A N N (C = 1-9). Dashes after the 4th and 7th
 * characters come together or not at all. Lowercase is accepted: people type it that way.
 */
export function validateUsMbi(ptr: usize, len: i32): i32 {
  const dashed = len == 13;
  if (len != 11 && !dashed) return 0;
  if (dashed && (byteAt(ptr, 4) != 45 || byteAt(ptr, 8) != 45)) return 0;
  let k = 0; // position in the 11-character form
  for (let i = 0; i < len; i++) {
    if (dashed && (i == 4 || i == 8)) continue;
    const c = byteAt(ptr, i);
    let ok = false;
    switch (k) {
      case 0: ok = c - 49 < 9; break; // 1-9
      case 1: case 4: case 7: case 8: ok = mbiLetter(c); break;
      case 2: case 5: ok = mbiLetter(c) || isDigit(c); break;
      default: ok = isDigit(c); // 3, 6, 9, 10
    }
    if (!ok) return 0;
    k++;
  }
  return 1;
}

/** US passport book (9 digits) or next-generation card/book (letter + 8 digits). */
export function validateUsPassport(ptr: usize, len: i32): i32 {
  if (len != 9) return 0;
  const start = isAlpha(byteAt(ptr, 0)) ? 1 : 0;
  for (let i = start; i < 9; i++) {
    const c = byteAt(ptr, i);
    if (!isDigit(c)) return 0;
    store<u8>(DIGITS + <usize>i, <u8>(c - 48));
  }
  return sameDigits(start, 9) ? 0 : 1;
}
