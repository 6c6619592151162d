// Validator dispatch. Each family lives in its own file; this only maps the ids in kinds.ts.
import { Validator } from './kinds';
import { validateCaSin, validateCreditCard, validateLuhn } from './luhn';
import { validateIban } from './iban';
import {
  validateAbaRouting, validateUsDea, validateUsItin, validateUsMbi, validateUsNpi, validateUsPassport,
  validateUsSsn,
} from './us';
import { validateEsNif, validateItFiscalCode, validateUkNhs, validateUkNino } from './europe';
import {
  validateAadhaar, validateAuMedicare, validateAuTfn, validateInPan, validateSgNric,
} from './apac';
import { validateIpv4, validateIpv6, validateMac } from './network';
import { validateCryptoWallet } from './crypto';
import { validateJwt } from './jwt';
import { validatePhoneIntl, validatePhoneNanp } from './phone';
import { validateSwiftBic } from './bic';
import { shannonEntropy } from './entropy';
export { hmacSha256 } from './sha256';

/** Returns 1 when the UTF-8 bytes [ptr, ptr+len) pass validator `kind`, else 0. */
export function validate(kind: i32, ptr: usize, len: i32): i32 {
  if (len < 0) return 0;
  switch (kind) {
    case Validator.NONE: return 1;
    case Validator.LUHN: return validateLuhn(ptr, len);
    case Validator.CREDIT_CARD: return validateCreditCard(ptr, len);
    case Validator.IBAN: return validateIban(ptr, len);
    case Validator.US_SSN: return validateUsSsn(ptr, len);
    case Validator.US_ITIN: return validateUsItin(ptr, len);
    case Validator.ABA_ROUTING: return validateAbaRouting(ptr, len);
    case Validator.AADHAAR: return validateAadhaar(ptr, len);
    case Validator.UK_NHS: return validateUkNhs(ptr, len);
    case Validator.IPV4: return validateIpv4(ptr, len);
    case Validator.IPV6: return validateIpv6(ptr, len);
    case Validator.CRYPTO_WALLET: return validateCryptoWallet(ptr, len);
    case Validator.JWT: return validateJwt(ptr, len);
    case Validator.CA_SIN: return validateCaSin(ptr, len);
    case Validator.AU_TFN: return validateAuTfn(ptr, len);
    case Validator.AU_MEDICARE: return validateAuMedicare(ptr, len);
    case Validator.ES_NIF: return validateEsNif(ptr, len);
    case Validator.IT_FISCAL_CODE: return validateItFiscalCode(ptr, len);
    case Validator.SG_NRIC: return validateSgNric(ptr, len);
    case Validator.US_NPI: return validateUsNpi(ptr, len);
    case Validator.US_DEA: return validateUsDea(ptr, len);
    case Validator.PHONE_NANP: return validatePhoneNanp(ptr, len);
    case Validator.PHONE_INTL: return validatePhoneIntl(ptr, len);
    case Validator.UK_NINO: return validateUkNino(ptr, len);
    case Validator.IN_PAN: return validateInPan(ptr, len);
    case Validator.MAC_ADDRESS: return validateMac(ptr, len);
    case Validator.SWIFT_BIC: return validateSwiftBic(ptr, len);
    case Validator.US_MBI: return validateUsMbi(ptr, len);
    case Validator.US_PASSPORT: return validateUsPassport(ptr, len);
  }
  return 0; // unknown id: never let an unrecognised rule pass
}

/** Shannon entropy of the bytes in bits per byte. */
export function entropy(ptr: usize, len: i32): f64 {
  return shannonEntropy(ptr, len);
}
