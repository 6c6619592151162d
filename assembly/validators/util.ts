// Byte helpers shared by the validators.
//
// Validators run on spans the automaton has already matched, once per candidate, so they must be
// cheap and must never allocate: the runtime is "stub" (nothing is ever freed) and a long input can
// produce many candidates. Normalised digits therefore go to one static buffer. That is safe because
// validate() is never re-entered: a validator finishes before the next candidate is checked.

/** Digit values (0..9, not ASCII) of the last gatherDigits() call. 64 bytes covers every rule here. */
export const DIGITS: usize = memory.data(64);
export const DIGITS_CAP: i32 = 64;

// Separator kinds as bits, so a rule can say which ones it tolerates in a single mask.
export const SEP_SPACE: i32 = 1;
export const SEP_DASH: i32 = 2;
export const SEP_DOT: i32 = 4;
export const SEP_SLASH: i32 = 8;
export const SEP_COLON: i32 = 16;

// Unsigned subtraction turns each range test into one compare.
@inline export function isDigit(c: u32): bool { return c - 48 < 10; }
@inline export function isUpper(c: u32): bool { return c - 65 < 26; }
@inline export function isLower(c: u32): bool { return c - 97 < 26; }
@inline export function isAlpha(c: u32): bool { return (c | 32) - 97 < 26; }
@inline export function isAlnum(c: u32): bool { return isDigit(c) || isAlpha(c); }
@inline export function toUpper(c: u32): u32 { return isLower(c) ? c - 32 : c; }

@inline export function byteAt(ptr: usize, i: i32): u32 { return <u32>load<u8>(ptr + <usize>i); }
@inline export function digitAt(i: i32): i32 { return <i32>load<u8>(DIGITS + <usize>i); }

/** Value of a hex digit, or -1. */
export function hexVal(c: u32): i32 {
  if (isDigit(c)) return <i32>(c - 48);
  const l = c | 32;
  if (l - 97 < 6) return <i32>(l - 87);
  return -1;
}

export function sepBit(c: u32): i32 {
  if (c == 32) return SEP_SPACE;
  if (c == 45) return SEP_DASH;
  if (c == 46) return SEP_DOT;
  if (c == 47) return SEP_SLASH;
  if (c == 58) return SEP_COLON;
  return 0;
}

/**
 * Copies the digits of [ptr, ptr+len) into DIGITS and returns how many there were, or -1.
 * A separator must be in `allowed`, may not start or end the span and may not be doubled: the
 * detector regexes never produce those shapes, so seeing one means the span is not what we think.
 * With `consistent`, all separators must be of one kind ("4111 1111-1111 1111" is rejected).
 */
export function gatherDigits(ptr: usize, len: i32, allowed: i32, consistent: bool, max: i32): i32 {
  let n = 0;
  let seen = 0;
  let prevSep = true; // a separator in first position is rejected like a doubled one
  for (let i = 0; i < len; i++) {
    const c = byteAt(ptr, i);
    if (isDigit(c)) {
      if (n >= max) return -1;
      store<u8>(DIGITS + <usize>n, <u8>(c - 48));
      n++;
      prevSep = false;
      continue;
    }
    const s = sepBit(c);
    if (s == 0 || (s & allowed) == 0 || prevSep) return -1;
    if (consistent && seen != 0 && seen != s) return -1;
    seen |= s;
    prevSep = true;
  }
  if (prevSep) return -1; // empty span or trailing separator
  return n;
}

/** True when DIGITS[from..to) are all the same digit: test and placeholder numbers look like that. */
export function sameDigits(from: i32, to: i32): bool {
  const d = digitAt(from);
  for (let i = from + 1; i < to; i++) if (digitAt(i) != d) return false;
  return true;
}

/** Integer value of DIGITS[from..from+count). */
export function digitsValue(from: i32, count: i32): i32 {
  let v = 0;
  for (let i = 0; i < count; i++) v = v * 10 + digitAt(from + i);
  return v;
}

/** Bit `i` of a static bitmap. */
@inline export function bitSet(map: usize, i: i32): bool {
  return ((<i32>load<u8>(map + <usize>(i >> 3)) >> (i & 7)) & 1) != 0;
}
