import type { Detector } from './types.js';

/**
 * Health identifiers (PHI). All of them look like ordinary numbers or codes, so every pattern scores
 * below 0.5: only a context word (+0.35) lifts a finding over the default threshold. Their validators
 * are checksums, but `checksum` is deliberately not set: a passing checksum must not bypass context.
 */

export const HEALTH_DETECTORS: Detector[] = [
  {
    entity: 'US_NPI',
    description: 'US National Provider Identifier (10 digits starting 1 or 2; Luhn with the 80840 prefix). Context required.',
    groups: ['phi'],
    validator: 'US_NPI',
    patterns: [
      { pattern: String.raw`\b\d{10}\b`, score: 0.3 },
      { pattern: String.raw`\b\d{4}[ \-]\d{3}[ \-]\d{3}\b`, score: 0.3 },
    ],
    contextWords: ['npi', 'national provider', 'provider', 'prescriber', 'physician', 'nppes', 'billing'],
    examples: {
      positive: [
        { text: 'NPI: 1987654328', match: '1987654328' },
        { text: 'Provider NPI number 1472583693.', match: '1472583693' },
        { text: 'prescriber npi 2039485760', match: '2039485760' },
        { text: 'NPI 1472-583-693', match: '1472-583-693' },
      ],
      negative: [
        { text: 'NPI 1234567890' },
        { text: 'Order 1987654328 shipped' },
        { text: 'NPI 123456789' },
      ],
    },
  },
  {
    entity: 'US_DEA',
    description: 'US DEA registration number (2 letters + 7 digits, check digit). Context required.',
    groups: ['phi'],
    validator: 'US_DEA',
    patterns: [{ pattern: String.raw`\b[A-Z][A-Z9]\d{7}\b`, score: 0.4 }],
    contextWords: ['dea', 'registration', 'prescriber', 'controlled', 'schedule'],
    examples: {
      positive: [
        { text: 'DEA# BJ6142789', match: 'BJ6142789' },
        { text: 'DEA number FM2739158.', match: 'FM2739158' },
        { text: 'prescriber DEA: MS5482017', match: 'MS5482017' },
        { text: '处方 DEA CH9135725', match: 'CH9135725' },
      ],
      negative: [
        { text: 'DEA BJ6142785' },
        { text: 'Flight BJ6142789 departs' },
        { text: 'DEA registration FM2739151' },
      ],
    },
  },
  {
    entity: 'US_MBI',
    description: 'US Medicare Beneficiary Identifier (11 characters, e.g. 1EG4-TE5-MK73). Context required.',
    groups: ['pii', 'phi'],
    validator: 'US_MBI',
    patterns: [
      {
        // Letter positions as plain [A-Z]: the validator rejects S, L, O, I, B, Z (narrow classes cost DFA states).
        pattern: String.raw`\b[1-9][A-Z][A-Z0-9]\d-?[A-Z][A-Z0-9]\d-?[A-Z]{2}\d{2}\b`,
        flags: 'i',
        score: 0.4,
      },
    ],
    contextWords: ['mbi', 'medicare', 'beneficiary', 'cms'],
    examples: {
      positive: [
        { text: 'MBI: 1EG4-TE5-MK73', match: '1EG4-TE5-MK73' },
        { text: 'Medicare beneficiary id 3HK7RD2WX48', match: '3HK7RD2WX48' },
        { text: 'mbi 9AM2-CP7-TN05.', match: '9AM2-CP7-TN05' },
        { text: 'medicare id 1eg4-te5-mk73', match: '1eg4-te5-mk73' },
      ],
      negative: [
        { text: 'MBI 1EG4-TE5-MK7' },
        { text: 'MBI 0EG4-TE5-MK73' },
        { text: 'MBI 1SG4-TE5-MK73' },
        { text: 'Code 1EG4-TE5-MK73 applied' },
      ],
    },
  },
  {
    entity: 'MEDICAL_RECORD_NUMBER',
    description: 'Medical record number (6-10 digits, optional 1-3 letter prefix); no standard format, context required.',
    groups: ['pii', 'phi'],
    patterns: [{ pattern: String.raw`\b(?:[A-Z]{1,3}-?)?\d{6,10}\b`, score: 0.3 }],
    contextWords: [
      // Not "record" or "chart" alone: "record note", "see the chart" and a ticket number would
      // make every nearby 6-10 digit number a medical record number.
      'mrn', 'medical record', 'patient', 'patient chart', 'medical chart', 'hospital', 'admission',
      'krankenakte', 'patientennummer', 'patientenakte', 'fallnummer', 'dossier',
      'expediente', 'historia', 'cartella', 'prontuário', 'prontuario', 'patiëntnummer', 'patiëntdossier',
    ],
    examples: {
      positive: [
        { text: 'MRN: 00123456', match: '00123456' },
        { text: 'Patient chart A-7654321', match: 'A-7654321' },
        { text: 'Krankenakte Nr. 88231907', match: '88231907' },
        { text: 'expediente 4521987', match: '4521987' },
        { text: '病历 MRN 3301928', match: '3301928' },
      ],
      negative: [
        { text: 'Order 00123456 shipped' },
        { text: 'MRN 12345' },
        { text: 'patient aged 45' },
        { text: 'see the chart: 1759683766 requests' },
        { text: 'record note 1742698970 closed' },
      ],
    },
  },
];
