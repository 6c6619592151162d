import type { Detector } from './types.js';

// Digit positions of a codice fiscale may be replaced by L-V ("omocodia").
const D = '[0-9LMNP-V]';

/** Italian identifiers. */
export const IT_DETECTORS: Detector[] = [
  {
    entity: 'IT_FISCAL_CODE',
    description: 'Italian codice fiscale (16 characters: surname, name, birth date/sex, place, check character).',
    groups: ['pii'],
    validator: 'IT_FISCAL_CODE',
    checksum: true,
    patterns: [{ pattern: String.raw`\b[A-Z]{6}${D}{2}[ABCDEHLMPR-T]${D}{2}[A-Z]${D}{3}[A-Z]\b`, score: 0.5 }],
    contextWords: ['codice fiscale', 'codice', 'fiscale', 'cf', 'tax code', 'steuernummer'],
    examples: {
      positive: [
        { text: 'Codice fiscale: RSSMRA85T10A562S', match: 'RSSMRA85T10A562S' },
        { text: 'CF BNCGNN72C48F205X.', match: 'BNCGNN72C48F205X' },
        { text: 'tax code VRDLCU90A01H501I', match: 'VRDLCU90A01H501I' },
        { text: '税号 MRTMTT91D08F205J', match: 'MRTMTT91D08F205J' },
      ],
      negative: [
        { text: 'CF RSSMRA85T10A562T' },
        { text: 'CF RSSMRA85Z10A562S' },
        { text: 'cf rssmra85t10a562s' },
      ],
    },
  },
];
