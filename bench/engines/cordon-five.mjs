// Cordon restricted to five PII detectors (the set most peers cover).
import { createScanner } from '../../dist/scan/node.js';

export const FIVE = ['EMAIL', 'PHONE', 'CREDIT_CARD', 'US_SSN', 'IP_ADDRESS'];
let scanner;

export default {
  name: 'Cordon, 5 PII detectors',
  entities: FIVE,
  setup() {
    scanner = createScanner({ entities: FIVE });
  },
  redact: (text) => scanner.redact(text).text,
  spans: (text) => scanner.scan(text),
  describe: () => `\`createScanner({ entities: [${FIVE.map((e) => `'${e}'`).join(', ')}] })\``,
};
