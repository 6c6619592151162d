import type { Detector } from './types.js';

/** Spanish identifiers. */
export const ES_DETECTORS: Detector[] = [
  {
    entity: 'ES_NIF',
    description: 'Spanish DNI/NIF (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter); mod-23 control letter.',
    groups: ['pii'],
    validator: 'ES_NIF',
    checksum: true,
    patterns: [
      { pattern: String.raw`\b\d{8}-?[A-Z]\b`, flags: 'i', score: 0.5 },
      { pattern: String.raw`\b[XYZ]\d{7}-?[A-Z]\b`, flags: 'i', score: 0.5 },
    ],
    contextWords: ['dni', 'nif', 'nie', 'documento', 'identidad', 'identificación', 'fiscal', 'extranjero'],
    examples: {
      positive: [
        { text: 'DNI: 48291736Q', match: '48291736Q' },
        { text: 'NIF 73015924-D', match: '73015924-D' },
        { text: 'NIE X1234567L', match: 'X1234567L' },
        { text: 'mi número es Z8273645K.', match: 'Z8273645K' },
        { text: 'nie y6053881-l', match: 'y6053881-l' },
      ],
      negative: [
        { text: 'DNI 48291736A' },
        { text: 'NIE X1234567A' },
        { text: 'Código 12345678' },
      ],
    },
  },
];
