import type { Detector } from './types.js';

/** United Kingdom identifiers. */
export const UK_DETECTORS: Detector[] = [
  {
    entity: 'UK_NHS',
    description: 'NHS number (10 digits, often 3-3-4); mod-11 check digit. Context required: 10 digits alone are too common.',
    groups: ['pii', 'phi'],
    validator: 'UK_NHS',
    patterns: [
      { pattern: String.raw`\b\d{3}[ \-]\d{3}[ \-]\d{4}\b`, score: 0.4 },
      { pattern: String.raw`\b\d{10}\b`, score: 0.3 },
    ],
    contextWords: ['nhs', 'health service', 'patient', 'gp', 'hospital'],
    examples: {
      positive: [
        { text: 'NHS number: 943 476 5919', match: '943 476 5919' },
        { text: 'NHS 4010232137', match: '4010232137' },
        { text: 'Patient NHS No. 485-777-3457', match: '485-777-3457' },
        { text: '患者 NHS 738 192 6458', match: '738 192 6458' },
      ],
      negative: [
        { text: 'NHS number: 943 476 5918' },
        { text: 'Reference 4010232137' },
        { text: 'NHS 943 476 591' },
      ],
    },
  },
  {
    entity: 'UK_NINO',
    description: 'UK National Insurance number (two letters, six digits, A-D); invalid prefixes rejected.',
    groups: ['pii'],
    validator: 'UK_NINO',
    patterns: [
      {
        // First letter not D F I Q U V; second not D F I O Q U V; optional spaces between pairs.
        pattern: String.raw`\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b`,
        flags: 'i',
        score: 0.55,
      },
    ],
    contextWords: ['nino', 'national insurance', 'insurance', 'ni', 'hmrc', 'versicherungsnummer', 'assurance'],
    examples: {
      positive: [
        { text: 'NI number: JG103726A', match: 'JG103726A' },
        { text: 'National Insurance: PR 73 49 21 B', match: 'PR 73 49 21 B' },
        { text: 'nino SN 48 21 93 C.', match: 'SN 48 21 93 C' },
        { text: '保险号 WK829104D', match: 'WK829104D' },
        { text: 'ni no. hh 01 02 03 d', match: 'hh 01 02 03 d' },
      ],
      negative: [
        { text: 'NINO GB123456A' },
        { text: 'NINO QQ123456C' },
        { text: 'NINO JG103726E' },
        { text: 'NINO JG12345C' },
      ],
    },
  },
];
