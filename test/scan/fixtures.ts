// Loader for the labelled external fixtures in test/fixtures/ (sources and licences: test/fixtures/README.md).
// Every file is UTF-8 JSON Lines; rows are returned as parsed, never altered.
import { readFileSync } from 'node:fs';

function jsonl<T>(name: string): T[] {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export interface PresidioSpan {
  type: string;
  type_original: string;
  start: number;
  end: number;
  value: string;
  /** Presidio's expected score: a number, or a [min, max] range where either end may be 'max'. */
  score?: number | null;
  score_range?: [number | 'max', number | 'max'];
}

export interface PresidioRow {
  source: string;
  entity_under_test: string;
  entity_under_test_original: string;
  text: string;
  entities: PresidioSpan[];
  expect_count: number;
  spans_complete: boolean;
  test: string;
  recognizer_fixture?: string | null;
  extra_params?: Record<string, unknown>;
  comment?: string;
  reconstructed?: boolean;
}

export interface GitleaksRow {
  source: string;
  rule: string;
  label: 'tp' | 'fp';
  text: string;
  form: 'literal' | 'file' | 'sample_secrets';
  secret?: string;
  identifier?: string;
  path?: string;
  comment?: string;
}

export interface DetectSecretsRow {
  source: string;
  plugin: string;
  label: 'tp' | 'fp';
  text: string;
  secret?: string;
  meta?: Record<string, unknown>;
}

export interface IbanRegistryRow {
  country: string;
  country_code: string;
  sepa: string;
  bban_structure: string;
  bban_length: string;
  iban_structure: string;
  iban_length: string;
  iban: string;
  iban_print: string;
  mod97_valid: boolean;
  source: string;
}

export interface TestCardRow {
  number: string;
  formatted: string;
  brand: string;
  luhn_valid: boolean;
  length: number;
  source_url: string;
}

export interface PhoneExampleRow {
  source: string;
  region: string;
  country_code: string;
  type: string;
  national_number: string;
  e164: string;
  national_prefix: string | null;
  formatted_national?: string;
  formatted_international?: string;
}

export const presidioPii = (): PresidioRow[] => jsonl<PresidioRow>('presidio_pii.jsonl');
export const gitleaksSecrets = (): GitleaksRow[] => jsonl<GitleaksRow>('gitleaks_secrets.jsonl');
export const detectSecretsLines = (): DetectSecretsRow[] => jsonl<DetectSecretsRow>('detect_secrets_lines.jsonl');
export const ibanRegistryExamples = (): IbanRegistryRow[] => jsonl<IbanRegistryRow>('iban_registry_examples.jsonl');
export const testCreditCards = (): TestCardRow[] => jsonl<TestCardRow>('test_credit_cards.jsonl');
export const phoneExamples = (): PhoneExampleRow[] => jsonl<PhoneExampleRow>('libphonenumber_examples.jsonl');
