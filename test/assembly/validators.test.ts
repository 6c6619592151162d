// Checksum / format validators of the AssemblyScript scanner (assembly/validators), exercised through
// the raw WASM exports. Build first: npm run build:wasm.
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { RawScanner } from '../helpers/wasm-raw';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Validator ids, read from kinds.ts so this test cannot drift from the enum. */
const V: Record<string, number> = (() => {
  const src = readFileSync(here('../../assembly/validators/kinds.ts'), 'utf8');
  const out: Record<string, number> = {};
  for (const m of src.matchAll(/^\s*([A-Z0-9_]+)\s*=\s*(\d+),/gm)) out[m[1]!] = Number(m[2]);
  return out;
})();

function fixture<T>(name: string): T[] {
  return readFileSync(here(`../fixtures/${name}`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

let wasm: RawScanner;
beforeAll(() => {
  wasm = new RawScanner();
});

type Table = Array<[value: string, valid: boolean, why?: string]>;

// Hand-checked tables: a known-valid value, the same value with one character changed, wrong
// length, and separator variants. Check digits of the crafted values were computed independently
// of the implementation under test.
const TABLES: Record<string, Table> = {
  LUHN: [
    ['79927398713', true],
    ['7992 7398 713', true],
    ['7992-7398 713', true, 'generic Luhn does not insist on one separator kind'],
    ['79927398710', false, 'check digit changed'],
    ['79927398718', false],
    ['7', false, 'too short'],
    ['11111111111111111111', false, '20 digits'],
    ['7992a7398713', false],
    [' 79927398713', false, 'leading separator'],
    ['79927398713-', false, 'trailing separator'],
    ['7992  7398713', false, 'doubled separator'],
    ['', false],
  ],
  CREDIT_CARD: [
    ['4111111111111111', true, 'Visa'],
    ['4111 1111 1111 1111', true],
    ['4111-1111-1111-1111', true],
    ['4222222222222', true, 'Visa 13'],
    ['4123456789011', true, 'Visa 13'],
    ['378282246310005', true, 'Amex'],
    ['5555555555554444', true, 'Mastercard'],
    ['2221000000000009', true, 'Mastercard 2-series'],
    ['6011111111111117', true, 'Discover'],
    ['3530111333300000', true, 'JCB'],
    ['30569309025904', true, 'Diners 14'],
    ['6200000000000005', true, 'UnionPay'],
    ['5019717010103742', true, 'Dankort/Maestro 50'],
    ['4111111111111112', false, 'check digit changed'],
    ['4111 1111-1111 1111', false, 'mixed separators'],
    ['3700000000000007', false, 'Luhn-valid but Amex is 15 digits'],
    ['122000000000003', false, 'Luhn-valid, prefix 1 is no listed issuer'],
    ['1748503543012', false, 'Luhn-valid, no issuer'],
    ['111111111111119', false, 'no issuer'],
    ['4111111111111', false, 'Luhn fails'],
    ['41111111111', false, 'too short'],
    ['41111111111111111111', false, 'too long'],
    ['0000000000000000', false, 'all same digits'],
  ],
  IBAN: [
    ['GB82WEST12345698765432', true],
    ['GB82 WEST 1234 5698 7654 32', true],
    ['gb82 west 1234 5698 7654 32', true, 'case-insensitive'],
    ['DE89-3704-0044-0532-0130-00', true, 'dash grouping'],
    ['DE89 37040044 0532013000', true, 'national grouping'],
    ['SV 62 CENR 00000000000000700025', true, 'registry print form for El Salvador'],
    ['NO9386011117947', true, 'shortest (15)'],
    ['PK36SCBL0000001123456702', true, 'Pakistan'],
    ['HN88CABF00000000000250005469', true, 'Honduras'],
    ['YE15CBYE0001018861234567891234', true, 'Yemen'],
    ['GB82WEST12345698765433', false, 'check changed'],
    ['GB83WEST12345698765432', false],
    ['GB82WEST1234569876543', false, 'one short'],
    ['GB82WEST123456987654321', false, 'one long'],
    ['G B82WEST12345698765432', false, 'separator inside the country code'],
    ['GB8 2WEST12345698765432', false, 'separator inside the check digits'],
    ['GB82 West 1234 5698 7654 32', false, 'mixed case'],
    ['GB82  WEST 1234 5698 7654 32', false, 'doubled separator'],
    ['GB82 WEST-1234 5698 7654 32', false, 'mixed separators'],
    ['GB82 WEST 1234 5698 7654 32 ', false, 'trailing separator'],
    ['GB82/WEST/1234/5698/7654/32', false],
    ['US64SVBKUS6S3300958879', false, 'no IBAN country'],
    ['GB00WEST12345698765432', false, 'check digits 00'],
    ['GB82WEST1234569876543_', false],
  ],
  US_SSN: [
    ['536-22-8726', true],
    ['536 22 8726', true],
    ['536.22.8726', true],
    ['536228726', true],
    ['078-05-1123', true],
    ['078-05-1120', false, 'Woolworth sample'],
    ['219-09-9999', false, 'SSA sample'],
    ['123-45-6789', false, 'textbook sample'],
    ['000-22-8726', false, 'area 000'],
    ['666-22-8726', false, 'area 666'],
    ['936-22-8726', false, 'area 9xx'],
    ['536-00-8726', false, 'group 00'],
    ['536-22-0000', false, 'serial 0000'],
    ['555-55-5555', false, 'all same digits'],
    ['536-22 8726', false, 'mixed separators'],
    ['536-228726', false, 'one separator'],
    ['53622872', false],
    ['5362287260', false],
    ['536_22_8726', false],
  ],
  US_ITIN: [
    ['912-70-1234', true],
    ['912 50 1234', true],
    ['912651234', true],
    ['911-92-1234', true],
    ['911-94-1234', true],
    ['912-93-1234', false, 'group 93 unassigned'],
    ['912-66-1234', false],
    ['912-89-1234', false],
    ['912-49-1234', false],
    ['812-70-1234', false, 'must start with 9'],
    ['912-70 1234', false],
    ['91270123', false],
  ],
  ABA_ROUTING: [
    ['011000015', true],
    ['121000358', true],
    ['322271627', true],
    ['0711-0130-7', true],
    ['3222-7162-7', true],
    ['011000016', false, 'check changed'],
    ['421042111', false, 'prefix 42'],
    ['131000018', false, 'checksum ok, prefix 13 unused'],
    ['01100001', false],
    ['0110000150', false],
    ['0110 0001 5', false, 'spaces are not how routing numbers are written'],
  ],
  AADHAAR: [
    ['312345678909', true],
    ['3123 4567 8909', true],
    ['3123-4567-8909', true],
    ['400123456787', true],
    ['312345678908', false, 'check changed'],
    ['123456789012', false],
    ['3123 4567-8909', false, 'mixed separators'],
    ['31234567890', false],
    ['200009900002', false, 'Verhoeff-valid palindrome'],
    ['333333333333', false, 'Verhoeff-valid, all same'],
    ['999999999999', false, 'Verhoeff-valid, all same'],
  ],
  UK_NHS: [
    ['401 023 2137', true],
    ['401-023-2137', true],
    ['4010232137', true],
    ['943 476 5919', true],
    ['4010232138', false, 'check changed'],
    ['401023213', false],
    ['4010230070', false, 'computed check is 10'],
    ['0000000000', false, 'all same'],
  ],
  IPV4: [
    ['192.168.0.1', true],
    ['0.0.0.0', true],
    ['255.255.255.255', true],
    ['8.8.8.8', true],
    ['256.1.1.1', false],
    ['192.168.0', false],
    ['192.168.0.1.5', false],
    ['192.168.01.1', false, 'leading zero'],
    ['1..2.3', false],
    ['192.168.0.1/24', false],
    [' 192.168.0.1', false],
    ['1.2.3.4.', false],
    ['1234.1.1.1', false],
    ['a.b.c.d', false],
  ],
  IPV6: [
    ['2001:db8::1', true],
    ['::1', true],
    ['fe80::1', true],
    ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', true],
    ['2001:DB8:85A3::8A2E:370:7334', true],
    ['::ffff:192.0.2.1', true],
    ['1:2:3:4:5:6:1.2.3.4', true],
    ['2001:db8::', true],
    ['1:2:3:4:5:6:7::', true],
    ['1:2:3:4:5:6:7:8', true],
    ['::', false, 'unspecified address alone'],
    [':::', false],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1:2:3:4:5:6:7', false],
    ['1::2::3', false],
    ['12345::1', false],
    ['g::1', false],
    ['1:2:3:4:5:6:7:8::', false],
    [':1:2:3:4:5:6:7', false],
    ['1:2:3:4:5:6:7:8:', false],
    ['1:', false],
    ['fe80::1%eth0', false, 'zone ids are not part of the validated span'],
    ['2001:db8::/32', false],
    ['1:2:3:4:5:6:7:1.2.3.4', false, '9 groups'],
    ['::256.1.1.1', false],
    ['::1.2.3', false],
    ['std::cout', false],
  ],
  CRYPTO_WALLET: [
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', true, 'P2PKH (genesis)'],
    ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', true, 'P2PKH'],
    ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', true, 'P2SH'],
    ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', true, 'P2WPKH'],
    ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', true, 'BIP-173, uppercase'],
    ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7', true, 'BIP-173 testnet P2WSH'],
    ['bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297', true, 'taproot, bech32m'],
    ['bc1pqqqqqcnjqs', true, 'v1, 2-byte program'],
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', true, 'EIP-55'],
    ['0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', true, 'EIP-55'],
    ['0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB', true, 'EIP-55'],
    ['0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb', true, 'EIP-55'],
    ['0x52908400098527886E0F7030069857D2E4169EE7', true, 'all caps: no checksum'],
    ['0xde709f2102306220921060314715629080e2fb77', true, 'all lower: no checksum'],
    ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3', false, 'base58 checksum'],
    ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN0', false, '0 is not base58'],
    ['16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ2', false, 'too long'],
    ['2BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', false, 'unknown prefix'],
    ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr', false, 'bech32 checksum'],
    ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mDq', false, 'mixed case'],
    ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzm4yhgz', false, 'v0 with bech32m checksum'],
    ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh', false, 'v0 with bech32m checksum (BIP-350)'],
    ['bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusn5pxqu', false, 'v1 with bech32 checksum'],
    ['bc1pqqlppvpg', false, '1-byte program'],
    ['bc1qqqqq399cqn', false, 'v0 program must be 20 or 32 bytes'],
    ['bc135d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rus6utgsj', false, 'witness version 17'],
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', false, 'EIP-55 case flipped'],
    ['0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae', false, '39 hex digits'],
    ['0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg', false],
    ['8f953371d3e85eddb89b05ed6b9e680791055315c73e1025ab5dba7bb2aee189', false, 'a hash'],
  ],
  JWT: [
    [
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      true,
      'jwt.io example',
    ],
    ['eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.', true, '{"alg":"none"}, empty signature'],
    ['eyJhbGciOiJub25lIn0=.eyJzdWIiOiIxIn0=.', true, 'padded segments'],
    ['eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.c2ln', false, 'header has no "alg"'],
    ['eyJhbGciOiJub25lIn0.bm90IGpzb24.c2ln', false, 'payload is not an object'],
    ['WyJhbGciXQ.eyJzdWIiOiIxIn0.c2ln', false, 'header is an array'],
    ['eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0', false, 'two segments'],
    ['eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.c2ln.c2ln', false, 'four segments'],
    ['eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.c2l+', false, 'base64 (not url) alphabet'],
    ['eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.c', false, 'a lone trailing character'],
    ['.eyJzdWIiOiIxIn0.c2ln', false],
  ],
  CA_SIN: [
    ['130 692 544', true],
    ['130-692-544', true],
    ['130692544', true],
    ['130 692 545', false, 'check changed'],
    ['046 454 286', false, 'Luhn-valid, first digit 0'],
    ['130 692-544', false, 'mixed separators'],
    ['13069254', false],
    ['1306925440', false],
  ],
  AU_TFN: [
    ['876 543 210', true],
    ['123 456 782', true],
    ['876543210', true],
    ['8765 4322', true, '8-digit TFN'],
    ['123 456 783', false, 'check changed'],
    ['824 753 557', false],
    ['000 000 000', false, 'all same'],
    ['1234567', false],
    ['876-543-210', false, 'TFNs are written with spaces'],
  ],
  AU_MEDICARE: [
    ['2123 45670 1', true],
    ['2123456701', true],
    ['21234567012', true, 'with individual reference number'],
    ['2123 25870 1', false, 'check fails'],
    ['7123456751', false, 'checksum ok, first digit 7'],
    ['212345670', false],
    ['212345670123', false],
  ],
  ES_NIF: [
    ['12345678Z', true],
    ['12345678-Z', true],
    ['12345678z', true],
    ['55555555K', true],
    ['X1234567L', true, 'NIE'],
    ['Y8063915-Z', true, 'NIE'],
    ['z8078221m', true, 'NIE lowercase'],
    ['12345678A', false, 'wrong letter'],
    ['X1234567N', false],
    ['W8063915Q', false],
    ['1234567Z', false, '7 digits'],
    ['123456789Z', false],
    ['12345678-', false],
  ],
  IT_FISCAL_CODE: [
    ['RSSMRA85T10A562S', true],
    ['rssmra85t10a562s', true],
    ['AAAAAA00B11C333Y', true],
    ['AAAAAA00B41C333B', true, 'female: day + 40'],
    ['RSSMRA85T1LA562V', true, 'omocodia: L stands for 0'],
    ['RSSMRA85T10A562T', false, 'check changed'],
    ['AAAAAA00B11C333N', false],
    ['A55AAA00B11C333N', false],
    ['AAAAAA00F11C333L', false, 'F is not a month letter'],
    ['AAAAAA00B35C333N', false, 'day 35'],
    ['RSSMRA85T10A562', false],
    ['RSSMRA85T1AA562S', false, 'A is not an omocodia letter'],
  ],
  SG_NRIC: [
    ['S2740116C', true],
    ['S1234567D', true],
    ['T1234567J', true],
    ['F1234567N', true],
    ['G1234567X', true],
    ['M4332674T', true],
    ['s1234567d', true],
    ['S1234567E', false, 'check changed'],
    ['T1234567Z', false],
    ['G1122144L', false],
    ['A1234567Z', false, 'unknown series'],
    ['S274011C', false],
  ],
  US_NPI: [
    ['1234567893', true],
    ['1245319599', true],
    ['1003000126', true],
    ['1234-567-893', true],
    ['1234 567 893', true],
    ['1234567890', false, 'check changed'],
    ['1111111112', false, 'passes Luhn, placeholder body'],
    ['3234567893', false],
    ['123456789', false],
    ['12345678934', false],
  ],
  US_DEA: [
    ['AB1234563', true],
    ['BJ6125341', true],
    ['ab1234563', true],
    ['AB1234564', false, 'check changed'],
    ['IB1234563', false, 'I is not a registrant type'],
    ['A11234563', false, 'second character is a letter or 9'],
    ['A91234563', true, '9 for a registrant without an initial'],
    ['AB123456', false],
    ['AB12345633', false],
  ],
  PHONE_NANP: [
    ['(415) 555-0132', true],
    ['(415)555-0132', true],
    ['415-555-0132', true],
    ['415.555.0132', true],
    ['4155550132', true],
    ['+1 415 555 0132', true],
    ['+1 (415) 555-0132', true],
    ['1-415-555-0132', true],
    ['14155550132', true],
    ['(415) 555-013', false, '9 digits'],
    ['115-555-0132', false, 'area starts with 1'],
    ['411-555-0132', false, 'N11 area'],
    ['415-155-0132', false, 'exchange starts with 1'],
    ['415-911-0132', false, 'N11 exchange'],
    ['375-555-0132', false, '37X reserved'],
    ['965-555-0132', false, '96X reserved'],
    ['222-222-2222', false, 'all same'],
    ['234-567-8901', false, 'ascending run'],
    ['987-654-3210', false, 'descending run'],
    ['+415-555-0132', false, '+ without country code 1'],
    ['2-415-555-0132', false],
    ['(415 555-0132', false, 'unclosed parenthesis'],
    ['415-555-0132-', false],
    ['415/555/0132', false],
  ],
  PHONE_INTL: [
    ['+44 20 7123 4567', true],
    ['+44 (20) 7123 4567', true],
    ['+1 415 555 0132', true],
    ['+55 11 98456 5666', true],
    ['+4930123456', true],
    ['+33 1 42 68 53 00', true],
    ['+880 1812-345678', true],
    ['+28 1234 5678', false, 'unassigned code 28'],
    ['+801 1234 5678', false, 'unassigned code 801'],
    ['+0 123456789', false],
    ['+44 2071', false, 'too short'],
    ['+44 2071 2345 678901', false, '16 digits'],
    ['44 20 7123 4567', false, 'no +'],
    ['+44 20 7123 4567 ', false],
    ['+44 ((20)) 7123 4567', false],
    ['+44 20 7123 4567x', false],
  ],
  UK_NINO: [
    ['AB 12 34 56 C', true],
    ['AB123456C', true],
    ['ab123456c', true],
    ['PR 123612C', true],
    ['HH 01 02 03 D', true],
    ['AB 12 34 56 E', false, 'suffix must be A-D'],
    ['DA123456A', false, 'D first'],
    ['AD123456A', false, 'D second'],
    ['AO123456A', false, 'O second'],
    ['BG123456A', false, 'reserved prefix'],
    ['GB123456A', false],
    ['NK123456A', false],
    ['TN123456A', false],
    ['ZZ123456A', false],
    ['AB12345C', false],
    ['AB  123456C', false, 'doubled space'],
    ['A B123456C', false],
    ['AB 1 23456C', false, 'space inside a digit pair'],
    ['AB 12 34 56 1', false],
  ],
  IN_PAN: [
    ['ABCPD1234Z', true],
    ['ABBPM4567S', true],
    ['AAACB1234C', true],
    ['ABCND1234Z', false, 'N is not a holder type'],
    ['abcpd1234z', false, 'lowercase'],
    ['ABCPD12345', false],
    ['ABCP1234Z', false],
    ['A1111DFSFS', false],
  ],
  MAC_ADDRESS: [
    ['00:1A:2B:3C:4D:5E', true],
    ['00-1a-2b-3c-4d-5e', true],
    ['0d-B3-4a-6A-d9-cF', true],
    ['0012.3456.789A', true],
    ['00:1A:2B:3C:4D', false],
    ['00:1A:2B-3C:4D:5E', false, 'mixed separators'],
    ['FF:FF:FF:FF:FF:FF', false, 'broadcast'],
    ['00:00:00:00:00:00', false],
    ['0000.0000.0000', false],
    ['ZZ:ZZ:ZZ:ZZ:ZZ:ZZ', false],
    ['001A2B3C4D5E', false],
    ['00:1A:2B:3C:4D:5E:6F', false],
    ['00.1A.2B.3C.4D.5E', false],
  ],
  SWIFT_BIC: [
    ['DEUTDEFF', true],
    ['DEUTDEFF500', true],
    ['NWBKGB2L', true],
    ['CHASUS33XXX', true],
    ['BNPAFRPPXXX', true],
    ['DEUTXXFF', false, 'XX is not a country'],
    ['DEUTQQFF', false],
    ['deutdeff', false, 'lowercase'],
    ['DEUTDEF', false],
    ['DEUTDEFF50', false],
    ['DEU1DEFF', false],
    ['DEUTDEFF5X!', false],
  ],
  US_MBI: [
    ['1EG4-TE5-MK73', true],
    ['1EG4TE5MK73', true],
    ['1eg4-te5-mk73', true],
    ['9XX9-XX9-XX99', true],
    ['1SG4-TE5-MK73', false, 'S excluded'],
    ['0EG4-TE5-MK73', false, 'first is 1-9'],
    ['1EG4-TE5MK73', false, 'one dash'],
    ['1EG4TE5MK7', false],
    ['12G4-TE5-MK73', false],
    ['1EG4-TE5-MK7A', false],
  ],
  US_PASSPORT: [
    ['912803456', true],
    ['A12803456', true],
    ['Z12803456', true],
    ['111111111', false, 'all same'],
    ['A11111111', false, 'all same'],
    ['91280345', false],
    ['AB1280345', false],
    ['9128034567', false],
  ],
};

describe('validate(): hand-checked tables', () => {
  for (const [name, rows] of Object.entries(TABLES)) {
    it(name, () => {
      const kind = V[name];
      expect(kind, `kinds.ts has ${name}`).toBeTypeOf('number');
      const wrong = rows
        .filter(([value, valid]) => wasm.validate(kind!, value) !== valid)
        .map(([value, valid, why]) => `${JSON.stringify(value)} expected ${valid}${why ? ` (${why})` : ''}`);
      expect(wrong).toEqual([]);
    });
  }

  it('covers every validator id', () => {
    const ids = Object.keys(V).filter((k) => k !== 'NONE');
    expect(ids.filter((k) => !(k in TABLES))).toEqual([]);
  });

  it('NONE accepts anything, unknown ids accept nothing', () => {
    expect(wasm.validate(V.NONE!, '')).toBe(true);
    expect(wasm.validate(V.NONE!, 'anything')).toBe(true);
    expect(wasm.validate(999, '4111111111111111')).toBe(false);
    expect(wasm.validate(-1, '4111111111111111')).toBe(false);
  });
});

describe('validate(): memory discipline', () => {
  // Each value is placed between two runs of bytes that would change the answer if they were read
  // (digits, letters, separators). The result must depend only on [ptr, ptr+len).
  const pads = ['', '0', '9', 'A', 'z', ' ', '-', '.', ':', '1234567890', 'XYZ=='];
  it('reads only inside the span', () => {
    const diffs: string[] = [];
    for (const [name, rows] of Object.entries(TABLES)) {
      for (const [value, valid] of rows) {
        const bytes = new TextEncoder().encode(value);
        for (const pre of pads) {
          for (const post of pads) {
            const p = new TextEncoder().encode(pre);
            const q = new TextEncoder().encode(post);
            const buf = new Uint8Array(p.length + bytes.length + q.length);
            buf.set(p, 0);
            buf.set(bytes, p.length);
            buf.set(q, p.length + bytes.length);
            const [ptr] = wasm.put(buf);
            const got = wasm.x.validate(V[name]!, ptr + p.length, bytes.length) === 1;
            if (got !== valid) diffs.push(`${name} ${JSON.stringify(pre)}|${value}|${JSON.stringify(post)}`);
          }
        }
      }
    }
    expect(diffs).toEqual([]);
  });

  it('never traps on arbitrary input', () => {
    const alphabet = '0123456789abcdefABCDEFxyzXYZ -.:/()+=_{}"\u00e9\u20ac';
    let seed = 0x2545f491;
    const rand = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const ids = Object.values(V);
    for (let round = 0; round < 4000; round++) {
      const len = rand(round < 2000 ? 20 : 120);
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[rand(alphabet.length)];
      for (const id of ids) {
        const r = wasm.x.validate(id, ...wasm.put(s));
        expect(r === 0 || r === 1).toBe(true);
      }
    }
    // raw bytes, including ones that are not valid UTF-8
    for (let round = 0; round < 500; round++) {
      const buf = randomBytes(rand(80));
      for (const id of ids) {
        const r = wasm.x.validate(id, ...wasm.put(buf));
        expect(r === 0 || r === 1).toBe(true);
      }
    }
  });

  it('handles long spans in linear time', () => {
    // 1 MiB of digits: every validator must answer (mostly by rejecting early) without trapping.
    const big = '7'.repeat(1 << 20);
    const t0 = performance.now();
    for (const id of Object.values(V)) wasm.x.validate(id, ...wasm.put(big));
    expect(performance.now() - t0).toBeLessThan(2000);
    const jwtish = `eyJhbGciOiJub25lIn0.${'A'.repeat(1 << 20)}.`;
    expect(wasm.validate(V.JWT!, jwtish)).toBe(false); // payload does not start with '{'
  });
});

// ---------------------------------------------------------------------------------------------
// Fixtures

interface PresidioValidatorRow {
  entity_type: string;
  value: string | number;
  expected_valid: boolean | null;
}

describe('presidio_validators.jsonl', () => {
  // Entity types of that file that one of our validators covers. The other types in the file
  // (DE_*, IN_GSTIN, PL_PESEL, ZA_ID_NUMBER) have no validator here.
  const MAP: Record<string, string> = { IN_AADHAAR: 'AADHAAR' };
  const rows = fixture<PresidioValidatorRow>('presidio_validators.jsonl').filter(
    (r) => r.entity_type in MAP && r.expected_valid !== null,
  );

  it('has the rows we expect to check', () => {
    expect(rows.length).toBe(3);
  });

  it('agrees on every mapped row', () => {
    const wrong = rows
      .filter((r) => wasm.validate(V[MAP[r.entity_type]!]!, String(r.value)) !== r.expected_valid)
      .map((r) => `${r.entity_type} ${r.value} expected ${r.expected_valid}`);
    expect(wrong).toEqual([]);
  });
});

interface PresidioPiiRow {
  entity_under_test: string;
  text: string;
  expect_count: number;
  entities: Array<{ value?: string }>;
}

/** Which validator checks a Presidio entity value (null: none of ours applies). */
function presidioKind(entity: string, value: string): string | null {
  switch (entity) {
    case 'CREDIT_CARD': return 'CREDIT_CARD';
    case 'IBAN': return 'IBAN';
    case 'US_SSN': return 'US_SSN';
    case 'US_ITIN': return 'US_ITIN';
    case 'ABA_ROUTING_NUMBER': return 'ABA_ROUTING';
    case 'IN_AADHAAR': return 'AADHAAR';
    case 'UK_NHS': return 'UK_NHS';
    case 'IP_ADDRESS': return value.includes(':') ? 'IPV6' : 'IPV4';
    case 'CRYPTO': return 'CRYPTO_WALLET';
    case 'CA_SIN': return 'CA_SIN';
    case 'AU_TFN': return 'AU_TFN';
    case 'AU_MEDICARE': return 'AU_MEDICARE';
    case 'ES_NIF': case 'ES_NIE': return 'ES_NIF';
    case 'IT_FISCAL_CODE': return 'IT_FISCAL_CODE';
    case 'SG_NRIC_FIN': return 'SG_NRIC';
    case 'US_NPI': return 'US_NPI';
    case 'UK_NINO': return 'UK_NINO';
    case 'IN_PAN': return 'IN_PAN';
    case 'MAC_ADDRESS': return 'MAC_ADDRESS';
    case 'US_MBI': return 'US_MBI';
    case 'US_PASSPORT': return 'US_PASSPORT';
    case 'PHONE': return value.startsWith('+') ? 'PHONE_INTL' : 'PHONE_NANP';
  }
  return null;
}

// Presidio rows whose expectation is outside our rules, keyed "ENTITY|value" (positives: the span
// Presidio returns; negatives: the whole text). Each entry says why; everything else must agree.
const PRESIDIO_EXCLUDED: Record<string, string> = {
  // Presidio returns these as low-confidence pattern matches (score 0-0.4) that its own validation
  // does not confirm; our validators answer the stricter question.
  'US_SSN|078-051121': 'mixed separator layout, Presidio scores it 0-0.3',
  'US_SSN|07805-1121': 'mixed separator layout, Presidio scores it 0-0.3',
  'US_ITIN|911-701234': 'mixed separator layout, Presidio scores it 0-0.3',
  'US_ITIN|91170-1234': 'mixed separator layout, Presidio scores it 0-0.3',
  'IN_PAN|AAASA1111R': "4th character S is not a PAN holder type (Presidio's weak pattern, score 0.1)",
  'IN_PAN|ABCND1234Z': "4th character N is not a PAN holder type (Presidio's weak pattern, score 0.1)",
  'IN_PAN|A1111DFSFS': 'not the AAAAA9999A layout (Presidio score 0.01)',
  'SG_NRIC_FIN|T1234567Z': 'check letter should be J; Presidio does not verify the checksum',
  'SG_NRIC_FIN|G1122144L': 'check letter should be R; Presidio does not verify the checksum',
  'SG_NRIC_FIN|A1234567Z': 'no A series; Presidio keeps it at score 0-0.3',
  'SG_NRIC_FIN|B1234567Z': 'no B series; Presidio keeps it at score 0-0.3',
  'IT_FISCAL_CODE|AAAAAA00B11C333N': 'wrong check character; Presidio keeps it with a lower score',
  // Shapes our rules deliberately leave out.
  'CREDIT_CARD|122000000000003': 'UATP (prefix 1) is not in our issuer table',
  'ES_NIF|1111111-G': 'DNI with 7 digits (leading zero dropped); our rule is 8 digits',
  'ES_NIF|1111111G': 'DNI with 7 digits (leading zero dropped); our rule is 8 digits',
  'IN_AADHAAR|3123:4567:8909': "':' is not an Aadhaar separator in our rule (space or '-')",
  'IN_AADHAAR|3998:7654:3211': "':' is not an Aadhaar separator in our rule (space or '-')",
  'UK_NINO| YZ 61 48 68 B': 'span includes a leading space (Presidio regex artefact)',
  'IP_ADDRESS|::': 'bare unspecified address is rejected on purpose (Presidio scores it 0.05-0.15)',
  'IP_ADDRESS|fe80::1%eth0': 'zone id is not part of the validated address',
  'IP_ADDRESS|fe80::1%eth0/64': 'zone id and prefix length are not part of the validated address',
  'IP_ADDRESS|2001:db8::%eth0/128': 'zone id and prefix length are not part of the validated address',
  'IP_ADDRESS|::/0': 'prefix length is not part of the validated address',
  'IP_ADDRESS|::/128': 'prefix length is not part of the validated address',
  // National-format numbers of other countries: no '+', so neither NANP nor E.164.
  'PHONE|09-7625400': 'Israeli national format',
  'PHONE|090-1234-5678': 'Japanese national format',
  'PHONE|91-415-555-0132': 'country code without +',
  // (The Chinese mobile 13812345678 is not excluded: read as NANP it is +1 381-234-5678, a valid
  // shape, so our validator agrees with Presidio that it is a phone number.)
};

describe('presidio_pii.jsonl', () => {
  const rows = fixture<PresidioPiiRow>('presidio_pii.jsonl');
  const used = new Set<string>();

  function check(entity: string, value: string, expected: boolean, out: string[]): void {
    const key = `${entity}|${value}`;
    if (key in PRESIDIO_EXCLUDED) {
      used.add(key);
      return;
    }
    // CIDR suffixes are outside the address: Presidio reports them in the span.
    const v = entity === 'IP_ADDRESS' ? value.replace(/\/\d+$/, '') : value;
    const kind = presidioKind(entity, v);
    if (kind === null) return;
    if (wasm.validate(V[kind]!, v) !== expected) out.push(`${kind} ${JSON.stringify(value)} expected ${expected}`);
  }

  it('positives: every reported span of a type we validate passes', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of rows) {
      if (presidioKind(r.entity_under_test, '') === null) continue;
      for (const e of r.entities) {
        if (e.value === undefined) continue;
        check(r.entity_under_test, e.value, true, wrong);
        checked++;
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });

  it('negatives: texts Presidio must not match are rejected as a whole', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of rows) {
      if (r.expect_count !== 0 || presidioKind(r.entity_under_test, '') === null) continue;
      if (r.entity_under_test === 'IP_ADDRESS') {
        // either family: the text must be neither
        for (const k of ['IPV4', 'IPV6']) {
          if (wasm.validate(V[k]!, r.text)) wrong.push(`${k} ${JSON.stringify(r.text)} expected false`);
        }
      } else {
        check(r.entity_under_test, r.text, false, wrong);
      }
      checked++;
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });

  it('every exclusion is still needed', () => {
    // Run after the two tests above: a stale key means the fixture changed under us.
    expect(Object.keys(PRESIDIO_EXCLUDED).filter((k) => !used.has(k))).toEqual([]);
    const stillDisagree = Object.keys(PRESIDIO_EXCLUDED).filter((k) => {
      const [entity, value] = [k.slice(0, k.indexOf('|')), k.slice(k.indexOf('|') + 1)];
      const kind = presidioKind(entity, value);
      return kind !== null && !wasm.validate(V[kind]!, value);
    });
    // Every excluded row is a positive in Presidio that we reject.
    expect(stillDisagree.length).toBe(Object.keys(PRESIDIO_EXCLUDED).length);
  });
});

interface IbanRow {
  country_code: string;
  iban: string;
  iban_print: string;
  iban_length: string;
  mod97_valid: boolean;
}

describe('iban_registry_examples.jsonl', () => {
  const rows = fixture<IbanRow>('iban_registry_examples.jsonl');

  it('has 86 countries, 83 with a valid example', () => {
    expect(rows.length).toBe(86);
    expect(rows.filter((r) => r.mod97_valid).length).toBe(83);
  });

  it('accepts the 83 valid examples (electronic and print form) and rejects NI, RU, ST', () => {
    const wrong: string[] = [];
    for (const r of rows) {
      for (const form of [r.iban, r.iban_print]) {
        if (wasm.validate(V.IBAN!, form) !== r.mod97_valid) wrong.push(`${r.country_code} ${form}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(rows.filter((r) => !r.mod97_valid).map((r) => r.country_code).sort()).toEqual(['NI', 'RU', 'ST']);
  });

  it('uses the registry length: one character more or less fails', () => {
    const wrong: string[] = [];
    for (const r of rows.filter((x) => x.mod97_valid)) {
      expect(r.iban.length).toBe(Number(r.iban_length));
      if (wasm.validate(V.IBAN!, r.iban.slice(0, -1))) wrong.push(`${r.iban} -1`);
      if (wasm.validate(V.IBAN!, `${r.iban}0`)) wrong.push(`${r.iban} +1`);
    }
    expect(wrong).toEqual([]);
  });

  it('catches every single-digit substitution in the check digits', () => {
    const wrong: string[] = [];
    for (const r of rows.filter((x) => x.mod97_valid)) {
      for (const pos of [2, 3]) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === r.iban[pos]) continue;
          const bad = r.iban.slice(0, pos) + d + r.iban.slice(pos + 1);
          if (wasm.validate(V.IBAN!, bad)) wrong.push(bad);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

interface CardRow {
  number: string;
  formatted: string;
  brand: string;
  luhn_valid: boolean;
}

describe('test_credit_cards.jsonl', () => {
  const rows = fixture<CardRow>('test_credit_cards.jsonl');

  it('LUHN agrees with luhn_valid on every row', () => {
    const wrong = rows.filter((r) => wasm.validate(V.LUHN!, r.number) !== r.luhn_valid);
    expect(wrong.map((r) => r.number)).toEqual([]);
    expect(rows.filter((r) => r.luhn_valid).length).toBe(21);
  });

  it('CREDIT_CARD accepts every Luhn-valid test card, plain and formatted', () => {
    const wrong: string[] = [];
    for (const r of rows) {
      for (const form of [r.number, r.formatted]) {
        if (wasm.validate(V.CREDIT_CARD!, form) !== r.luhn_valid) wrong.push(`${r.brand} ${form}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('CREDIT_CARD rejects each card with its last digit changed', () => {
    const wrong = rows
      .filter((r) => r.luhn_valid)
      .map((r) => r.number.slice(0, -1) + ((Number(r.number.at(-1)) + 1) % 10))
      .filter((n) => wasm.validate(V.CREDIT_CARD!, n));
    expect(wrong).toEqual([]);
  });
});

interface PhoneRow {
  region: string;
  country_code: string;
  type: string;
  national_number: string;
  e164: string;
  formatted_international?: string;
}

describe('libphonenumber_examples.jsonl', () => {
  const rows = fixture<PhoneRow>('libphonenumber_examples.jsonl');
  const digits = (s: string) => s.replace(/\D/g, '').length;

  it('PHONE_INTL accepts every example of 8-15 digits, E.164 and formatted', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of rows) {
      if (digits(r.e164) < 8) continue;
      for (const form of [r.e164, r.formatted_international]) {
        if (form === undefined) continue;
        checked++;
        if (!wasm.validate(V.PHONE_INTL!, form)) wrong.push(`${r.region} ${r.type} ${form}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(1900);
  });

  it('PHONE_INTL rejects the few examples shorter than 8 digits (our E.164 floor)', () => {
    const short = rows.filter((r) => digits(r.e164) < 8);
    expect(short.length).toBe(8);
    expect(short.filter((r) => wasm.validate(V.PHONE_INTL!, r.e164)).map((r) => r.e164)).toEqual([]);
  });

  it('PHONE_INTL rejects a calling code that is not assigned', () => {
    // Prefixes none of whose 1-, 2- or 3-digit heads is a code any region uses.
    const used = new Set(rows.map((r) => r.country_code));
    const free = ['289', '429', '809', '839', '899', '999', '210', '259', '292', '384', '422', '801'];
    for (const p of free) {
      expect([1, 2, 3].filter((n) => used.has(p.slice(0, n))), p).toEqual([]);
      expect(wasm.validate(V.PHONE_INTL!, `+${p} 234 5678`), p).toBe(false);
    }
  });

  it('PHONE_NANP accepts every 10-digit example of +1 regions', () => {
    const nanp = rows.filter((r) => r.country_code === '1' && r.national_number.length === 10);
    expect(nanp.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    for (const r of nanp) {
      for (const form of [r.national_number, r.e164, `+1 ${r.national_number.slice(0, 3)}-${r.national_number.slice(3, 6)}-${r.national_number.slice(6)}`]) {
        if (!wasm.validate(V.PHONE_NANP!, form)) wrong.push(`${r.region} ${r.type} ${form}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// entropy() and hmacSha256()

describe('entropy()', () => {
  it('matches Shannon entropy in bits per byte', () => {
    expect(wasm.entropy('')).toBe(0);
    expect(wasm.entropy('aaaa')).toBe(0);
    expect(wasm.entropy('abcd')).toBeCloseTo(2, 12);
    expect(wasm.entropy('aabb')).toBeCloseTo(1, 12);
    expect(wasm.entropy('abcdefgh')).toBeCloseTo(3, 12);
    const all = new Uint8Array(256).map((_, i) => i);
    expect(wasm.entropy(all)).toBeCloseTo(8, 12);
  });

  it('is high for random base64 secrets and low for words', () => {
    // 24 random bytes in base64 (32 characters), generated once so the test is deterministic
    const secret = 'MuGMIdo2/E8LECSJt9cHdXasTZQ67QKZ';
    expect(wasm.entropy(secret)).toBeGreaterThan(4);
    expect(wasm.entropy('passwordpassword')).toBeLessThan(3);
  });

  it('agrees with a JS reference on random inputs and clears its counts between calls', () => {
    const ref = (b: Uint8Array) => {
      const c = new Map<number, number>();
      for (const x of b) c.set(x, (c.get(x) ?? 0) + 1);
      let h = 0;
      for (const n of c.values()) h -= (n / b.length) * Math.log2(n / b.length);
      return h;
    };
    for (let len = 1; len < 400; len += 7) {
      const b = randomBytes(len).map((x) => x % (1 + (len % 64)));
      expect(wasm.entropy(b)).toBeCloseTo(ref(b), 10);
    }
  });
});

describe('hmacSha256()', () => {
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

  it('RFC 4231 test case 1', () => {
    const key = new Uint8Array(20).fill(0x0b);
    const msg = new TextEncoder().encode('Hi There');
    expect(hex(wasm.hmacSha256(key, msg))).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
  });

  it('RFC 4231 test case 2', () => {
    const key = new TextEncoder().encode('Jefe');
    const msg = new TextEncoder().encode('what do ya want for nothing?');
    expect(hex(wasm.hmacSha256(key, msg))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('RFC 4231 test case 6 (key longer than the block)', () => {
    const key = new Uint8Array(131).fill(0xaa);
    const msg = new TextEncoder().encode('Test Using Larger Than Block-Size Key - Hash Key First');
    expect(hex(wasm.hmacSha256(key, msg))).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });

  it('matches node:crypto for key and message lengths 0..300', () => {
    // Every SHA-256 padding case is hit twice over: the inner hash sees 64 + msgLen bytes and keys
    // over 64 bytes are hashed on their own, so a wrong SHA-256 cannot produce a matching HMAC.
    for (let len = 0; len <= 300; len++) {
      const key = randomBytes((len * 37) % 301);
      const msg = randomBytes(len);
      const want = createHmac('sha256', key).update(msg).digest('hex');
      expect(hex(wasm.hmacSha256(key, msg)), `key ${key.length} msg ${len}`).toBe(want);
    }
    for (let klen = 0; klen <= 300; klen += 1) {
      const key = randomBytes(klen);
      const msg = randomBytes(17);
      expect(hex(wasm.hmacSha256(key, msg))).toBe(createHmac('sha256', key).update(msg).digest('hex'));
    }
  });

  it('handles a large message streamed through many blocks', () => {
    const key = randomBytes(32);
    const msg = randomBytes(200_003);
    expect(hex(wasm.hmacSha256(key, msg))).toBe(createHmac('sha256', key).update(msg).digest('hex'));
  });
});
