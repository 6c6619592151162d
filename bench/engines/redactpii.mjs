// @redactpii/node: regex redactor, default rules (CREDIT_CARD, EMAIL, NAME, PHONE, SSN). Offline
// unless an apiKey is given (it then posts events to a dashboard); we give none.
import { Redactor } from '@redactpii/node';
import { installedVersion } from '../lib/version.mjs';

let redactor;

export default {
  name: '@redactpii/node',
  version: installedVersion('@redactpii/node'),
  setup() {
    redactor = new Redactor();
  },
  redact: (text) => redactor.redact(text),
};
