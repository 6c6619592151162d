// @dawn-analytics/redact-pii: SyncRedactor with its default built-ins (regexes for credit cards,
// street addresses, zip codes, phones, IPs, SSNs, emails, usernames, passwords, credentials,
// digits, URLs, plus the well-known-names list). Pure JS, offline.
import { createRequire } from 'node:module';
import { installedVersion } from '../lib/version.mjs';

const require = createRequire(import.meta.url);
let redactor;

export default {
  name: '@dawn-analytics/redact-pii',
  version: installedVersion('@dawn-analytics/redact-pii'),
  setup() {
    const { SyncRedactor } = require('@dawn-analytics/redact-pii');
    redactor = new SyncRedactor();
  },
  redact: (text) => redactor.redact(text),
};
