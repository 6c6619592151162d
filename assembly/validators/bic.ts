// SWIFT/BIC (ISO 9362): bank code, ISO 3166 country, location, optional branch.
import { bitSet, byteAt, isDigit, isUpper } from './util';

// ISO 3166-1 alpha-2 codes as a bitmap over AA..ZZ (bit (c1-'A')*26 + (c2-'A')). The 249 officially
// assigned codes plus XK (Kosovo), which SWIFT uses although ISO only reserves it:
//   AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
//   BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
//   EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
//   HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
//   LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
//   NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
//   SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
//   TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK
// (Cross-checked against the libphonenumber regions, which add only AC and TA and lack the seven
// uninhabited territories AQ BV GS HM PN TF UM.)
const ISO_COUNTRIES: usize = memory.data<u8>([
  0x78, 0x59, 0xdf, 0xee, 0xef, 0xbd, 0xdd, 0xde, 0x27, 0x3f, 0x84, 0x15,
  0x80, 0xd4, 0x00, 0x0e, 0x00, 0x5c, 0x09, 0xb0, 0x9f, 0xfb, 0x15, 0x00,
  0x8d, 0x06, 0x18, 0x78, 0x0f, 0x40, 0x40, 0x03, 0x00, 0x1d, 0x2b, 0xf4,
  0x41, 0x81, 0x4f, 0xfd, 0xfc, 0xff, 0xd7, 0x25, 0x4b, 0x08, 0x00, 0x01,
  0x40, 0x3c, 0x8f, 0x53, 0x01, 0x00, 0x00, 0x40, 0x00, 0x51, 0xf1, 0xfd,
  0xe7, 0x3a, 0xbb, 0x9f, 0x9a, 0x41, 0x10, 0x04, 0x57, 0x85, 0x40, 0x00,
  0x02, 0x40, 0x00, 0x00, 0x01, 0x00, 0x10, 0x00, 0x08, 0x04, 0x40, 0x00,
  0x01,
]);

/** True when the two uppercase letters at ptr+i form an assigned ISO 3166 alpha-2 code. */
export function isoCountry(ptr: usize, i: i32): bool {
  const a = byteAt(ptr, i);
  const b = byteAt(ptr, i + 1);
  if (!isUpper(a) || !isUpper(b)) return false;
  return bitSet(ISO_COUNTRIES, <i32>(a - 65) * 26 + <i32>(b - 65));
}

@inline function upperAlnum(c: u32): bool { return isUpper(c) || isDigit(c); }

/**
 * AAAA CC LL [BBB], uppercase only: BICs are always written in capitals, and accepting lowercase
 * would make every 8-letter word whose letters 5-6 happen to be a country code a candidate.
 */
export function validateSwiftBic(ptr: usize, len: i32): i32 {
  if (len != 8 && len != 11) return 0;
  for (let i = 0; i < 4; i++) if (!isUpper(byteAt(ptr, i))) return 0;
  if (!isoCountry(ptr, 4)) return 0;
  for (let i = 6; i < len; i++) if (!upperAlnum(byteAt(ptr, i))) return 0;
  return 1;
}
