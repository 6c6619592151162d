// European national identifiers: Spanish NIF/NIE, Italian codice fiscale, UK NHS number and NINO.
import {
  SEP_DASH, SEP_SPACE, byteAt, digitAt, gatherDigits, isAlpha, isDigit, sameDigits, toUpper,
} from './util';

// "TRWAGMYFPDXBNJZSQVHLCKE": control letter of a DNI/NIE, indexed by number mod 23.
const NIF_LETTERS: usize = memory.data<u8>([
  84, 82, 87, 65, 71, 77, 89, 70, 80, 68, 88, 66, 78, 74, 90, 83, 81, 86, 72, 76, 67, 75, 69,
]);

/**
 * DNI: 8 digits + control letter. NIE: X/Y/Z + 7 digits + letter, where X/Y/Z stand for a leading
 * 0/1/2. An optional '-' before the letter is how many people write it; case does not matter.
 */
export function validateEsNif(ptr: usize, len: i32): i32 {
  if (len < 9 || len > 10) return 0;
  const end = len - 1; // index of the control letter
  if (len == 10) {
    if (byteAt(ptr, 8) != 45) return 0;
  }
  const lastDigit = len == 10 ? 8 : end; // exclusive end of the numeric part
  let n: u32 = 0;
  let i = 0;
  const first = toUpper(byteAt(ptr, 0));
  if (first >= 88 && first <= 90) { // X, Y, Z
    n = first - 88;
    i = 1;
  }
  for (; i < lastDigit; i++) {
    const c = byteAt(ptr, i);
    if (!isDigit(c)) return 0;
    n = n * 10 + (c - 48);
  }
  const letter = toUpper(byteAt(ptr, end));
  return <u32>load<u8>(NIF_LETTERS + <usize>(n % 23)) == letter ? 1 : 0;
}

// Check-character weights for characters in odd positions (1st, 3rd, ...), by letter A..Z; digits
// 0..9 weigh the same as A..J. Even positions simply weigh 0..25 / 0..9.
const CF_ODD: usize = memory.data<u8>([
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
]);
// Month letters A B C D E H L M P R S T, as a bitmap over A..Z.
const CF_MONTHS: u32 = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 7) |
  (1 << 11) | (1 << 12) | (1 << 15) | (1 << 17) | (1 << 18) | (1 << 19);

/**
 * Digit value of a character in a numeric position. When two people would get the same code
 * ("omocodia") the registry replaces digits from the right by L M N P Q R S T U V = 0..9.
 */
function cfDigit(c: u32): i32 {
  if (isDigit(c)) return <i32>(c - 48);
  switch (c) {
    case 76: return 0; case 77: return 1; case 78: return 2; case 80: return 3; case 81: return 4;
    case 82: return 5; case 83: return 6; case 84: return 7; case 85: return 8; case 86: return 9;
  }
  return -1;
}

/** Codice fiscale: 6 letters, 2 year digits, month letter, 2 day digits, letter + 3 digits, check. */
export function validateItFiscalCode(ptr: usize, len: i32): i32 {
  if (len != 16) return 0;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = toUpper(byteAt(ptr, i));
    const numeric = i == 6 || i == 7 || i == 9 || i == 10 || i >= 12;
    if (numeric) {
      if (cfDigit(c) < 0) return 0;
    } else if (!isAlpha(c)) {
      return 0;
    }
    const idx = isDigit(c) ? <i32>(c - 48) : <i32>(c - 65);
    sum += (i & 1) == 0 ? <i32>load<u8>(CF_ODD + <usize>idx) : idx;
  }
  const month = toUpper(byteAt(ptr, 8)) - 65;
  if (((CF_MONTHS >> month) & 1) == 0) return 0;
  // Day of birth; women have 40 added.
  const day = cfDigit(toUpper(byteAt(ptr, 9))) * 10 + cfDigit(toUpper(byteAt(ptr, 10)));
  if (day < 1 || (day > 31 && day < 41) || day > 71) return 0;
  const check = toUpper(byteAt(ptr, 15));
  return check == <u32>(65 + sum % 26) ? 1 : 0;
}

/** NHS number: mod 11 with weights 10..2; a computed check of 10 means the number is never issued. */
export function validateUkNhs(ptr: usize, len: i32): i32 {
  if (gatherDigits(ptr, len, SEP_SPACE | SEP_DASH, false, 10) != 10) return 0;
  if (sameDigits(0, 10)) return 0;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += digitAt(i) * (10 - i);
  let check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return 0;
  return check == digitAt(9) ? 1 : 0;
}

// NINO prefix letters that HMRC never uses, per position.
function ninoFirstOk(c: u32): bool {
  return c != 68 && c != 70 && c != 73 && c != 81 && c != 85 && c != 86; // D F I Q U V
}
function ninoSecondOk(c: u32): bool {
  return ninoFirstOk(c) && c != 79; // ... and O
}
// Prefixes that are administratively reserved: BG GB KN NK NT TN ZZ.
function ninoPrefixReserved(a: u32, b: u32): bool {
  return (a == 66 && b == 71) || (a == 71 && b == 66) || (a == 75 && b == 78) ||
    (a == 78 && b == 75) || (a == 78 && b == 84) || (a == 84 && b == 78) || (a == 90 && b == 90);
}

/** National Insurance number: LL dd dd dd L, with at most one space at each group boundary. */
export function validateUkNino(ptr: usize, len: i32): i32 {
  let k = 0; // index in the compact 9-character form
  let i = 0;
  let a: u32 = 0;
  let b: u32 = 0;
  while (i < len) {
    let c = byteAt(ptr, i);
    if (c == 32) {
      // boundaries are after the prefix, after each digit pair
      if (k != 2 && k != 4 && k != 6 && k != 8) return 0;
      if (byteAt(ptr, i - 1) == 32) return 0;
      i++;
      continue;
    }
    if (k >= 9) return 0;
    c = toUpper(c);
    if (k == 0) {
      if (!isAlpha(c) || !ninoFirstOk(c)) return 0;
      a = c;
    } else if (k == 1) {
      if (!isAlpha(c) || !ninoSecondOk(c)) return 0;
      b = c;
    } else if (k < 8) {
      if (!isDigit(c)) return 0;
    } else if (c - 65 >= 4) { // suffix A-D
      return 0;
    }
    k++;
    i++;
  }
  if (k != 9 || byteAt(ptr, len - 1) == 32) return 0;
  return ninoPrefixReserved(a, b) ? 0 : 1;
}
