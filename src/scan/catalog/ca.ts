import type { Detector } from './types.js';

/** Canadian identifiers. */
export const CA_DETECTORS: Detector[] = [
  {
    entity: 'CA_SIN',
    description: 'Canadian Social Insurance Number (9 digits, 3-3-3); Luhn, not starting with 0 or 8. Context required.',
    groups: ['pii'],
    validator: 'CA_SIN',
    patterns: [
      { pattern: String.raw`\b\d{3}[ \-]\d{3}[ \-]\d{3}\b`, score: 0.4 },
      { pattern: String.raw`\b\d{9}\b`, score: 0.3 },
    ],
    contextWords: ['sin', 'social insurance', 'insurance', 'nas', 'assurance sociale', 'assurance', 'canada'],
    examples: {
      positive: [
        { text: 'SIN: 130 692 544', match: '130 692 544' },
        { text: 'Social Insurance Number 271-846-305', match: '271-846-305' },
        { text: "Numéro d'assurance sociale (NAS) : 462 718 396", match: '462 718 396' },
        { text: 'sin 519283741', match: '519283741' },
      ],
      negative: [
        { text: 'SIN: 130 692 545' },
        { text: 'SIN 046 454 286' },
        { text: 'Order 130692544 shipped' },
      ],
    },
  },
];
