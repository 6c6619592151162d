import type { Detector } from './types.js';

/** United States identifiers (health identifiers live in health.ts). */
export const US_DETECTORS: Detector[] = [
  {
    entity: 'US_SSN',
    description: 'US Social Security Number (AAA-GG-SSSS); area, group and serial rules checked, published samples rejected.',
    groups: ['pii'],
    validator: 'US_SSN',
    patterns: [
      { pattern: String.raw`\b\d{3}-\d{2}-\d{4}\b`, score: 0.6 },
      // Space- or dot-separated and bare forms are ambiguous: context required.
      { pattern: String.raw`\b\d{3}[ .]\d{2}[ .]\d{4}\b`, score: 0.4 },
      { pattern: String.raw`\b\d{9}\b`, score: 0.3 },
    ],
    contextWords: [
      'ssn', 'ssns', 'social security', 'social', 'ss#',
      'sozialversicherungsnummer', 'sécurité sociale', 'seguro social', 'seguridad social', 'previdenza sociale', 'segurança social',
    ],
    examples: {
      positive: [
        { text: 'SSN: 536-22-4817', match: '536-22-4817' },
        { text: 'My social security number is 212 67 1390.', match: '212 67 1390' },
        { text: 'ssn 401892265', match: '401892265' },
        { text: '社保号 536-22-4817', match: '536-22-4817' },
      ],
      negative: [
        { text: 'SSN: 123-45-6789' },
        { text: 'SSN 078-05-1120' },
        { text: 'ssn 000-12-3456' },
        { text: 'ssn 666-12-3456' },
        { text: 'Order 536224817 shipped' },
      ],
    },
  },
  {
    entity: 'US_ITIN',
    description: 'US Individual Taxpayer Identification Number (9XX-[50-65|70-88|90-92|94-99]-XXXX).',
    groups: ['pii'],
    validator: 'US_ITIN',
    patterns: [
      // Same shapes as US_SSN (the validator requires the leading 9): identical patterns cost the shared
      // DFA nothing, a `9` prefix would split every digit-run state in two.
      { pattern: String.raw`\b\d{3}-\d{2}-\d{4}\b`, score: 0.6 },
      { pattern: String.raw`\b\d{3}[ .]\d{2}[ .]\d{4}\b`, score: 0.4 },
      { pattern: String.raw`\b\d{9}\b`, score: 0.3 },
    ],
    contextWords: ['itin', 'taxpayer', 'tax', 'irs', 'tin', 'steuer', 'steuernummer', 'fiscal', 'impôt', 'impuesto', 'contribuinte'],
    examples: {
      positive: [
        { text: 'ITIN: 912-70-3481', match: '912-70-3481' },
        { text: 'Form W-7 issued 943-88-2071.', match: '943-88-2071' },
        { text: 'ITIN 915 92 3456', match: '915 92 3456' },
        { text: 'tax id 957.65.0139', match: '957.65.0139' },
        { text: 'taxpayer id 957650139', match: '957650139' },
      ],
      negative: [
        { text: 'ITIN 912-45-3481' },
        { text: 'ITIN 812-70-3481' },
        { text: 'Ticket 957650139 closed' },
      ],
    },
  },
  {
    entity: 'US_PASSPORT',
    description: 'US passport number (9 digits, or a letter and 8 digits); context required.',
    groups: ['pii'],
    validator: 'US_PASSPORT',
    patterns: [{ pattern: String.raw`\b(?:[A-Z]\d{8}|\d{9})\b`, score: 0.3 }],
    contextWords: [
      'passport', 'passports', 'travel document',
      'reisepass', 'passeport', 'pasaporte', 'passaporto', 'passaporte', 'paspoort',
    ],
    examples: {
      positive: [
        { text: 'Passport No: 488839667', match: '488839667' },
        { text: 'US passport number C03005988', match: 'C03005988' },
        { text: 'numéro de passeport : 531947802', match: '531947802' },
        { text: '护照 passport E71834529', match: 'E71834529' },
      ],
      negative: [
        { text: 'Order 488839667 shipped' },
        { text: 'passport 111111111' },
        { text: 'passport: 12345' },
        { text: 'passport AB1234567' },
      ],
    },
  },
  {
    entity: 'US_BANK_ROUTING',
    description: 'ABA routing transit number (9 digits, Fed prefix ranges, 3-7-1 checksum); context required.',
    groups: ['pci'],
    validator: 'ABA_ROUTING',
    patterns: [
      { pattern: String.raw`\b\d{9}\b`, score: 0.3 },
      // Printed 4-4-1 on cheques: 0711-0130-7.
      { pattern: String.raw`\b\d{4}-\d{4}-\d\b`, score: 0.3 },
    ],
    contextWords: ['routing', 'aba', 'rtn', 'abartn', 'transit', 'bank', 'wire', 'ach', 'bankleitzahl', 'banque', 'banco', 'banca'],
    examples: {
      positive: [
        { text: 'Routing number: 021000021', match: '021000021' },
        { text: 'ABA 122000661, account 12345678', match: '122000661' },
        { text: 'wire to bank routing 071000013', match: '071000013' },
        { text: 'RTN 261073795', match: '261073795' },
        { text: 'routing no. 0711-0130-7', match: '0711-0130-7' },
      ],
      negative: [
        { text: 'Order 021000021 shipped' },
        { text: 'routing 021000022' },
        { text: 'routing number 12345' },
      ],
    },
  },
];
