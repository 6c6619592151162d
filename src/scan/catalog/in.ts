import type { Detector } from './types.js';

/** Indian identifiers. */
export const IN_DETECTORS: Detector[] = [
  {
    entity: 'IN_AADHAAR',
    description: 'Aadhaar number (12 digits, first 2-9, usually 4-4-4); Verhoeff check digit. Context required.',
    groups: ['pii'],
    validator: 'AADHAAR',
    patterns: [
      // 4-4-4 also appears inside card numbers, and Verhoeff passes one number in ten: keep it below 0.5.
      // The validator checks the first digit (2-9); plain \d keeps these identical in shape to the card patterns.
      { pattern: String.raw`\b\d{4}[ \-]\d{4}[ \-]\d{4}\b`, score: 0.4 },
      { pattern: String.raw`\b\d{12}\b`, score: 0.3 },
    ],
    contextWords: ['aadhaar', 'aadhar', 'adhaar', 'uid', 'uidai', 'आधार'],
    examples: {
      positive: [
        { text: 'Aadhaar: 2345 6789 0124', match: '2345 6789 0124' },
        { text: 'aadhar no 498730125649', match: '498730125649' },
        { text: 'UIDAI number 6238-4915-2079', match: '6238-4915-2079' },
        { text: 'आधार 2345 6789 0124', match: '2345 6789 0124' },
      ],
      negative: [
        { text: 'Aadhaar 2345 6789 0125' },
        { text: 'Aadhaar 1234 5678 9012' },
        { text: 'Invoice 498730125649' },
      ],
    },
  },
  {
    entity: 'IN_PAN',
    description: 'Indian Permanent Account Number (AAAAA9999A, 4th character = holder category).',
    groups: ['pii'],
    validator: 'IN_PAN',
    patterns: [{ pattern: String.raw`\b[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]\b`, score: 0.5 }],
    contextWords: ['pan', 'permanent account', 'income tax', 'tax', 'आयकर', 'पैन'],
    examples: {
      positive: [
        { text: 'PAN: AFZPK7190K', match: 'AFZPK7190K' },
        { text: 'My PAN card number is BNZAA2318J.', match: 'BNZAA2318J' },
        { text: 'पैन CGTPS4821M', match: 'CGTPS4821M' },
      ],
      negative: [
        { text: 'PAN ABCDE1234F' },
        { text: 'PAN AFZPK7190' },
        { text: 'pan afzpk7190k' },
      ],
    },
  },
];
