import type { Detector } from './types.js';

/** Singapore identifiers. */
export const SG_DETECTORS: Detector[] = [
  {
    entity: 'SG_NRIC',
    description: 'Singapore NRIC/FIN (S/T/F/G/M + 7 digits + check letter).',
    groups: ['pii'],
    validator: 'SG_NRIC',
    checksum: true,
    patterns: [{ pattern: String.raw`\b[STFGM]\d{7}[A-Z]\b`, score: 0.5 }],
    contextWords: ['nric', 'fin', 'ic', 'identity card', 'singpass'],
    examples: {
      positive: [
        { text: 'NRIC: S8012345J', match: 'S8012345J' },
        { text: 'FIN G4827719K', match: 'G4827719K' },
        { text: 'Holder T0123457E, issued 2001', match: 'T0123457E' },
        { text: '身份证 F1234562M', match: 'F1234562M' },
      ],
      negative: [
        { text: 'NRIC S8012345A' },
        { text: 'NRIC A1234567B' },
        { text: 'NRIC S123456D' },
      ],
    },
  },
];
