// Cordon with every detector (default options).
import { createScanner } from '../../dist/scan/node.js';

let scanner;

export default {
  name: 'Cordon, all detectors',
  setup() {
    scanner = createScanner();
  },
  redact: (text) => scanner.redact(text).text,
  spans: (text) => scanner.scan(text),
  scanner: () => scanner,
  describe: () => `\`createScanner()\`, default options: ${scanner.entities.length} entities`,
};
