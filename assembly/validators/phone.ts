// Telephone numbers: North American Numbering Plan and E.164 international format.
import { DIGITS, bitSet, byteAt, digitAt, isDigit } from './util';

// ITU-T E.164 country calling codes in use, as a bitmap over 0..999 (bit n = code n). Codes are
// prefix-free, so reading 1, then 2, then 3 digits finds the only possible code. The set is the
// one libphonenumber has metadata for (test/fixtures/libphonenumber_examples.jsonl):
//   1 7 20 27 30-34 36 39 40 41 43-49 51-58 60-66 81 82 84 86 90-95 98
//   211-213 216 218 220-258 260-269 290 291 297-299 350-359 370-378 380-383 385-387 389
//   420 421 423 500-509 590-599 670 672-683 685-692 800 808 850 852 853 855 856 870 878
//   880-883 886 888 960-968 970-977 979 992-996 998
const CALLING_CODES: usize = memory.data<u8>([
  0x82, 0x00, 0x10, 0xc8, 0x97, 0xfb, 0xfb, 0xf7, 0x07, 0x00, 0x56, 0xfc,
  0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x38, 0xf5, 0xff, 0xff, 0xff, 0xff, 0xf7, 0x3f, 0x00, 0x00,
  0x0c, 0x0e, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0xff, 0x00, 0xfc, 0xf7,
  0x2e, 0x00, 0x00, 0x00, 0xb0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0xf0, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0xc0, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40,
  0xff, 0xef, 0x1f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0xb4, 0x01,
  0x40, 0x40, 0x4f, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0xff, 0xfd, 0x0b, 0x00, 0x5f,
]);

@inline function isPhoneSep(c: u32): bool {
  return c == 32 || c == 45 || c == 46 || c == 40 || c == 41; // space - . ( )
}

/**
 * Collects the digits after an optional leading '+' into DIGITS, allowing the usual punctuation.
 * Parentheses may not nest and must close; the span must end on a digit. Returns the digit count,
 * or -1.
 */
function phoneDigits(ptr: usize, len: i32, from: i32, max: i32): i32 {
  let n = 0;
  let open = false;
  let pairs = 0;
  for (let i = from; i < len; i++) {
    const c = byteAt(ptr, i);
    if (isDigit(c)) {
      if (n >= max) return -1;
      store<u8>(DIGITS + <usize>n, <u8>(c - 48));
      n++;
    } else if (c == 40) {
      if (open || pairs > 0) return -1;
      open = true;
    } else if (c == 41) {
      if (!open) return -1;
      open = false;
      pairs++;
    } else if (!isPhoneSep(c)) {
      return -1;
    }
  }
  if (open || len == from || !isDigit(byteAt(ptr, len - 1))) return -1;
  return n;
}

/** NXX: first digit 2-9 and not an N11 service code (211, 411, 911, ...). */
@inline function nxxOk(at: i32): bool {
  return digitAt(at) >= 2 && !(digitAt(at + 1) == 1 && digitAt(at + 2) == 1);
}

/**
 * NANP: [+1 | 1] NPA NXX XXXX. 37X and 96X area codes are reserved for future expansion. Equal
 * digits and 0123456789-style runs are keyboard filler that only looks like a number.
 */
export function validatePhoneNanp(ptr: usize, len: i32): i32 {
  const plus = len > 0 && byteAt(ptr, 0) == 43;
  const n = phoneDigits(ptr, len, plus ? 1 : 0, 11);
  let o = 0;
  if (n == 11 && digitAt(0) == 1) o = 1;
  else if (n != 10 || plus) return 0;
  if (!nxxOk(o) || !nxxOk(o + 3)) return 0;
  const a0 = digitAt(o);
  const a1 = digitAt(o + 1);
  if ((a0 == 3 && a1 == 7) || (a0 == 9 && a1 == 6)) return 0;
  let same = true;
  let up = true;
  let down = true;
  for (let i = o + 1; i < o + 10; i++) {
    const p = digitAt(i - 1);
    const d = digitAt(i);
    if (d != p) same = false;
    if (d != (p + 1) % 10) up = false;
    if (d != (p + 9) % 10) down = false;
  }
  return same || up || down ? 0 : 1;
}

/** E.164: '+', an assigned country code, and 8-15 digits in all. */
export function validatePhoneIntl(ptr: usize, len: i32): i32 {
  if (len < 9 || byteAt(ptr, 0) != 43 || !isDigit(byteAt(ptr, 1))) return 0;
  const n = phoneDigits(ptr, len, 1, 15);
  if (n < 8) return 0;
  const d0 = digitAt(0);
  if (d0 == 0) return 0;
  if (bitSet(CALLING_CODES, d0)) return 1;
  const cc2 = d0 * 10 + digitAt(1);
  if (bitSet(CALLING_CODES, cc2)) return 1;
  return bitSet(CALLING_CODES, cc2 * 10 + digitAt(2)) ? 1 : 0;
}
