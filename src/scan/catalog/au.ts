import type { Detector } from './types.js';

/** Australian identifiers. */
export const AU_DETECTORS: Detector[] = [
  {
    entity: 'AU_TFN',
    description: 'Australian Tax File Number (9 digits, 3-3-3); weighted mod-11 check. Context required.',
    groups: ['pii'],
    validator: 'AU_TFN',
    patterns: [
      // TFNs are written with spaces (the validator rejects dashes).
      { pattern: String.raw`\b\d{3} \d{3} \d{3}\b`, score: 0.4 },
      { pattern: String.raw`\b\d{9}\b`, score: 0.3 },
    ],
    contextWords: ['tfn', 'tax file', 'tax file number', 'tax', 'ato'],
    examples: {
      positive: [
        { text: 'TFN: 876 543 210', match: '876 543 210' },
        { text: 'Tax file number 459321873', match: '459321873' },
        { text: 'tfn 321 786 548', match: '321 786 548' },
      ],
      negative: [
        { text: 'TFN 123 456 789' },
        { text: 'Ref 876543210' },
        { text: 'TFN 876 543 21' },
        { text: 'TFN 876-543-210' },
      ],
    },
  },
  {
    entity: 'AU_MEDICARE',
    description: 'Australian Medicare card number (10 digits, 4-5-1, first 2-6, optional 11th digit IRN); check digit in position 9. Context required.',
    groups: ['pii', 'phi'],
    validator: 'AU_MEDICARE',
    patterns: [{ pattern: String.raw`\b\d{4} ?\d{5} ?\d{1,2}\b`, score: 0.35 }],
    contextWords: ['medicare', 'medicare card', 'irn'],
    examples: {
      positive: [
        { text: 'Medicare: 2950 31480 1', match: '2950 31480 1' },
        { text: 'medicare card 4178632072', match: '4178632072' },
        { text: 'Medicare number 5293 84719 3.', match: '5293 84719 3' },
        { text: 'medicare no 36184520312 (with IRN)', match: '36184520312' },
      ],
      negative: [
        { text: 'Medicare 2950 31481 1' },
        { text: 'Account 2950314801' },
        { text: 'Medicare 7950 31480 1' },
      ],
    },
  },
];
