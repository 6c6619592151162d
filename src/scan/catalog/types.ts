/** Entity groups that may stand wherever a list of entity names is accepted. */
export type EntityGroup = 'pii' | 'pci' | 'phi' | 'secrets';

/** Validator names; the numeric ids live in src/scan/validators.ts and mirror assembly/validators/kinds.ts. */
export type ValidatorName =
  | 'LUHN' | 'CREDIT_CARD' | 'IBAN' | 'US_SSN' | 'US_ITIN' | 'ABA_ROUTING' | 'AADHAAR' | 'UK_NHS'
  | 'IPV4' | 'IPV6' | 'CRYPTO_WALLET' | 'JWT' | 'CA_SIN' | 'AU_TFN' | 'AU_MEDICARE' | 'ES_NIF'
  | 'IT_FISCAL_CODE' | 'SG_NRIC' | 'US_NPI' | 'US_DEA' | 'PHONE_NANP' | 'PHONE_INTL' | 'UK_NINO'
  | 'IN_PAN' | 'MAC_ADDRESS' | 'SWIFT_BIC' | 'US_MBI' | 'US_PASSPORT';

export interface DetectorPattern {
  /** Pattern in Cordon's linear-time syntax (a subset of JS regex syntax, see docs/pattern-syntax.md). */
  pattern: string;
  /** Only `i` is supported. */
  flags?: string;
  /** Base score of a match before validation and context, 0..1. */
  score: number;
  /**
   * A leading part of the match that is context, not the value (e.g. `password\s*=\s*`).
   * The finding starts where the longest match of `lead` from the match start ends.
   */
  lead?: string;
  /** A literal suffix of the match that is not part of the value (e.g. `@` after a password in a URL). */
  trail?: string;
}

export interface DetectorExample {
  /** Text to scan. */
  text: string;
  /** The exact substring that must be reported (positive examples only). */
  match?: string;
}

export interface Detector {
  /** Upper snake case, stable: it appears in findings, configs and metrics. */
  entity: string;
  description: string;
  groups: EntityGroup[];
  patterns: DetectorPattern[];
  /** Runs on the matched value; a failing candidate is dropped. */
  validator?: ValidatorName;
  /** True when the validator is a checksum: a passing candidate scores 1.0. */
  checksum?: boolean;
  /** Lower-case words; one within CONTEXT_WINDOW characters before the match raises the score. */
  contextWords?: string[];
  /** Known placeholder values (compared case-insensitively, separators ignored) that are never reported. */
  fakes?: string[];
  /** Minimum Shannon entropy in bits per character of the value. */
  minEntropy?: number;
  /** Example texts the test suite runs automatically. */
  examples: { positive: DetectorExample[]; negative: DetectorExample[] };
}
